"""``check``: replays judged against blessed records, --update, --live, --repeat
(summarizer.regression.check). Live runs ask tests/fake_openai.py, serving the HAND-WRITTEN
answers of tests/llm_canned.py (not a model)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from fake_openai import FakeOpenAI, Received, Reply, content_reply
from llm_canned import ROOT, reference_answer
from make_cassettes import canned

from summarizer.backends.llm import prompt
from summarizer.regression.check import check_suite
from summarizer.regression.expected import read_expected
from summarizer.regression.suite import Suite, open_suite

SUITE = ROOT / "tests" / "canned-suites" / "json"


def copied(tmp_path: Path, base_url: str | None = None) -> Suite:
    """A copy of the JSON-mode suite (one article), its model served at ``base_url``."""
    root = tmp_path / "suite"
    shutil.copytree(SUITE, root)
    if base_url is not None:
        toml = (root / "suite.toml").read_text(encoding="utf-8")
        toml = toml.replace(
            'name = "canned-model"', f'name = "canned-model"\nbase_url = "{base_url}"'
        )
        (root / "suite.toml").write_text(toml, encoding="utf-8")
    return open_suite(root)


def bless_other(suite: Suite) -> dict[str, Any]:
    """Make the blessed record differ from what the cassette gives: a quote less, a speaker."""
    path = suite.root / "expected" / "reference.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["quotes"][2]["speaker"]["name"] = "Someone Else"
    del record["quotes"][0]
    path.write_text(json.dumps(record), encoding="utf-8")
    return record


def test_a_change_regresses_and_update_blesses_it(tmp_path: Path) -> None:
    suite = copied(tmp_path)
    bless_other(suite)
    report = check_suite(suite)
    assert report.exit_code == 1
    [article] = report.articles
    assert article.status == "regressed"
    message = article.message() or ""
    assert "quote added: “hostile act” (Baghdad)" in message
    assert "speaker Someone Else → Nasser Kanaani" in message
    updated = check_suite(suite, update=True)
    assert updated.exit_code == 0
    assert updated.updated == ["expected/reference.json (quotes +1 ~1)"]
    assert read_expected(suite.expected(article.article)) == article.record
    again = check_suite(suite, update=True)
    assert again.exit_code == 0 and again.updated == []
    assert check_suite(suite).exit_code == 0


def test_update_blesses_a_new_article(tmp_path: Path) -> None:
    suite = copied(tmp_path)
    suite.expected(suite.article("reference")).unlink()
    assert check_suite(suite).exit_code == 2  # nothing to compare with: record or --update
    assert check_suite(suite, update=True).updated == ["expected/reference.json (new)"]
    assert check_suite(suite).exit_code == 0


def test_a_prompt_change_then_live_update_records_the_new_requests(
    tmp_path: Path, fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_openai.default = canned
    suite = copied(tmp_path, fake_openai.url)
    original = prompt.template
    monkeypatch.setattr(
        prompt,
        "template",
        lambda v, part: original(v, part) + (" Be brief." if part == "system" else ""),
    )
    offline = check_suite(suite)
    assert offline.exit_code == 2 and "articles/reference.txt" in (offline.articles[0].error or "")
    live = check_suite(suite, live=True)
    assert live.exit_code == 0 and len(fake_openai.requests) == 1
    assert "Be brief." in fake_openai.requests[0].body.decode()
    blessed = check_suite(suite, live=True, update=True)
    assert blessed.updated == ["cassettes/reference.yaml (re-recorded)"]  # same answer, new request
    assert check_suite(suite).exit_code == 0  # offline again, with the new prompt


def test_repeat_reports_flip_rates(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    """The hand-written server drops the first quote on every other answer."""
    answers = iter(range(100))

    def flaky(received: Received) -> Reply:
        answer = reference_answer()
        if next(answers) % 2:
            del answer["quotes"][0]
        return content_reply(answer)

    fake_openai.default = flaky
    report = check_suite(copied(tmp_path, fake_openai.url), live=True, repeat=4)
    assert report.exit_code == 1
    [article] = report.articles
    [flip] = article.flips
    assert flip.what.startswith("quote “hostile act” (Baghdad)")
    assert (flip.runs, flip.of, f"{flip.rate:.0%}") == (2, 4, "50%")
    assert len(fake_openai.requests) == 4


def test_a_rules_suite_has_no_cassettes_and_catches_a_change(tmp_path: Path) -> None:
    from summarizer.regression.recording import Target, record_suite

    (tmp_path / "articles").mkdir()
    shutil.copyfile(SUITE / "articles" / "reference.txt", tmp_path / "articles" / "iraq.txt")
    (tmp_path / "suite.toml").write_text('[model]\nname = "rules"\n', encoding="utf-8")
    suite = open_suite(tmp_path)
    assert [r.action for r in record_suite(suite, Target.of(suite))] == ["recorded"]
    assert not (tmp_path / "cassettes").exists()
    assert check_suite(suite).exit_code == 0
    path = tmp_path / "expected" / "iraq.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["events"] = record["events"][1:]
    path.write_text(json.dumps(record), encoding="utf-8")
    report = check_suite(suite)
    assert report.exit_code == 1
    assert "events +1 −0" in report.articles[0].failed[0]
