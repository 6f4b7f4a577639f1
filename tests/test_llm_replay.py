"""Replay recorded HTTP exchanges (fixtures/cassettes) and compare with fixtures/expected.

The cassettes' responses are HAND-WRITTEN canned answers (tests/llm_canned.py), not a model's:
no model server was reachable when they were made; each cassette's header says so. Requests
match on method, path and body, so any change to the prompt, schema or request makes these tests
fail until the cassettes are regenerated. No server is contacted (record mode "none").

Regenerate after a deliberate prompt/request change (canned answers, no server needed):

    python tests/make_cassettes.py

Re-record from a real OpenAI-compatible server (writes cassettes and golden outputs):

    OPENAI_API_KEY=... python tests/make_cassettes.py --base-url http://HOST:PORT/v1 --model NAME
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from make_cassettes import CASES, CASSETTES, VCR_CONFIG, Case, recorded_endpoint, run_case
from typer.testing import CliRunner

from summarizer.backends.llm import prompt
from summarizer.errors import ExtractionError

RERECORD = "the request no longer matches its cassette: run `python tests/make_cassettes.py`"


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return str(CASSETTES)


@pytest.fixture
def vcr_config() -> dict[str, Any]:
    return VCR_CONFIG


@pytest.fixture(autouse=True)
def _repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASSETTES.parents[1])
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)


def replayed(case: Case) -> dict[str, Any]:
    base_url, model = recorded_endpoint(case.cassette)
    try:
        return run_case(case, base_url, model)
    except ExtractionError as exc:
        if "Can't play back this request" in str(exc):
            pytest.fail(f"{case.name}: {RERECORD}")
        raise


def golden(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.vcr
@pytest.mark.parametrize(
    "case", [pytest.param(c, marks=pytest.mark.default_cassette(c.name), id=c.name) for c in CASES]
)
def test_replay_matches_golden_output(case: Case, vcr: Any) -> None:
    assert case.cassette.read_text(encoding="utf-8").startswith("# HAND-WRITTEN CANNED")
    result = replayed(case)
    assert result == golden(case.expected)
    assert vcr.play_count == len(vcr.data)  # every recorded exchange was used, in order


@pytest.mark.vcr
@pytest.mark.default_cassette("injection_tools")
def test_injected_quote_never_reaches_the_output(vcr: Any) -> None:
    result = replayed(CASES[2])
    assert all("best investment" not in q["text"] for q in result["quotes"])
    assert any("best investment" in w for w in result["meta"]["warnings"])
    article = Path(CASES[2].article).read_text(encoding="utf-8")
    for q in result["quotes"]:
        assert article[q["start"] : q["end"]] == q["text"]


@pytest.mark.vcr
@pytest.mark.default_cassette("reference_tools")
def test_cli_replay_prints_the_golden_json(vcr: Any) -> None:
    from summarizer.cli import app

    case = CASES[0]
    base_url, model = recorded_endpoint(case.cassette)
    args = ["summarise", case.article, "--base-url", base_url, "--model", model, "-f", "json"]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    result["meta"].pop("seconds")
    assert result == golden(case.expected)


@pytest.mark.vcr
@pytest.mark.default_cassette("reference_tools")
def test_a_prompt_change_is_noticed(vcr: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    original = prompt.template

    def edited(version: str, part: str) -> str:
        return original(version, part) + (" Be brief." if part == "system" else "")

    monkeypatch.setattr(prompt, "template", edited)
    with pytest.raises(ExtractionError, match="Can't play back this request"):
        run_case(CASES[0], *recorded_endpoint(CASES[0].cassette))


def test_replay_matching_ignores_key_order_whitespace_and_host() -> None:
    """Bodies match as parsed JSON; the host and port are not compared."""
    from make_cassettes import json_body
    from vcr.request import Request

    sent = Request("POST", "http://127.0.0.1:5001/v1/chat/completions", b'{"a": 1, "b": [2]}', {})
    same = Request("POST", "http://localhost:6002/v1/chat/completions", '{"b":[2],"a":1}', {})
    other = Request("POST", "http://127.0.0.1:5001/v1/chat/completions", b'{"a": 2, "b": [2]}', {})
    json_body(sent, same)
    with pytest.raises(AssertionError):
        json_body(sent, other)


def test_no_recording_depends_on_a_dependency_version() -> None:
    for cassette in CASSETTES.glob("*.yaml"):
        text = cassette.read_text(encoding="utf-8")
        assert "errors.pydantic.dev" not in text, cassette.name
