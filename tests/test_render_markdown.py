"""The Markdown report, rendered back with markdown-it (CommonMark with raw HTML allowed, as
GitHub-like viewers do): the article's words never become markup.

fixtures/pages/overlaps.extraction.json is a hand-written result (not a model's).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from interrupted import interrupted
from markdown_it import MarkdownIt

from summarizer.models import Extraction, Meta
from summarizer.render import render
from summarizer.render.markdown import md

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "overlaps.extraction.json"


@pytest.fixture()
def sample() -> Extraction:
    return Extraction.model_validate_json(SAMPLE.read_text(encoding="utf-8"))


def to_html(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def test_sections_in_reading_order(sample: Extraction) -> None:
    text = render(sample, "markdown")
    heads = [line for line in text.splitlines() if line.startswith("#")]
    assert heads == [
        "# Blast hits \\<script\\>window.\\_\\_pwned = 1\\</script\\> market",
        "## Summary",
        "### Key points",
        "## Events (2)",
        "## Quotes (1)",
        "## Claims (2)",
        "## Warnings",
        "## Source",
    ]
    assert "**Bomb kills 3 in central market**" in text


def test_events_table_quotes_and_claims_carry_their_fields(sample: Extraction) -> None:
    html = to_html(render(sample, "markdown"))
    assert html.count("<tr>") == 3  # header + two events: the "|" in the evidence is escaped
    assert "<td>attack</td>" in html and "<td>3</td>" in html
    assert "<td>Monday 2024-05-06</td>" in html
    assert "<strong>Ali Hassan (trader Ali Hassan)</strong> (direct, cue “said”" in html
    assert "<strong>The mayor</strong> (reported)" in html


def test_article_markup_is_shown_as_text(sample: Extraction) -> None:
    html = to_html(render(sample, "markdown"))
    assert "<script" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "planned &amp; coordinated &lt;b&gt;weeks&lt;/b&gt; ago by *a* group" in html
    assert "<em>" not in html


def test_an_empty_result_says_none_found() -> None:
    empty = Extraction.model_validate(
        {
            "source": {"id": "x", "chars": 0, "sha256": "0" * 64},
            "meta": Meta(backend="rules").model_dump(),
        }
    )
    text = render(empty, "markdown")
    assert text.startswith("# x\n")
    assert text.count("_None found._") == 3
    assert "## Warnings" not in text


def test_md_keeps_one_line() -> None:
    assert md("a\n\nb  *c*") == "a b \\*c\\*"


def test_an_item_in_parts_is_one_entry_with_each_parts_offsets() -> None:
    result = interrupted()
    quote, claim = result.quotes[0], result.claims[0]
    assert quote.parts is not None and claim.parts is not None
    text = render(result, "markdown")
    assert "## Quotes (1)" in text and "## Claims (1)" in text
    assert text.count("“We will respond, at the right time.”") == 2  # the quote and the claim
    offsets = ", ".join(f"{p.start}–{p.end}" for p in quote.parts)
    assert f"chars {offsets})" in text
    assert "the minister said" not in text  # the cue between the parts is no part of the words
