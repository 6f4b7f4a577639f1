"""``bulk --batch`` against the fake Batch API (``FakeOpenAI.batches``): requests, results,
failures, expiry, re-asks, split files and resume. Every answer is hand-written (``ANSWER`` of
``test_bulk_run``, or a deliberately ungrounded copy of it), not a model's.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from fake_openai import FakeOpenAI, Reply, tool_reply
from test_bulk_run import ANSWER, article, completions, jsonl, options

from summarizer.bulk.accounting import load_prices, summary_line
from summarizer.bulk.batch import state as st
from summarizer.bulk.batch.engine import BatchOptions
from summarizer.bulk.run import run_bulk
from summarizer.bulk.runner import Interrupted
from summarizer.bulk.store import last_per_id

FAST = {"poll_min": 0.01, "poll_max": 0.05}


def good(cid: str, body: dict[str, Any]) -> Reply:
    return tool_reply(ANSWER, prompt_tokens=100, completion_tokens=20)


def batch_options(tmp_path: Path, server: FakeOpenAI, n: int, **kw: Any) -> Any:
    src = jsonl(tmp_path / "in.jsonl", n)
    batch = BatchOptions(**{**FAST, **kw.pop("batch", {})})
    return options(tmp_path, [str(src)], server, batch=batch, **kw)


def sent_lines(server: FakeOpenAI) -> list[dict[str, Any]]:
    """Every request line of every batch file uploaded."""
    return [
        json.loads(x)
        for fid, f in server.batches.files.items()
        if f["purpose"] == "batch"
        for x in server.batches.content[fid].splitlines()
    ]


def test_a_batch_run_writes_every_article_once_with_batch_prices(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    fake_openai.batches.answer = good
    tally = run_bulk(batch_options(tmp_path, fake_openai, 5))
    assert (tally.ok, tally.error, tally.requests) == (5, 0, 5)
    assert not completions(fake_openai)  # nothing went through the live endpoint
    results = last_per_id(tmp_path / "out.jsonl")
    assert sorted(results) == [f"a{i}" for i in range(5)]
    q = results["a3"]["quotes"][0]  # type: ignore[index]
    assert article(3)[q["start"] : q["end"]] == "We will rebuild the bridge"
    assert [x["custom_id"] for x in sent_lines(fake_openai)] == [f"a{i}#0" for i in range(5)]
    assert tally.batch_prompt_tokens == 500 and tally.batch_completion_tokens == 100
    line = summary_line(tally, "gpt-4o-mini", load_prices(None), interrupted=False)
    assert "at batch prices" in line and "saved" in line


def test_failed_lines_become_error_lines_with_their_reason(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    def some_fail(cid: str, body: dict[str, Any]) -> Reply:
        if cid == "a2#0":
            return Reply.error(500, "scripted: the model server fell over")
        return good(cid, body)

    fake_openai.batches.answer = some_fail
    tally = run_bulk(batch_options(tmp_path, fake_openai, 4))
    assert (tally.ok, tally.error) == (3, 1)
    results = last_per_id(tmp_path / "out.jsonl")
    assert results["a2"]["status"] == "error"
    assert "the model server fell over" in str(results["a2"]["error"])
    (batch_id,) = fake_openai.batches.batches
    assert batch_id in str(results["a2"]["error"])  # which batch, to look it up


def test_an_expired_batch_keeps_what_was_answered(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    fake_openai.batches.answer = good
    fake_openai.batches.steps = ["validating", "in_progress", "expired"]
    fake_openai.batches.answered_before_expiry = 2
    tally = run_bulk(batch_options(tmp_path, fake_openai, 5))
    assert (tally.ok, tally.error) == (2, 3)
    results = last_per_id(tmp_path / "out.jsonl")
    assert [results[f"a{i}"]["status"] for i in range(5)] == ["ok"] * 2 + ["error"] * 3
    assert "batch_expired" in str(results["a4"]["error"])

    # run again: only the three that expired are sent, in a new batch
    fake_openai.batches.steps = ["validating", "completed"]
    again = run_bulk(batch_options(tmp_path, fake_openai, 5))
    assert (again.skipped, again.ok, again.error) == (2, 3, 0)
    assert [x["custom_id"] for x in sent_lines(fake_openai)][-3:] == ["a2#0", "a3#0", "a4#0"]
    assert len(sent_lines(fake_openai)) == 8


UNGROUNDED = copy.deepcopy(ANSWER)
UNGROUNDED["quotes"][0]["text"] = "We will never rebuild anything"  # not in the article


@pytest.mark.parametrize("reask", ["live", "batch"])
def test_an_ungrounded_answer_is_re_asked(
    tmp_path: Path, fake_openai: FakeOpenAI, reask: str
) -> None:
    seen: list[dict[str, Any]] = []  # a1's requests, in order

    def first_wrong(cid: str, body: dict[str, Any]) -> Reply:
        if cid != "a1#0":
            return good(cid, body)
        seen.append(body)
        return tool_reply(UNGROUNDED) if len(seen) == 1 else good(cid, body)

    fake_openai.batches.answer = first_wrong
    fake_openai.default = tool_reply(ANSWER)  # the live path's answer to a re-ask
    tally = run_bulk(batch_options(tmp_path, fake_openai, 3, batch={"reask": reask}))
    assert (tally.ok, tally.error) == (3, 0)
    results = last_per_id(tmp_path / "out.jsonl")
    assert results["a1"]["meta"]["usage"]["requests"] == 2  # type: ignore[index]
    assert not any("never rebuild" in w for w in results["a1"]["meta"]["warnings"])  # type: ignore[index]
    assert [q["text"] for q in results["a1"]["quotes"]] == ["We will rebuild the bridge"]  # type: ignore[index, union-attr]
    if reask == "live":
        (asked,) = [r.json() for r in completions(fake_openai)]
        assert len(fake_openai.batches.batches) == 1
    else:
        assert not completions(fake_openai)
        assert len(fake_openai.batches.batches) == 2
        asked = seen[-1]
        assert [x["custom_id"] for x in sent_lines(fake_openai)][-1] == "a1#0"
        assert tally.batch_prompt_tokens == 400
    # the re-ask is the first request, the wrong answer and what is wrong with it
    first = seen[0]
    assert asked["messages"][: len(first["messages"])] == first["messages"]
    said = json.dumps(asked["messages"][len(first["messages"]) :])
    assert "We will never rebuild anything" in said and "not found verbatim" in said
    assert {k: v for k, v in asked.items() if k != "messages"} == {
        k: v for k, v in first.items() if k != "messages"
    }


def test_request_files_are_split_at_the_limits(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    fake_openai.batches.answer = good
    tally = run_bulk(batch_options(tmp_path, fake_openai, 5, batch={"max_requests": 2}))
    assert tally.ok == 5
    sizes = [len(c.splitlines()) for c in fake_openai.batches.content.values() if b"custom_id" in c]
    assert sizes[:3] == [2, 2, 1] and len(fake_openai.batches.batches) == 3

    one = max(len(x) + 1 for c in fake_openai.batches.content.values() for x in c.splitlines())
    out = tmp_path / "bytes.jsonl"
    small = batch_options(tmp_path, fake_openai, 5, output=out, batch={"max_bytes": one + 10})
    assert run_bulk(small).ok == 5
    assert len(fake_openai.batches.batches) == 3 + 5


def test_a_batch_made_before_a_kill_is_found_not_made_again(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    """Killed after the create request left and before its answer was saved: the state says
    ``creating`` with no batch id; the re-run finds the batch by its input file."""
    fake_openai.batches.answer = good
    fake_openai.batches.hold = True
    opts = batch_options(tmp_path, fake_openai, 3, batch={"poll_min": 0.01})
    folder = st.folder_for(opts.output)

    import threading

    stop = threading.Event()

    def unhold_when_submitted() -> None:
        while not stop.wait(0.02):
            if fake_openai.batches.batches:
                return

    watcher = threading.Thread(target=unhold_when_submitted)
    watcher.start()
    with pytest.raises(Interrupted):
        _run_until_submitted(opts, folder)
    stop.set()
    watcher.join()
    state = st.load(folder)
    (entry,) = state.entries
    assert entry.batch_id is not None
    entry.step, entry.batch_id = "creating", None  # as if killed before the id was saved
    st.save(folder, state)
    fake_openai.batches.hold = False
    tally = run_bulk(opts)
    assert tally.ok == 3 and len(fake_openai.batches.batches) == 1
    assert len(sent_lines(fake_openai)) == 3


def _run_until_submitted(opts: Any, folder: Path) -> None:
    """Run until the batch is submitted, then stop the run as Ctrl-C would."""
    import time as _time

    from summarizer.bulk.batch import engine

    real_sleep = _time.sleep

    def interrupt(seconds: float) -> None:
        if any(e.step == "submitted" for e in st.load(folder).entries):
            raise KeyboardInterrupt
        real_sleep(seconds)

    engine.time.sleep = interrupt  # type: ignore[attr-defined]
    try:
        run_bulk(opts)
    finally:
        engine.time.sleep = real_sleep  # type: ignore[attr-defined]


def test_batch_cancel_cancels_what_is_in_flight(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    fake_openai.batches.answer = good
    fake_openai.batches.hold = True
    opts = batch_options(tmp_path, fake_openai, 3)
    with pytest.raises(Interrupted):
        _run_until_submitted(opts, st.folder_for(opts.output))
    fake_openai.batches.hold = False
    assert opts.batch is not None
    opts.batch.cancel = True
    tally = run_bulk(opts)
    (batch,) = fake_openai.batches.batches.values()
    assert batch.status == "cancelled"
    assert any(r.path.endswith("/cancel") for r in fake_openai.requests)
    assert (tally.ok, tally.error) == (0, 3)
    results = last_per_id(tmp_path / "out.jsonl")
    assert all("not answered: the batch cancelled" in str(r["error"]) for r in results.values())
    assert st.load(st.folder_for(opts.output)).in_flight() == set()


def test_a_long_article_is_sent_in_chunks_and_merged(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    fake_openai.batches.answer = good
    text = "\n\n".join(article(i) for i in range(4))  # four paragraphs, one quote each
    src = tmp_path / "long.jsonl"
    src.write_text(json.dumps({"id": "long#1", "text": text}) + "\n")
    opts = options(tmp_path, [str(src)], fake_openai, batch=BatchOptions(**FAST))
    opts.job.settings.max_input_tokens = 40  # a paragraph or two per request
    tally = run_bulk(opts)
    assert tally.ok == 1
    ids = [x["custom_id"] for x in sent_lines(fake_openai)]
    assert len(ids) > 1 and ids == [f"long#1#{n}" for n in range(len(ids))]
    (result,) = last_per_id(tmp_path / "out.jsonl").values()
    quotes = result["quotes"]
    assert len(quotes) == 4  # type: ignore[arg-type]
    assert all(text[q["start"] : q["end"]] == q["text"] for q in quotes)  # type: ignore[index, union-attr]
    assert result["meta"]["usage"]["requests"] == len(ids)  # type: ignore[index]
