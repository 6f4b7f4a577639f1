"""The project's regression suites replayed through ``check``: fixtures/suites/llm-* recorded
from a real model (Qwen2.5-Coder-1.5B on llama.cpp's server), and tests/canned-suites/*, whose
responses are HAND-WRITTEN canned answers (tests/llm_canned.py), not a model's. Each cassette's
header names the server that served it. Requests match on method, path and the parsed JSON
body, so a change to the prompt, schema or request makes these tests fail until the suites are
recorded again: ``python tests/make_cassettes.py`` for the canned ones (no server needed), and
for the real ones ``summarizer record fixtures/suites/llm-qwen1.5b-tools --record-mode all``
against the model their suite.toml names. No server is contacted: replays run with the network
blocked.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pydantic_core
import pytest
import yaml
from llm_canned import INVENTED_QUOTE, ROOT, flood_answer, transit_answer
from typer.testing import CliRunner

from summarizer.backends.llm import prompt
from summarizer.regression.cassettes import comments
from summarizer.regression.check import check_suite
from summarizer.regression.expected import read_expected
from summarizer.regression.recording import NoRecording, replay
from summarizer.regression.suite import Article, Suite, open_suite

SUITES = sorted((ROOT / "fixtures" / "suites").glob("llm-*")) + sorted(
    (ROOT / "tests" / "canned-suites").iterdir()
)
RERECORD = (
    "run `python tests/make_cassettes.py` (tests/canned-suites), and record fixtures/suites "
    "again from the model their suite.toml names"
)


@pytest.fixture(autouse=True)
def _no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)


def replayed(suite: Suite, article: Article) -> dict[str, Any]:
    """The replay; a changed request fails with how this project records its suites."""
    try:
        return replay(suite, article)
    except NoRecording as exc:
        pytest.fail(f"{exc}\nFor this project's suites: {RERECORD}", pytrace=False)


def tools() -> Suite:
    return open_suite(ROOT / "tests" / "canned-suites" / "tools")


def answers(cassette: Path) -> str:
    """Every response body a cassette holds, as one text."""
    data = yaml.safe_load(cassette.read_text(encoding="utf-8"))
    return "\n".join(i["response"]["body"]["string"] for i in data["interactions"])


@pytest.mark.parametrize("root", SUITES, ids=[f"{s.parent.name}/{s.name}" for s in SUITES])
def test_every_article_replays_to_its_blessed_record(root: Path) -> None:
    suite = open_suite(root)
    for article in suite.articles():
        head = comments(suite.cassette(article))
        assert any(line.startswith("server: ") and "not given" not in line for line in head)
        assert any(line.startswith("model: ") for line in head)
        assert replayed(suite, article) == read_expected(suite.expected(article)), RERECORD
    report = check_suite(suite)
    assert report.exit_code == 0, [a.message() for a in report.articles]
    assert {a.status for a in report.articles} == {"unchanged"}


def test_the_canned_answers_cover_speakers_pronouns_nested_and_multi_paragraph_quotes() -> None:
    """What the new fixture articles are for, in the hand-written answers (a real model's
    recording of them may differ; these stay the test doubles)."""
    transit, flood = transit_answer()["quotes"], flood_answer()["quotes"]
    assert len({q["speaker"] for q in transit}) >= 4
    assert {q["mention"] for q in transit} >= {"she", "he", "She", "He"}
    assert any(q["text"].count("'") >= 2 for q in flood)  # a quote nesting another
    suite = tools()
    text = suite.article("flood_inquiry").path.read_text(encoding="utf-8")
    starts = [text.index(q["text"]) for q in flood]
    assert len({text.count("\n\n", 0, start) for start in starts}) >= 3  # one per paragraph
    said = suite.article("transit_talks").path.read_text(encoding="utf-8")
    assert all(q["text"] in said for q in transit)  # verbatim, as a model must copy them


def test_injected_quote_never_reaches_the_output() -> None:
    suite = tools()
    article = suite.article("injection")
    result = replayed(suite, article)
    text = article.path.read_text(encoding="utf-8")
    assert all(INVENTED_QUOTE not in q["text"] for q in result["quotes"])
    for q in result["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]
    if INVENTED_QUOTE in answers(suite.cassette(article)):  # the model obeyed the injection
        assert any("best investment" in w for w in result["meta"]["warnings"])


def test_a_replay_does_not_depend_on_pydantics_error_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh environment may bring another pydantic, whose error text carries its version
    (``errors.pydantic.dev/<version>/...``): the injection case's re-asks must not send it."""
    other = "For further information visit https://errors.pydantic.dev/" + "9.99/v/value_error"
    shown = pydantic_core.ValidationError.__str__
    monkeypatch.setattr(pydantic_core.ValidationError, "__str__", lambda e: f"{shown(e)}\n{other}")
    from summarizer.backends.llm.response import ArticleExtraction

    with pytest.raises(pydantic_core.ValidationError, match=r"9\.99"):  # the patch is in effect
        ArticleExtraction.model_validate({"summary": 3})
    suite = tools()
    article = suite.article("injection")
    assert replayed(suite, article) == read_expected(suite.expected(article))
    assert "errors.pydantic.dev" not in suite.cassette(article).read_text(encoding="utf-8")


def test_a_prompt_change_is_caught_and_names_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    original = prompt.template

    def edited(version: str, part: str) -> str:
        return original(version, part) + (" Be brief." if part == "system" else "")

    monkeypatch.setattr(prompt, "template", edited)
    report = check_suite(open_suite(ROOT / "tests" / "canned-suites" / "json"))
    assert report.exit_code == 2
    [only] = report.articles
    assert only.error is not None
    assert "articles/reference.txt" in only.error
    assert "summarizer check" in only.error and "--live" in only.error


def test_the_check_command_replays_a_suite() -> None:
    from summarizer.cli import app

    done = CliRunner().invoke(app, ["check", str(ROOT / "tests" / "canned-suites" / "json")])
    assert done.exit_code == 0, done.output
    assert "PASS: 1 article(s) unchanged" in done.stdout


def test_no_recording_depends_on_a_dependency_version() -> None:
    for cassette in [c for root in SUITES for c in root.glob("cassettes/*.yaml")]:
        text = cassette.read_text(encoding="utf-8")
        assert "errors.pydantic.dev" not in text, cassette.name
        assert "x-stainless-package-version" not in text, cassette.name
        data: Any = yaml.safe_load(text)
        for i in data["interactions"]:
            json.loads(i["request"]["body"])  # every request body is JSON (matched parsed)
