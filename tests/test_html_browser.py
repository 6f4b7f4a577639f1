"""The HTML report in a real headless Chromium (Debian's ``chromium`` package, driven by
playwright through ``executable_path``; playwright's own browser downloads are never used).

The page must load with no console errors and no request beyond the file itself, every
highlighted range must read exactly its item's text in the DOM, a side-list click must scroll to
and mark its item, and the article's ``<script>`` must show as text and run nothing. A
screenshot is saved in the test's tmp dir (its path is printed; ``pytest -s`` shows it).

fixtures/pages/overlaps.extraction.json is a hand-written result (not a model's), and so is
``interrupted()``: a quote in two parts around its cue.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from interrupted import FIRST, SECOND, interrupted

from summarizer.models import Extraction, Meta, Party, Quote, Source
from summarizer.render.html import render_report

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "pages" / "overlaps.extraction.json"
CHROMIUM = os.environ.get("SUMMARIZER_CHROMIUM") or shutil.which("chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if CHROMIUM is None:
    pytest.skip(
        "no Chromium: install Debian's 'chromium' package (or set SUMMARIZER_CHROMIUM)",
        allow_module_level=True,
    )


def long_article() -> Extraction:
    """An article long enough that its last quote is far below the first screen."""
    filler = "".join(
        f"Paragraph {n} says nothing of note about the harbour.\n\n" for n in range(80)
    )
    text = filler + '"We will rebuild it," the mayor said.\n'
    start = text.index("We will")
    quote = Quote(
        text="We will rebuild it,",
        start=start,
        end=start + 19,
        kind="direct",
        speaker=Party(name="the mayor"),
    )
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Extraction(
        source=Source(id="long", chars=len(text), sha256=digest, text=text, title="Long read"),
        quotes=[quote],
        meta=Meta(backend="llm", model="hand-written"),
    )


def expected_ranges(result: Extraction, section: str) -> dict[str, str]:
    want: dict[str, str] = {}
    for i, ev in enumerate(result.events):
        for n, s in enumerate(ev.evidence):
            want[f"{section}-e{i}.{n}"] = s.text
        if ev.trigger:
            want[f"{section}-e{i}.t"] = ev.trigger.text
    for i, q in enumerate(result.quotes):
        want.update({f"{section}-q{i}.{n}": p.text for n, p in enumerate(q.parts or [q])})
    for i, c in enumerate(result.claims):
        want.update({f"{section}-c{i}.{n}": p.text for n, p in enumerate(c.parts or [c])})
    return want


@pytest.fixture()
def browser_page(tmp_path: Path) -> Iterator[tuple[Any, list[str], list[str]]]:
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"),  # a fresh --user-data-dir
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": 1400, "height": 900},
        )
        try:
            page = context.new_page()
            page.on(
                "console",
                lambda m: errors.append(m.text) if m.type in ("error", "warning") else None,
            )
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("request", lambda r: requests.append(r.url))
            yield page, errors, requests
        finally:
            context.close()


JS_RANGE_TEXTS = """ids => Object.fromEntries(ids.map(id => [id,
    Array.from(document.querySelectorAll('[data-r~="' + CSS.escape(id) + '"]'))
         .map(el => el.textContent).join('')]))"""


def test_report_in_chromium(browser_page: tuple[Any, list[str], list[str]], tmp_path: Path) -> None:
    page, errors, requests = browser_page
    sample = Extraction.model_validate_json(SAMPLE.read_text(encoding="utf-8"))
    longer = long_article()
    pieced = interrupted()
    report = tmp_path / "report.html"
    report.write_text(render_report([sample, longer, pieced]), encoding="utf-8")
    url = report.as_uri()
    page.goto(url)
    page.wait_for_load_state("load")

    # every highlighted range reads exactly its item's text; the article text is whole
    want = (
        expected_ranges(sample, "a0")
        | expected_ranges(longer, "a1")
        | expected_ranges(pieced, "a2")
    )
    assert page.evaluate(JS_RANGE_TEXTS, list(want)) == want
    texts = page.eval_on_selector_all(".article-text", "els => els.map(e => e.textContent)")
    assert texts == [sample.source.text, longer.source.text, pieced.source.text]

    # the article's <script> and <img onerror> are text: nothing ran, no element was made
    assert page.evaluate("() => window.__pwned") is None
    assert (
        page.eval_on_selector_all(".article-text script, .article-text img", "e => e.length") == 0
    )
    assert "<script>window.__pwned = 1</script>" in texts[0]

    # hovering a highlight shows the item's fields
    page.hover(".article-text .hl-quote")
    assert page.is_visible("#tooltip")
    assert "Ali Hassan" in page.inner_text("#tooltip")
    page.mouse.move(5, 5)

    # a side-list click scrolls to its item, marks it and shows its fields
    assert page.evaluate("() => window.scrollY") == 0
    page.click('.item-link[data-item="a1-q0"]')
    target = '[data-r~="a1-q0.0"]'
    page.wait_for_function(
        """sel => { const r = document.querySelector(sel).getBoundingClientRect();
                    return r.top >= 0 && r.bottom <= window.innerHeight; }""",
        arg=target,
        timeout=5000,
    )
    assert page.evaluate("() => window.scrollY") > 500
    assert "active" in (page.get_attribute(target, "class") or "")
    assert "current" in (page.get_attribute('.item-link[data-item="a1-q0"]', "class") or "")
    assert "the mayor" in page.inner_text("#a1 .details-slot")

    # a quote in two parts is one item: its link marks both parts and not the cue between
    page.click('.item-link[data-item="a2-q0"]')
    marked = page.eval_on_selector_all("#a2 .hl-quote.active", "els => els.map(e => e.textContent)")
    assert marked == [FIRST, SECOND]
    assert "2 parts" in page.inner_text("#a2 .details-slot")
    assert page.eval_on_selector_all("#a2 .items .item-link", "e => e.length") == 2

    # the legend hides and shows a kind
    page.click("#a0 .legend button[data-kind='quote']")
    assert page.evaluate("() => document.getElementById('a0').classList.contains('hide-quote')")
    page.click("#a0 .legend button[data-kind='quote']")

    # a screenshot of the first article with an item selected
    page.click('.item-link[data-item="a0-q0"]')
    page.wait_for_timeout(1300)  # let the selection flash fade (not a timing assertion)
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")

    assert errors == []
    assert requests and all(r.startswith(("file:", "data:")) for r in requests), requests
