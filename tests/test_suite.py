"""suite.toml and the suite folder: read, validated, every mistake one line naming the key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from summarizer.regression.suite import SuiteError, new_suite_toml, open_suite


def make(tmp_path: Path, toml: str | None, articles: tuple[str, ...] = ("a.txt",)) -> Path:
    (tmp_path / "articles").mkdir()
    for name in articles:
        (tmp_path / "articles" / name).write_text("The mayor said so.\n", encoding="utf-8")
    if toml is not None:
        (tmp_path / "suite.toml").write_text(toml, encoding="utf-8")
    return tmp_path


def test_a_full_suite_toml_is_read(tmp_path: Path) -> None:
    suite = open_suite(
        make(
            tmp_path,
            """
[model]
name = "qwen2.5-7b"
base_url = "http://localhost:8080/v1"
mode = "json"
server = "llama.cpp b4500"
quantisation = "Q4_K_M"
[options]
timeout = 30
max_retries = 1
date = 2024-01-02
[compare]
kinds = ["quotes", "events"]
ignore = ["cue"]
[thresholds]
min_quote_f1 = 0.95
speaker_changes = 0
""",
        )
    )
    assert (suite.model, suite.mode, suite.quantisation) == ("qwen2.5-7b", "json", "Q4_K_M")
    assert suite.anchor_date == date(2024, 1, 2) and suite.timeout == 30.0
    assert suite.kinds == ("quotes", "events") and suite.ignore == {"cue"}
    assert suite.thresholds.min_f1 == {"quotes": 0.95}
    assert suite.thresholds.max_changes == {"speaker": 0}
    settings = suite.settings(model="other")
    assert (settings.model, settings.options["base_url"], settings.max_retries) == (
        "other",
        suite.base_url,
        1,
    )


def test_an_empty_suite_toml_is_a_strict_rules_suite(tmp_path: Path) -> None:
    suite = open_suite(make(tmp_path, ""))
    assert not suite.uses_llm and suite.thresholds.strict
    assert [a.id for a in suite.articles()] == ["a"]
    assert suite.expected(suite.article("a.txt")) == tmp_path / "expected" / "a.json"


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        ("[modle]\nname = 'x'", "unknown table [modle] (did you mean 'model'?)"),
        ("[model]\nname = 3", "[model] name must be a string"),
        ("[model]\nname = 'm'\nmode = 'xml'", "[model] mode: expected 'tools' or 'json'"),
        ("[model]\nname = 'm'\nbase_url = 'localhost'", "[model] base_url: expected an http(s)"),
        (
            "[thresholds]\nmin_qoute_f1 = 0.9",
            "unknown key 'min_qoute_f1' (did you mean 'min_quote_f1'?)",
        ),
        ("[thresholds]\nmin_quote_f1 = 95", "between 0 and 1"),
        ("[thresholds]\nspeaker_changes = -1", "0 or more"),
        ("[thresholds]\nspeaker_changes = true", "must be an integer"),
        ("[compare]\nkinds = ['quotes', 'opinions']", "unknown 'opinions'"),
        ("[compare]\nignore = ['colour']", "unknown 'colour'"),
        ("[options]\ndate = 'yesterday'", "YYYY-MM-DD"),
        ("model = 'x'", "model must be a table"),
        ("[model\nname = 'x'", "not valid TOML"),
    ],
)
def test_a_mistake_is_one_line_naming_it(tmp_path: Path, toml: str, needle: str) -> None:
    with pytest.raises(SuiteError) as caught:
        open_suite(make(tmp_path, toml))
    message = str(caught.value)
    assert needle in message and "\n" not in message
    assert str(tmp_path / "suite.toml") in message


@pytest.mark.parametrize(
    ("setup", "needle"),
    [
        (lambda p: p / "nowhere", "no such suite folder"),
        (lambda p: make(p, None), "no suite.toml (`summarizer record"),
        (lambda p: make(p, "", articles=()), "no articles"),
        (lambda p: make(p, "", articles=("a.txt", "a.md")), "same id as"),
        (lambda p: make(p, "", articles=("a.pdf",)), "not an article"),
    ],
)
def test_a_bad_folder_is_one_line(tmp_path: Path, setup, needle: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SuiteError) as caught:
        open_suite(setup(tmp_path)).articles()
    assert needle in str(caught.value)


def test_an_unknown_article_is_named(tmp_path: Path) -> None:
    with pytest.raises(SuiteError, match="no article 'b'"):
        open_suite(make(tmp_path, "")).article("b")


def test_the_written_suite_toml_reads_back(tmp_path: Path) -> None:
    make(tmp_path, new_suite_toml('my "model"', "http://h:1/v1", "tools"))
    suite = open_suite(tmp_path)
    assert (suite.model, suite.base_url, suite.server) == ('my "model"', "http://h:1/v1", None)
    (tmp_path / "suite.toml").write_text(
        new_suite_toml("m", None, "json", "vLLM 0.6", "AWQ"), encoding="utf-8"
    )
    suite = open_suite(tmp_path)
    assert (suite.mode, suite.server, suite.quantisation) == ("json", "vLLM 0.6", "AWQ")


def test_a_folder_inside_a_suite_names_the_suite(tmp_path: Path) -> None:
    make(tmp_path, "")
    with pytest.raises(SuiteError, match="give the suite folder"):
        open_suite(tmp_path / "articles")


def test_an_unknown_key_far_from_any_lists_them(tmp_path: Path) -> None:
    with pytest.raises(SuiteError, match=r"known: .*speaker_changes"):
        open_suite(make(tmp_path, "[thresholds]\nzzz = 1"))
