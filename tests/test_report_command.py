"""``summarizer report``: bulk JSONL or one result in, one HTML page out; bad input is one line.

The results are built from fixtures/pages/overlaps.extraction.json, a hand-written result.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.commands.report import read_results
from summarizer.errors import InputError
from summarizer.models import Extraction
from summarizer.render.html import Failed

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "pages" / "overlaps.extraction.json"


def ok_line(item_id: str) -> str:
    body = json.loads(SAMPLE.read_text(encoding="utf-8"))
    body["source"]["id"] = item_id
    return json.dumps({"id": item_id, "status": "ok", "cached": False, **body})


def error_line(item_id: str, reason: str) -> str:
    return json.dumps({"id": item_id, "status": "error", "error": reason, "origin": "in.jsonl:3"})


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", "report", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_bulk_lines_become_articles_and_errors_and_a_retried_id_counts_once(
    tmp_path: Path,
) -> None:
    results = tmp_path / "results.jsonl"
    lines = [
        ok_line("one"),
        error_line("two", "two.html: no article text found in the page"),
        error_line("three", "timed out"),
        ok_line("three"),  # a resumed run retried it
        "",
    ]
    results.write_text("\n".join(lines), encoding="utf-8")
    entries = read_results(results)
    assert [type(x).__name__ for x in entries] == ["Extraction", "Failed", "Extraction"]
    assert isinstance(entries[0], Extraction) and entries[0].source.id == "one"
    assert entries[1] == Failed(id="two", reason="two.html: no article text found in the page")


def test_cli_writes_one_page(tmp_path: Path) -> None:
    results = tmp_path / "results.jsonl"
    results.write_text(
        "\n".join([ok_line("one"), error_line("two", "bad page"), ok_line("three")]) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    proc = run(str(results), "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert html.count('<section class="article" id="a') == 2
    assert 'id="errors"' in html and "bad page" in html
    assert "2 article(s), 1 error(s)" in html


def test_a_single_result_file_is_accepted(tmp_path: Path) -> None:
    entries = read_results(SAMPLE)
    assert len(entries) == 1 and isinstance(entries[0], Extraction)
    proc = run(str(SAMPLE))
    assert proc.returncode == 0 and proc.stdout.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (None, "no such file"),
        ("", "is empty"),
        ("this is not json\n", "line 1: not JSON"),
        ('{"id": "x", "status": "ok", "source": {}}\n', "not a summarizer result"),
        ("[1, 2]\n", "expected a JSON object"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, content: str | None, needle: str) -> None:
    path = tmp_path / "results.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=needle):
        read_results(path)
    proc = run(str(path), "--output", str(tmp_path / "r.html"))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0]
