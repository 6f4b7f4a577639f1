"""The ``summarizer diff`` HTML page in a real headless Chromium (Debian's ``chromium``, driven
by playwright through ``executable_path``, as tests/test_html_browser.py does; skipped without
it). The page must load with no console error and no request beyond itself, show A and B side by
side, highlight each item by what happened to it with exactly its words, and run nothing from the
article. The records are hand-made (tests/diff_records.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from diff_records import TEXT, party, record
from test_html_browser import CHROMIUM, JS_RANGE_TEXTS, browser_page  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
HOSTILE = TEXT + "<script>window.__pwned = 1</script><img src=x onerror='window.__pwned=2'>\n"


def write_runs(tmp_path: Path) -> tuple[Path, Path]:
    a_rec, b_rec = record(HOSTILE), record(HOSTILE)
    b_rec["quotes"].pop(1)  # "at the right time." removed
    b_rec["quotes"][0]["speaker"] = party("Officials", "Officials", HOSTILE)
    b_rec["claims"] = []
    a = tmp_path / "a.jsonl"
    b = tmp_path / "b.jsonl"
    a.write_text(json.dumps({"id": "port", "status": "ok", **a_rec}) + "\n", encoding="utf-8")
    b.write_text(json.dumps({"id": "port", "status": "ok", **b_rec}) + "\n", encoding="utf-8")
    return a, b


def test_diff_page_in_chromium(browser_page: Any, tmp_path: Path) -> None:  # noqa: F811
    import subprocess

    page, errors, requests = browser_page
    a, b = write_runs(tmp_path)
    out = tmp_path / "diff.html"
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", "diff", str(a), str(b), "-f", "html", "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    page.goto(out.as_uri())
    page.wait_for_load_state("load")

    # A and B side by side, each the whole article text, the markup in it shown as text
    texts = page.eval_on_selector_all(".sides .article-text", "els => els.map(e => e.textContent)")
    assert texts == [HOSTILE, HOSTILE]
    boxes = page.eval_on_selector_all(
        ".sides > div", "els => els.map(e => e.getBoundingClientRect().toJSON())"
    )
    assert len(boxes) == 2 and boxes[0]["right"] <= boxes[1]["left"]
    assert abs(boxes[0]["top"] - boxes[1]["top"]) < 1
    assert page.evaluate("() => window.__pwned") is None
    assert (
        page.eval_on_selector_all(".article-text script, .article-text img", "e => e.length") == 0
    )

    # every item's highlight reads exactly its words, coloured by what happened to it
    want = {
        "d0-a-q0.0": "We will respond,",  # speaker changed
        "d0-a-q1.0": "at the right time.",  # removed in B
        "d0-a-c0.0": "the talks had failed",  # removed in B
        "d0-b-q0.0": "We will respond,",
        "d0-a-e0.0": "attack",  # unchanged
    }
    assert page.evaluate(JS_RANGE_TEXTS, list(want)) == want
    state = """id => document.querySelector('[data-r~="' + CSS.escape(id) + '"]').className"""
    assert "hl-removed" in page.evaluate(state, "d0-a-q1.0")
    assert "hl-changed" in page.evaluate(state, "d0-a-q0.0")
    assert "hl-changed" in page.evaluate(state, "d0-b-q0.0")
    assert "hl-same" in page.evaluate(state, "d0-a-e0.0")
    removed_bg = page.evaluate(
        "id => getComputedStyle(document.querySelector('[data-r~=\"' + id + '\"]')).backgroundColor",
        "d0-a-q1.0",
    )
    assert removed_bg == "rgb(255, 201, 201)"

    # the summary is shown first although it is written last
    first = page.evaluate("() => document.querySelector('header.page').getBoundingClientRect().top")
    section = page.evaluate(
        "() => document.querySelector('section.article').getBoundingClientRect().top"
    )
    assert first < section
    assert "Officials" in page.inner_text("table.changes")

    shot = tmp_path / "diff.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")
    assert errors == []
    assert requests and all(r.startswith(("file:", "data:")) for r in requests), requests


def test_both_parts_highlighted(browser_page: Any, tmp_path: Path) -> None:  # noqa: F811
    """Every part of a discontinuous quote is highlighted, and the piece that claimed it."""
    import subprocess

    page, errors, _ = browser_page
    whole, pieces = record(), record()
    first, second = pieces["quotes"]
    whole["quotes"] = [
        {
            **first,
            "end": second["end"],
            "text": "We will respond, at the right time.",
            "parts": [
                {k: first[k] for k in ("text", "start", "end")},
                {k: second[k] for k in ("text", "start", "end")},
            ],
        }
    ]
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(whole), encoding="utf-8")
    b.write_text(json.dumps(pieces), encoding="utf-8")
    out = tmp_path / "diff.html"
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", "diff", str(a), str(b), "-f", "html", "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    page.goto(out.as_uri())
    page.wait_for_load_state("load")
    want = {
        "d0-a-q0.0": "We will respond,",
        "d0-a-q0.1": "at the right time.",  # one item, two parts: both highlighted
        "d0-b-q0.0": "We will respond,",  # the smaller piece: added
        "d0-b-q1.0": "at the right time.",  # the bigger overlap claimed the quote
    }
    assert page.evaluate(JS_RANGE_TEXTS, list(want)) == want
    state = """id => document.querySelector('[data-r~="' + CSS.escape(id) + '"]').className"""
    assert "hl-changed" in page.evaluate(state, "d0-a-q0.1")
    assert "hl-changed" in page.evaluate(state, "d0-b-q1.0")
    assert "hl-added" in page.evaluate(state, "d0-b-q0.0")
    assert errors == []
