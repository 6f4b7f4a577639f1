"""``summarizer diff A B`` as a user runs it: hand-made pairs of runs (tests/diff_records.py),
every output format, the diff(1) exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from diff_records import TEXT, party, record

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", "diff", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))},
    )


def bulk(path: Path, records: list[tuple[str, dict[str, Any] | None]]) -> Path:
    """A bulk output: one line per (id, record); None is an error line."""
    lines = [
        {"id": key, "status": "error", "error": "timed out"}
        if rec is None
        else {"id": key, "status": "ok", "cached": False, **rec}
        for key, rec in records
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def two_runs(tmp_path: Path) -> tuple[Path, Path]:
    """Run B against run A: a quote removed (port), a speaker and casualties changed (strike), an
    article missing in B (gone), one failed in A (failed), one identical (same)."""
    removed, changed = record(), record()
    removed["quotes"].pop(1)
    changed["quotes"][0]["speaker"] = party("Officials", "Officials")
    changed["events"][0]["casualties"]["killed"] = 3
    a = bulk(
        tmp_path / "a.jsonl",
        [
            ("port", record()),
            ("strike", record()),
            ("gone", record()),
            ("failed", None),
            ("same", record()),
        ],
    )
    b = bulk(
        tmp_path / "b.jsonl",
        [("port", removed), ("strike", changed), ("failed", record()), ("same", record())],
    )
    return a, b


def test_json_names_every_change_and_exits_1(tmp_path: Path) -> None:
    a, b = two_runs(tmp_path)
    proc = run(str(a), str(b), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out) == {"articles", "totals"}
    arts = {x["id"]: x for x in out["articles"]}
    assert list(arts) == ["port", "strike", "gone", "failed", "same"]
    port = arts["port"]["quotes"]
    assert [q["text"] for q in port["removed"]] == ["at the right time."]
    assert (port["added"], port["changed"], port["recall"]) == ([], [], 0.5)
    (speaker,) = arts["strike"]["quotes"]["changed"]
    assert speaker["fields"] == ["speaker"] and speaker["b"]["speaker"]["name"] == "Officials"
    (casualties,) = arts["strike"]["events"]["changed"]
    assert casualties["fields"] == ["casualties"]
    assert (casualties["a"]["casualties"]["killed"], casualties["b"]["casualties"]["killed"]) == (
        2,
        3,
    )
    assert arts["gone"]["missing"] == "b" and len(arts["gone"]["quotes"]["removed"]) == 2
    assert arts["failed"]["missing"] == "a"  # an error line counts as a missing record
    assert arts["same"]["differs"] is False
    totals = out["totals"]
    assert (totals["articles"], totals["differing"]) == (5, 4)
    assert totals["missing"] == {"a": 1, "b": 1} and totals["errors"] == {"a": 1, "b": 0}
    assert totals["quotes"]["fields"] == {"speaker": 1}
    assert (totals["quotes"]["removed"], totals["events"]["changed"]) == (3, 1)


def test_identical_inputs_exit_0_in_every_format(tmp_path: Path) -> None:
    a = bulk(tmp_path / "a.jsonl", [("port", record())])
    folder = tmp_path / "expected"
    folder.mkdir()
    (folder / "port.json").write_text(json.dumps(record(), indent=2), encoding="utf-8")
    for fmt in ("terminal", "json", "markdown", "html"):
        proc = run(str(a), str(folder), "-f", fmt)
        assert proc.returncode == 0, (fmt, proc.stderr)
        assert proc.stderr == ""
    assert "0 of 1 article(s) differ" in proc.stdout


def test_markdown_terminal_and_junit(tmp_path: Path) -> None:
    a, b = two_runs(tmp_path)
    junit = tmp_path / "diff.xml"
    md = run(str(a), str(b), "-f", "markdown", "--junit", str(junit))
    assert md.returncode == 1, md.stderr
    assert "4 of 5 article(s) differ" in md.stdout
    assert "| strike | ~1 | – | ~1 |" in md.stdout
    assert (
        "- quote changed: “We will respond,” (Nasser Kanaani): speaker Nasser Kanaani → Officials"
        in md.stdout
    )
    assert "- missing in B (no record, or a bulk error line)" in md.stdout
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("failures")) == ("5", "4")
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert cases["same"].find("failure") is None
    failure = cases["strike"].find("failure")
    assert failure is not None and "casualties killed 2, injured – → killed 3" in (
        failure.text or ""
    )

    out = tmp_path / "diff.txt"
    term = run(str(a), str(b), "-o", str(out))
    assert term.returncode == 1 and term.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "strike" in text and "events: +1 −1 ~1 (casualties 1)" in text


def test_html_page_is_self_contained_and_escapes_the_article(tmp_path: Path) -> None:
    a, b = two_runs(tmp_path)
    hostile = TEXT + "<script>window.__pwned = 1</script>\n"
    changed = record(hostile)
    changed["quotes"][0]["kind"] = "partial"
    with a.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "hostile", "status": "ok", **record(hostile)}) + "\n")
    with b.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "hostile", "status": "ok", **changed}) + "\n")
    page = tmp_path / "diff.html"
    proc = run(str(a), str(b), "-f", "html", "-o", str(page))
    assert proc.returncode == 1, proc.stderr
    html = page.read_text(encoding="utf-8")
    assert "script-src &#x27;none&#x27;" in html and "<script" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert html.count('<section class="article"') == 5  # the identical article is left out
    assert 'class="hl hl-removed"' in html and 'class="hl hl-changed"' in html


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    good = bulk(tmp_path / "a.jsonl", [("port", record())])
    (tmp_path / "bad.json").write_text("{oops", encoding="utf-8")
    for args, needle in [
        ((str(tmp_path / "nope.jsonl"), str(good)), "no such file"),
        ((str(good), str(tmp_path / "bad.json")), "not JSON"),
        ((str(good), str(good), "-f", "yaml"), "yaml"),
    ]:
        proc = run(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "Traceback" not in proc.stderr and needle in proc.stderr
        if needle != "yaml":  # click's own usage message has a few lines
            assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
