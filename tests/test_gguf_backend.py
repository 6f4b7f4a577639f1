"""``--model gguf:PATH``: a GGUF model run in process by llama-cpp-python.

The model is ``tests/tiny_gguf.py``'s, written here: random weights, nothing downloaded. Its
answers are schema-valid nonsense (llama.cpp's grammar from the response schema makes them
parse), so grounding has to drop every item it cannot place and say so. Skipped when
llama-cpp-python (the ``local`` extra) is not installed; CI installs it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.backends.base import Draft
from summarizer.document import Document
from summarizer.errors import ConfigError
from summarizer.loading import source_for
from summarizer.models import Extraction
from summarizer.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
TEXT = (
    "Harbour workers walked out on Monday in Port Ellis.\n\n"
    '"We will not go back until the cranes are safe," said union leader Maria Okafor.\n\n'
    "The port authority said talks would resume on Friday.\n"
)


def _sample() -> str:
    """The text the tiny model's vocabulary is fitted to: the prompt and the article."""
    from summarizer.backends.llm.instructed import response_model
    from summarizer.backends.llm.prompt import template

    schema = json.dumps(response_model().model_json_schema(), indent=2)
    return template("extract-v1", "system") + template("extract-v1", "user") + schema + TEXT


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("llama_cpp", reason="llama-cpp-python: pip install 'summarizer[local]'")
    pytest.importorskip("gguf", reason="the gguf package writes the test model")
    import tiny_gguf

    return tiny_gguf.write(tmp_path_factory.mktemp("gguf") / "tiny.gguf", _sample())


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SUMMARIZER_MODEL", "OPENAI_BASE_URL")}
    env["XDG_CACHE_HOME"] = str(cwd / "xdg")
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
    )


def _assert_grounded(record: dict[str, object], text: str) -> None:
    """Valid output contract, and every span it keeps is the article's own text there."""
    result = Extraction.model_validate(record)
    assert result.meta.backend == "gguf"
    for item in [*result.quotes, *result.claims]:
        assert text[item.start : item.end] == item.text
    for event in result.events:
        assert all(text[e.start : e.end] == e.text for e in event.evidence)


def test_summarise_with_a_gguf_file_grounds_or_drops_what_the_model_says(
    model: Path, tmp_path: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    proc = _cli(
        "summarise", str(article), "--model", f"gguf:{model}", "--max-retries", "1",
        "--format", "json", cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    _assert_grounded(record, TEXT)
    meta = record["meta"]
    assert meta["model"] == "tiny.gguf" and meta["prompt_version"] == "extract-v1"
    assert meta["usage"]["requests"] == 2  # the nonsense is re-asked once, then salvaged
    assert meta["usage"]["prompt_tokens"] > 1000
    # what the model said and could not be placed is named, not kept
    assert any("still wrong after 2 attempts" in w for w in meta["warnings"])
    assert record["quotes"] == [] and record["claims"] == []


def test_bulk_runs_worker_processes_that_each_load_the_model_once(
    model: Path, tmp_path: Path
) -> None:
    from summarizer.backends.gguf import GGUFBackend
    from summarizer.bulk.run import BulkOptions, engine_for, run_bulk
    from summarizer.bulk.store import last_per_id
    from summarizer.bulk.work import Job

    loads = tmp_path / "loads.txt"

    class Counted(GGUFBackend):
        """Writes down which process loads the model (a subclass only to count)."""

        def _load(self) -> object:
            if self._llama is None:
                with loads.open("a") as f:
                    f.write(f"{os.getpid()}\n")
            return super()._load()

    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": f"a{i}", "text": TEXT}) + "\n" for i in range(4)),
        encoding="utf-8",
    )
    settings = Settings(model=f"gguf:{model}", max_retries=0)
    options = BulkOptions([str(src)], tmp_path / "out.jsonl", Job(settings), workers=2,
                          batch_size=1, progress=False)  # fmt: skip
    assert engine_for(options, Counted(settings)) == "process"
    tally = run_bulk(options, factory=Counted)
    assert (tally.ok, tally.error) == (4, 0)
    for record in last_per_id(tmp_path / "out.jsonl").values():
        _assert_grounded(
            {k: v for k, v in record.items() if k not in ("id", "status", "cached")}, TEXT
        )
    pids = loads.read_text().split()
    assert len(pids) == len(set(pids)) == 2  # one load per worker, none in the parent
    assert str(os.getpid()) not in pids


def test_loading_leaves_llama_cpp_as_it_was(model: Path) -> None:
    import llama_cpp.llama

    from summarizer.backends.gguf import GGUFBackend

    before = llama_cpp.llama.llama_cpp.llama_model_default_params
    backend = GGUFBackend(Settings(model=f"gguf:{model}"))
    backend.warm_up()
    assert backend._llama.model_params.use_extra_bufts is False
    assert llama_cpp.llama.llama_cpp.llama_model_default_params is before
    assert before().use_extra_bufts is True  # the library's own default, untouched


def test_backend_properties(model: Path) -> None:
    from summarizer.backends.gguf import GGUFBackend

    backend = GGUFBackend(Settings(model=f"gguf:{model}"))
    assert (backend.bound, backend.share_warm_up) == ("cpu", False)
    assert backend.input_budget <= backend.n_ctx // 3
    assert GGUFBackend(Settings(model=f"gguf:{model}", max_input_tokens=900)).input_budget == 900
    identity = dict(backend.cache_identity)
    os.utime(model, ns=(model.stat().st_atime_ns, model.stat().st_mtime_ns + 1))
    assert backend.cache_identity != identity  # a replaced file is another model
    empty = backend.extract(Document(text="", source=source_for("", source_id="x")))
    assert isinstance(empty, Draft) and empty.usage.requests == 0


def test_a_file_that_is_not_gguf_is_one_line_exit_2(model: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"not a model at all")
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    proc = _cli("summarise", str(article), "--model", f"gguf:{bad}", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("summarizer: --model gguf:") and "cannot load" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    from summarizer.backends.gguf import GGUFBackend

    with pytest.raises(ConfigError, match="no GGUF file"):
        GGUFBackend(Settings(model=f"gguf:{tmp_path / 'nope.gguf'}"))


def test_without_the_local_extra_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer.backends.gguf import backend

    path = tmp_path / "m.gguf"
    path.write_bytes(b"GGUF")
    monkeypatch.setattr(backend.importlib.util, "find_spec", lambda name: None)  # not installed
    with pytest.raises(ConfigError, match=r"summarizer\[local\]"):
        backend.GGUFBackend(Settings(model=f"gguf:{path}"))
