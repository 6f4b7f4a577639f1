"""The command line as a user meets it: bad input is one stderr line and exit 2, never a traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_render_html import read

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "fixtures" / "articles" / "000_1c6f5c5be20c7c12.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        input=stdin.decode("latin-1") if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[str], code: int, needle: str) -> None:
    assert proc.returncode == code, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert needle in lines[0]
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda d: str(d / "missing.txt"), "no such file"),
        (lambda d: str(d), "is a folder"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
        (lambda d: _write(d / "blank.txt", b"  \n\n  "), "empty"),
        (lambda d: _write(d / "pic.png", b"\x89PNG\r\n\x1a\n\x00\x00"), "binary"),
        (lambda d: _write(d / "latin.txt", b"caf\xe9 cr\xe8me"), "utf-8"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path: Path, make, needle: str) -> None:  # type: ignore[no-untyped-def]
    assert_one_line_error(run("summarise", make(tmp_path)), 2, needle)


def test_oversized_input_names_the_limit(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", b"word " * 1000)
    assert_one_line_error(run("summarise", path, "--max-bytes", "100"), 2, "--max-bytes")


def test_bad_date_is_a_usage_error() -> None:
    assert_one_line_error(run("summarise", str(REFERENCE), "--date", "yesterday"), 2, "--date")


def test_unknown_option_exits_2_without_traceback() -> None:
    proc = run("summarise", str(REFERENCE), "--no-such-flag")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_schema_command_prints_the_json_schema() -> None:
    proc = run("schema")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["properties"]["schema_version"]["const"] == "1"


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys, summarizer.cli as c\n"
        "try:\n    c.app(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('openai', 'instructor', 'spacy', 'pydantic', 'trafilatura', 'ray') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "HEAVY="


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


PORT_STRIKE = ROOT / "fixtures" / "articles" / "010_port_strike.txt"
HALVES = ("We will respond,", "at the right time and not before.")


def test_an_interrupted_quote_is_one_item_in_two_parts_in_json() -> None:
    proc = run("summarise", str(PORT_STRIKE), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    quotes = json.loads(proc.stdout)["quotes"]
    hits = [q for q in quotes if HALVES[0] in q["text"] or HALVES[1] in q["text"]]
    assert len(hits) == 1  # one item, not one per half
    (quote,) = hits
    assert [p["text"] for p in quote["parts"]] == list(HALVES)
    assert quote["text"] == " ".join(HALVES)
    assert quote["speaker"]["name"] == "Maria Okafor" and quote["cue"]["text"] == "said"
    text = PORT_STRIKE.read_text(encoding="utf-8")
    assert all(text[p["start"] : p["end"]] == p["text"] for p in quote["parts"])


def test_an_interrupted_quote_is_one_entry_with_both_parts_in_markdown() -> None:
    proc = run("summarise", str(PORT_STRIKE), "--format", "markdown")
    assert proc.returncode == 0, proc.stderr
    quotes = proc.stdout.split("## Quotes")[1].split("## Claims")[0]
    entries = [e for e in quotes.split("\n\n") if HALVES[0] in e or HALVES[1] in e]
    assert len(entries) == 1
    assert f"“{' '.join(HALVES)}”" in entries[0]
    text = PORT_STRIKE.read_text(encoding="utf-8")
    offsets = ", ".join(f"{text.index(h)}–{text.index(h) + len(h)}" for h in HALVES)
    assert f"chars {offsets})" in entries[0]


def test_an_interrupted_quote_is_one_item_with_both_parts_highlighted_in_html(
    tmp_path: Path,
) -> None:
    out = tmp_path / "report.html"
    proc = run("summarise", str(PORT_STRIKE), "--format", "html", "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="report-data">(.*?)</script>', html, re.S)[1])  # type: ignore[index]
    items = [
        i
        for i in data["items"].values()
        if i["kind"] == "quote" and "We will respond" in i["label"]
    ]
    assert len(items) == 1 and len(items[0]["ranges"]) == 2
    by_range = read(html).by_range  # the text each highlighted range wraps, markup removed
    assert [by_range[rid] for rid in items[0]["ranges"]] == list(HALVES)
