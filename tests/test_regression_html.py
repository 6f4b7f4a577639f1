"""``regression.html``: the pieces of the diff page, read as text (tests/test_diff_html_browser.py
loads the whole page in Chromium). Hand-made records."""

from __future__ import annotations

from diff_records import record

from summarizer.regression.compare import compare
from summarizer.regression.html import Page
from summarizer.regression.totals import Totals


def test_an_unchanged_article_has_no_section() -> None:
    page = Page("a.jsonl", "b.jsonl")
    assert page.article(compare(record(), record(), id="same"), record(), record()) == ""
    assert page.count == 0


def test_changes_table_escapes_and_missing_side_is_said() -> None:
    a, b = record(), record()
    b["quotes"][0]["speaker"] = {"name": "<b>Officials</b>", "mention": None}
    page = Page("runs/a.jsonl", "runs/b.jsonl")
    html = page.article(compare(a, b, id="<port>"), a, b)
    assert '<section class="article" id="d0"><h2>&lt;port&gt;</h2>' in html
    assert "<td>speaker</td><td>Nasser Kanaani</td><td>&lt;b&gt;Officials&lt;/b&gt;</td>" in html
    gone = page.article(compare(a, None, id="gone"), a, None)
    assert 'id="d1"' in gone and "missing in B" in gone and "no record on this side" in gone


def test_a_record_without_its_text_lists_the_changes_only() -> None:
    a = record()
    a["source"]["text"] = None
    a["source"]["path"] = "/nonexistent/port.txt"
    b = {**a, "quotes": []}
    html = Page("a", "b").article(compare(a, b, id="port"), a, b)
    assert html.count("The article text is not in this record") == 2
    assert "<td>removed</td><td>quote</td>" in html


def test_the_page_is_whole_and_its_summary_comes_last_in_the_source() -> None:
    page = Page("runs/a.jsonl", "runs/b.jsonl")
    totals = Totals()
    totals.add(compare(record(), None, id="gone"))
    html = page.head() + page.tail(totals)
    assert html.startswith("<!DOCTYPE html>") and html.endswith("</body></html>\n")
    assert "<title>summarizer diff: a.jsonl → b.jsonl</title>" in html
    assert "<li>1 of 1 article(s) differ (missing in A 0, in B 1)</li>" in html
