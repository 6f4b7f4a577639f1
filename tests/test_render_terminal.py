"""The terminal view: one row per item, a discontinuous one with the offsets of each part."""

from __future__ import annotations

from interrupted import interrupted

from summarizer.render import render


def test_an_item_in_parts_is_one_row_with_each_parts_offsets() -> None:
    result = interrupted()
    quote = result.quotes[0]
    assert quote.parts is not None
    text = render(result, "terminal")
    assert "Quotes (1)" in text and "Claims (1)" in text
    assert "We will respond, at the right time." in text
    offsets = ", ".join(f"{p.start}-{p.end}" for p in quote.parts)
    assert offsets in text
