"""A whole bulk run in-process against the fake OpenAI server (hand-written canned answers).

Covers the LLM path (asyncio engine): one line per article, usage accounting, a bad article in
the middle, the cache on a second run, a 429 storm avoided by ``--rpm``, HTML inputs; and the
process engine with a stand-in backend.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from fake_openai import FakeOpenAI, Received, Reply, tool_reply

from summarizer.backends.base import BackendBase, Draft
from summarizer.bulk.accounting import Tally
from summarizer.bulk.run import BulkOptions, run_bulk
from summarizer.bulk.store import last_per_id
from summarizer.bulk.work import Job
from summarizer.document import Document
from summarizer.errors import ConfigError, InputError
from summarizer.models import Extraction, Quote
from summarizer.settings import Settings

# A hand-written answer, grounded in every article ``article(i)`` makes.
ANSWER = {
    "summary": {"headline": "River peaks", "text": "The river peaked.", "key_points": [1]},
    "events": [
        {
            "description": "Police arrested two men",
            "type": "arrest",
            "sentences": [3],
            "trigger": "arrested",
        }
    ],
    "claims": [],
    "quotes": [
        {
            "sentence": 1,
            "text": "We will rebuild the bridge",
            "kind": "direct",
            "speaker": "Ana Lopez",
            "mention": "Mayor Ana Lopez",
            "cue": "said",
        }
    ],
}


def article(i: int) -> str:
    return (
        f'Officials in town {i} said the river had peaked. "We will rebuild the bridge," '
        f"Mayor Ana Lopez said. Police arrested two men on Tuesday.\n"
    )


def answering(server: FakeOpenAI, delay: float = 0.0) -> None:
    reply = tool_reply(ANSWER, prompt_tokens=100, completion_tokens=20)
    reply.delay = delay
    server.default = reply


def jsonl(path: Path, n: int, start: int = 0) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for i in range(start, start + n):
            f.write(json.dumps({"id": f"a{i}", "text": article(i)}) + "\n")
    return path


def options(tmp_path: Path, inputs: list[str], server: FakeOpenAI, **kw: object) -> BulkOptions:
    settings = Settings(model="fake-model", options={"base_url": server.url, "timeout": 10})
    job = Job(settings, cache_dir=kw.pop("cache_dir", None))  # type: ignore[arg-type]
    out = kw.pop("output", tmp_path / "out.jsonl")
    return BulkOptions(inputs=inputs, output=out, job=job, progress=False, **kw)  # type: ignore[arg-type]


def completions(server: FakeOpenAI) -> list[Received]:
    return [r for r in server.requests if r.path.endswith("/chat/completions")]


def test_llm_run_writes_the_contract_once_per_article(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    answering(fake_openai, delay=0.05)
    src = jsonl(tmp_path / "in.jsonl", 12)
    tally = run_bulk(options(tmp_path, [str(src)], fake_openai, concurrency=4))
    assert (tally.ok, tally.error, tally.requests) == (12, 0, 12)
    assert (tally.prompt_tokens, tally.completion_tokens) == (1200, 240)
    lines = (tmp_path / "out.jsonl").read_text().splitlines()
    assert len(lines) == 12
    for line in lines:
        obj = json.loads(line)
        assert obj.pop("status") == "ok" and obj.pop("cached") is False
        ident = obj.pop("id")
        result = Extraction.model_validate(obj)  # the summarise --format json contract
        assert result.source.id == ident
        (quote,) = result.quotes
        text = article(int(ident[1:]))
        assert text[quote.start : quote.end] == quote.text == "We will rebuild the bridge"


@pytest.mark.parametrize("workers", [1, 2])
def test_concurrency_bounds_the_requests_in_flight_and_is_used(
    tmp_path: Path, fake_openai: FakeOpenAI, workers: int
) -> None:
    answering(fake_openai, delay=0.2)
    src = jsonl(tmp_path / "in.jsonl", 30)
    tally = run_bulk(options(tmp_path, [str(src)], fake_openai, concurrency=5, workers=workers))
    assert tally.ok == 30
    assert fake_openai.peak_in_flight == 5  # never more than asked for, and all of it used


def test_an_article_that_failed_still_counts_what_its_requests_cost(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    good = tool_reply(ANSWER, prompt_tokens=100, completion_tokens=20)
    unusable = tool_reply("{not json", prompt_tokens=100, completion_tokens=20)

    def answer(received: Received) -> Reply:
        return unusable if "town 2 " in received.body.decode() else good

    fake_openai.default = answer
    src = jsonl(tmp_path / "in.jsonl", 4)
    tally = run_bulk(options(tmp_path, [str(src)], fake_openai, concurrency=2, workers=1))
    assert (tally.ok, tally.error) == (3, 1)
    # three good answers, and the answer plus two re-asks for the article that failed
    assert (tally.requests, tally.prompt_tokens, tally.completion_tokens) == (6, 600, 120)
    (line,) = [x for x in (tmp_path / "out.jsonl").read_text().splitlines() if '"error"' in x]
    assert "no usable answer after 3 attempts" in json.loads(line)["error"]


def test_an_article_never_answered_is_cut_off_at_the_article_timeout(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    good = tool_reply(ANSWER)
    never = Reply(delay=3600)  # the server holds this one's answer until it stops

    def answer(received: Received) -> Reply:
        return never if "town 2 " in received.body.decode() else good

    fake_openai.default = answer
    src = jsonl(tmp_path / "in.jsonl", 6)
    # one slot: the articles after a2 are done only if its slot was freed (the request's own
    # timeout, 10 s, and its retries would hold it for minutes)
    opts = options(tmp_path, [str(src)], fake_openai, concurrency=1, workers=1)
    opts.job = replace(opts.job, article_timeout=1.0)
    tally = run_bulk(opts)
    assert (tally.ok, tally.error) == (5, 1)
    error = last_per_id(tmp_path / "out.jsonl")["a2"]["error"]
    assert error == "gave up after the 1 s --article-timeout (requests, retries and re-asks)"


def test_a_bad_article_in_the_middle_is_an_error_line_and_the_run_goes_on(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    answering(fake_openai)
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "1-good.txt").write_text(article(1))
    (folder / "2-binary.txt").write_bytes(b"\x00\x01\x02 PNG junk")
    (folder / "3-empty.txt").write_text("  \n")
    (folder / "4-latin1.txt").write_bytes("Caf\xe9 owner said.".encode("latin-1"))
    (folder / "5-good.md").write_text(article(5))
    tally = run_bulk(options(tmp_path, [str(folder)], fake_openai))
    assert (tally.ok, tally.error) == (2, 3)
    results = last_per_id(tmp_path / "out.jsonl")
    assert {k: v["status"] for k, v in results.items()} == {
        "1-good.txt": "ok",
        "2-binary.txt": "error",
        "3-empty.txt": "error",
        "4-latin1.txt": "error",
        "5-good.md": "ok",
    }
    assert "binary" in str(results["2-binary.txt"]["error"])
    assert "empty" in str(results["3-empty.txt"]["error"])
    assert "decode" in str(results["4-latin1.txt"]["error"])

    # resuming retries only the errors: no ok article is sent again or written twice
    sent = len(completions(fake_openai))
    (folder / "3-empty.txt").write_text(article(3))
    again = run_bulk(options(tmp_path, [str(folder)], fake_openai))
    assert (again.skipped, again.ok, again.error) == (2, 1, 2)
    assert len(completions(fake_openai)) == sent + 1
    lines = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    ok_ids = [x["id"] for x in lines if x["status"] == "ok"]
    assert sorted(ok_ids) == ["1-good.txt", "3-empty.txt", "5-good.md"]


def test_a_second_run_over_the_same_texts_is_served_from_the_cache(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    answering(fake_openai)
    src = jsonl(tmp_path / "in.jsonl", 6)
    cache = str(tmp_path / "cache")
    first = run_bulk(options(tmp_path, [str(src)], fake_openai, cache_dir=cache))
    assert first.requests == 6 and first.cached == 0
    sent = len(completions(fake_openai))
    out2 = tmp_path / "second.jsonl"
    second = run_bulk(options(tmp_path, [str(src)], fake_openai, cache_dir=cache, output=out2))
    assert len(completions(fake_openai)) == sent  # zero model requests
    assert (second.ok, second.cached, second.requests, second.prompt_tokens) == (6, 6, 0, 0)
    a = {k: v for k, v in last_per_id(tmp_path / "out.jsonl").items()}
    b = last_per_id(out2)
    assert all(b[k]["cached"] is True and b[k]["quotes"] == a[k]["quotes"] for k in a)

    # --no-cache: sent again
    third = run_bulk(options(tmp_path, [str(src)], fake_openai, output=tmp_path / "3.jsonl"))
    assert third.requests == 6


def test_a_429_storm_is_avoided_by_rpm(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    """The server takes at most 2 requests in any 1-second window (120 a minute)."""
    lock = threading.Lock()
    accepted: list[float] = []
    state = {"refused": 0}
    ok = tool_reply(ANSWER)

    def strict(_: Received) -> Reply:
        with lock:
            now = time.monotonic()
            if len([t for t in accepted if now - t < 1.0]) >= 2:
                state["refused"] += 1
                return Reply.error(429, "rate limited", headers={"Retry-After": "0.5"})
            accepted.append(now)
        return ok

    fake_openai.default = strict
    src = jsonl(tmp_path / "in.jsonl", 6)
    tally = run_bulk(options(tmp_path, [str(src)], fake_openai, concurrency=6, rpm=100))
    assert (tally.ok, state["refused"], len(completions(fake_openai))) == (6, 0, 6)

    # the same run without --rpm bounces off the limit (retries recover it, at a cost)
    storm = run_bulk(
        options(tmp_path, [str(src)], fake_openai, concurrency=6, output=tmp_path / "storm.jsonl")
    )
    assert state["refused"] > 0 and storm.requests > 6


def test_two_worker_processes_share_one_rpm_budget(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    """--rpm 100 over 2 processes: the server sees 100 a minute in all, not 100 from each."""
    answering(fake_openai)
    src = jsonl(tmp_path / "in.jsonl", 8)
    opts = options(tmp_path, [str(src)], fake_openai, concurrency=8, workers=2, rpm=100)
    tally = run_bulk(opts)
    assert tally.ok == 8
    at = sorted(r.at for r in completions(fake_openai))
    assert len(at) == 8
    most_in_a_second = max(len([t for t in at if s <= t < s + 1.0]) for s in at)
    assert most_in_a_second <= 2  # 0.6 s apart: each process alone would allow 4
    assert at[-1] - at[0] >= 7 * 0.6 * 0.95  # spaced all along, not one burst


def test_html_inputs_go_through_trafilatura(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    answering(fake_openai)
    page = (
        "<html><head><title>Flood</title></head><body><nav>Home | World</nav><article>"
        f"<h1>Flood</h1><p>{article(1)}</p><p>Residents returned home as waters receded across "
        "the valley, and schools stayed closed for the rest of the week.</p></article></body></html>"
    )
    (tmp_path / "page.html").write_text(page)
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "inline", "html": page}) + "\n")
    tally = run_bulk(options(tmp_path, [str(tmp_path / "page.html"), str(src)], fake_openai))
    assert tally.ok == 2, (tmp_path / "out.jsonl").read_text()
    for r in last_per_id(tmp_path / "out.jsonl").values():
        src_text = r["source"]["text"]  # type: ignore[index]
        assert "Home | World" not in src_text
        q = r["quotes"][0]  # type: ignore[index]
        assert src_text[q["start"] : q["end"]] == q["text"]


def test_bad_usage_is_refused_before_anything_is_written(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no articles found"):
        run_bulk(options(tmp_path, [str(tmp_path / "empty")], fake_openai))
    assert not (tmp_path / "out.jsonl").exists()
    src = jsonl(tmp_path / "in.jsonl", 1)
    with pytest.raises(ConfigError, match="--output"):
        run_bulk(options(tmp_path, [str(src)], fake_openai, output=tmp_path / "no" / "out.jsonl"))
    with pytest.raises(ConfigError, match="--rpm"):
        run_bulk(options(tmp_path, [str(src)], fake_openai, engine="process", rpm=10))


class EchoBackend(BackendBase):
    """A stand-in backend for the process engine: quotes the first quoted words it finds."""

    name = "echo"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def extract(self, doc: Document) -> Draft:
        if "CRASH" in doc.text:
            raise RuntimeError("backend bug on this article")
        start = doc.text.index('"') + 1
        end = doc.text.index('"', start)
        return Draft(quotes=[Quote(text=doc.text[start:end], start=start, end=end, kind="direct")])


def run_processes(
    tmp_path: Path,
    n: int,
    factory: type,
    *,
    workers: int,
    batch_size: int,
    crash: int | None = None,
) -> Tally:
    """The process engine over ``n`` articles (``p0``...), article ``crash`` one that breaks
    ``EchoBackend``; results in ``tmp_path/out.jsonl``."""
    rows = [{"id": f"p{i}", "text": article(i)} for i in range(n)]
    if crash is not None:
        rows[crash]["text"] = 'CRASH "here".'
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    opts = BulkOptions(
        inputs=[str(src)],
        output=tmp_path / "out.jsonl",
        job=Job(Settings()),
        engine="process",
        workers=workers,
        batch_size=batch_size,
        progress=False,
    )
    return run_bulk(opts, factory=factory)


def test_process_engine_runs_batches_in_worker_processes(tmp_path: Path) -> None:
    tally = run_processes(tmp_path, 20, EchoBackend, workers=2, batch_size=3, crash=7)
    assert (tally.ok, tally.error) == (19, 1)
    results = last_per_id(tmp_path / "out.jsonl")
    assert len(results) == 20
    assert (
        results["p7"]["error"] == "backend 'echo' failed: RuntimeError: backend bug on this article"
    )
    assert results["p3"]["quotes"][0]["text"] == "We will rebuild the bridge,"  # type: ignore[index]


class BatchEchoBackend(EchoBackend):
    """``EchoBackend`` with ``extract_many`` (as the rules backend has), marking how it ran."""

    def extract(self, doc: Document) -> Draft:
        draft = super().extract(doc)
        draft.warnings = ["one by one"]
        return draft

    def extract_many(self, docs: list[Document]) -> list[Draft]:
        drafts = [super(BatchEchoBackend, self).extract(d) for d in docs]
        for d in drafts:
            d.warnings = ["batched"]
        return drafts


def test_process_engine_extracts_batches_together_and_isolates_a_bad_article(
    tmp_path: Path,
) -> None:
    tally = run_processes(tmp_path, 8, BatchEchoBackend, workers=1, batch_size=4, crash=5)
    assert (tally.ok, tally.error) == (7, 1)
    results = last_per_id(tmp_path / "out.jsonl")
    # the backend's own warning first (grounding then names the summary it had to fill in)
    how = {k: v["meta"]["warnings"][:1] for k, v in results.items() if v["status"] == "ok"}  # type: ignore[index]
    assert how == {
        **{f"p{i}": ["batched"] for i in range(4)},
        **{f"p{i}": ["one by one"] for i in (4, 6, 7)},
    }


def test_several_base_urls_share_the_run(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    answering(fake_openai, delay=0.05)
    with FakeOpenAI() as second:
        answering(second, delay=0.05)
        src = jsonl(tmp_path / "in.jsonl", 12)
        opts = options(tmp_path, [str(src)], fake_openai, concurrency=4, workers=1)
        opts.base_urls = (fake_openai.url, second.url)
        tally = run_bulk(opts)
        assert tally.ok == 12
        a, b = len(completions(fake_openai)), len(completions(second))
    assert a + b == 12 and a >= 3 and b >= 3


class BlasProbeBackend(EchoBackend):
    """Reports, as a warning, how many BLAS threads the process extracting it may use."""

    def extract(self, doc: Document) -> Draft:
        from threadpoolctl import threadpool_info

        draft = super().extract(doc)
        draft.warnings = [f"blas {max((p['num_threads'] for p in threadpool_info()), default=1)}"]
        return draft


def test_worker_processes_use_one_blas_thread_each(tmp_path: Path) -> None:
    import numpy  # noqa: F401  # BLAS loaded before the workers fork, as spaCy loads it for real

    run_processes(tmp_path, 4, BlasProbeBackend, workers=2, batch_size=2)
    results = last_per_id(tmp_path / "out.jsonl")
    assert {r["meta"]["warnings"][0] for r in results.values()} == {"blas 1"}  # type: ignore[index]
