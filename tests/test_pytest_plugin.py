"""The pytest plugin (entry point ``pytest11``), run in a separate pytest session by pytester."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from llm_canned import ROOT

pytest_plugins = ["pytester"]

SUITE = ROOT / "tests" / "canned-suites" / "json"


@pytest.fixture
def suite(pytester: pytest.Pytester) -> Path:
    """A copy of the JSON-mode suite (one article) beside a team's own test file."""
    copy = pytester.path / "suites" / "news"
    shutil.copytree(SUITE, copy)
    pytester.makepyfile(test_team="def test_their_own():\n    assert 1 + 1 == 2\n")
    return copy


def spoil(suite: Path) -> None:
    """Bless a record with one quote fewer and another speaker, as if the model had changed."""
    path = suite / "expected" / "reference.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["quotes"][2]["speaker"]["name"] = "Someone Else"
    del record["quotes"][0]
    path.write_text(json.dumps(record), encoding="utf-8")


def test_without_the_option_it_adds_nothing(pytester: pytest.Pytester, suite: Path) -> None:
    done = pytester.runpytest_subprocess("-v")
    done.assert_outcomes(passed=1)
    done.stdout.fnmatch_lines(["plugins:*summarizer-*"])  # loaded through its entry point
    assert "reference" not in done.stdout.str()


def test_one_item_per_article_that_passes(pytester: pytest.Pytester, suite: Path) -> None:
    done = pytester.runpytest_subprocess("--summarizer-suite", str(suite), "-v")
    done.assert_outcomes(passed=2)
    done.stdout.fnmatch_lines(["*suites/news/suite.toml::reference PASSED*"])


def test_a_failure_shows_the_structured_diff(pytester: pytest.Pytester, suite: Path) -> None:
    spoil(suite)
    done = pytester.runpytest_subprocess("--summarizer-suite", str(suite))
    done.assert_outcomes(passed=1, failed=1)
    done.stdout.fnmatch_lines(
        [
            "*articles/reference.txt regressed: quotes +1 −0*speaker changed in 1 item(s)*",
            "*quote added: “hostile act” (Baghdad)*",
            "*quote changed: *speaker Someone Else → Nasser Kanaani*",
        ]
    )


def test_a_bad_suite_path_is_a_usage_error(pytester: pytest.Pytester, suite: Path) -> None:
    done = pytester.runpytest_subprocess("--summarizer-suite", "nowhere")
    assert done.ret == pytest.ExitCode.USAGE_ERROR
    done.stderr.fnmatch_lines(["*--summarizer-suite: nowhere: no such suite folder*"])


def test_the_fixture_fails_a_test_with_the_diff(pytester: pytest.Pytester, suite: Path) -> None:
    spoil(suite)
    pytester.makepyfile(
        test_fixture=f"""
def test_extraction(summarizer_check):
    summarizer_check({str(suite)!r})
"""
    )
    done = pytester.runpytest_subprocess("test_fixture.py")
    done.assert_outcomes(failed=1)
    done.stdout.fnmatch_lines(["*quote added: “hostile act” (Baghdad)*"])
