"""``summarizer check`` as a user runs it: the table, the verdict, exit 0/1/2, --junit, bad input."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from llm_canned import ROOT
from test_record_command import summarizer

SUITE = ROOT / "tests" / "canned-suites" / "tools"


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    copy = tmp_path / "suite"
    shutil.copytree(SUITE, copy)
    return copy


def test_a_clean_suite_passes_and_the_junit_parses(suite: Path, tmp_path: Path) -> None:
    done = summarizer("check", "suite", "--junit", "report.xml", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "check suite: 4 article(s), replayed from cassettes, network blocked"
    assert lines[2].split() == [
        "article",
        "quotes",
        "claims",
        "events",
        "F1",
        "q/c/e",
        "seconds",
        "result",
    ]
    assert lines[-1] == "PASS: 4 article(s) unchanged"
    root = ET.parse(tmp_path / "report.xml").getroot()
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == [
        "flood_inquiry",
        "injection",
        "reference",
        "transit_talks",
    ]
    assert root.get("failures") == "0" and not root.findall(".//failure")


def test_a_regression_exits_1_with_the_diff_in_table_and_junit(suite: Path, tmp_path: Path) -> None:
    path = suite / "expected" / "transit_talks.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["quotes"][0]["speaker"]["name"] = "Graham Pell"
    path.write_text(json.dumps(record), encoding="utf-8")
    done = summarizer("check", "suite", "--junit", "report.xml", cwd=tmp_path)
    assert done.returncode == 1
    assert "speaker Graham Pell → Maria Okonkwo" in done.stdout
    assert done.stdout.splitlines()[-1] == "FAIL: 1 of 4 article(s) regressed; exit 1"
    [failure] = ET.parse(tmp_path / "report.xml").getroot().findall(".//failure")
    assert "speaker changed in 1 item(s)" in (failure.get("message") or "")
    assert "speaker Graham Pell → Maria Okonkwo" in (failure.text or "")
    blessed = summarizer("check", "suite", "--update", "--article", "transit_talks", cwd=tmp_path)
    assert blessed.returncode == 0
    assert "  expected/transit_talks.json (quotes ~1)" in blessed.stdout.splitlines()
    assert summarizer("check", "suite", cwd=tmp_path).returncode == 0


def test_a_thresholds_suite_lets_a_speaker_change_pass(suite: Path, tmp_path: Path) -> None:
    path = suite / "expected" / "transit_talks.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["quotes"][0]["speaker"]["name"] = "Graham Pell"
    path.write_text(json.dumps(record), encoding="utf-8")
    with (suite / "suite.toml").open("a", encoding="utf-8") as toml:
        toml.write("\n[thresholds]\nspeaker_changes = 1\n")
    done = summarizer("check", "suite", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert (
        done.stdout.splitlines()[-1] == "PASS: 4 article(s) unchanged (1 changed within thresholds)"
    )


def test_a_missing_cassette_exits_2_naming_the_article(suite: Path, tmp_path: Path) -> None:
    (suite / "cassettes" / "flood_inquiry.yaml").unlink()
    done = summarizer("check", "suite", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "summarizer: suite/articles/flood_inquiry.txt: no cassette flood_inquiry.yaml; record it with "
        "`summarizer record suite`"
    ]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("check", "nowhere"), "summarizer: nowhere: no such suite folder"),
        (("check", "suite", "--article", "nope"), "no article 'nope' in articles/"),
        (("check", "suite", "--update", "--repeat", "2"), "--update blesses one run"),
        (
            ("check", "suite", "--junit", "no/such/dir/r.xml"),
            "--junit no/such/dir/r.xml: no such folder",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2(
    suite: Path, tmp_path: Path, args: tuple[str, ...], needle: str
) -> None:
    done = summarizer(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == "" and len(done.stderr.splitlines()) == 1
    assert needle in done.stderr


def test_a_bad_suite_toml_is_one_line_exit_2(suite: Path, tmp_path: Path) -> None:
    (suite / "suite.toml").write_text("[thresholds]\nmin_quote_f1 = 'high'\n", encoding="utf-8")
    done = summarizer("check", "suite", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert (
        done.stderr
        == "summarizer: suite/suite.toml: [thresholds] min_quote_f1 must be a number, got 'high'\n"
    )
