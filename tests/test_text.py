"""``regression.text``: a diff's changes and totals in words (hand-made records)."""

from __future__ import annotations

from diff_records import party, record

from summarizer.regression.compare import compare
from summarizer.regression.text import (
    Markdown,
    change_lines,
    counts,
    label,
    value,
    values,
)
from summarizer.regression.totals import Totals


def test_change_lines_name_each_change_with_both_values() -> None:
    b = record()
    b["quotes"].pop(1)
    b["quotes"][0]["speaker"] = party("Officials", "Officials")
    b["events"][0]["casualties"] = {"killed": 3, "injured": 1}
    b["claims"].append({**b["claims"][0], "start": 0, "end": 5, "text": "Strike"})
    lines = change_lines(compare(record(), b, id="port"))
    assert lines == [
        "quote removed: “at the right time.” (Nasser Kanaani)",
        "quote changed: “We will respond,” (Nasser Kanaani): speaker Nasser Kanaani → Officials",
        "claim added: “Strike” (Officials)",
        "event changed: attack: attack (an attack killed two people): "
        "casualties killed 2, injured – → killed 3, injured 1",
    ]
    assert counts(compare(record(), b, id="port"), "quotes") == "−1 ~1"
    assert counts(compare(record(), record(), id="port"), "events") == ""


def test_a_long_text_change_is_shown_where_the_texts_part() -> None:
    a = {"text": "Iran reserves the right to take necessary measures to respond to this attack."}
    b = {"text": "Iran reserves the right to take necessary measures to respond to this attack"}
    assert values("text", a, b) == (
        "“…respond to this attack.”",
        "“…respond to this attack”",
    )
    assert values("text", {"text": "short"}, {"text": "shorter"}) == ("“short”", "“shorter”")
    assert values("kind", {"kind": "direct"}, {"kind": "partial"}) == ("direct", "partial")


def test_values_as_a_reader_sees_them() -> None:
    event = record()["events"][0]
    assert value("targets", event) == "the port" and value("location", event) == "–"
    assert value("date", event) == "Monday"
    split = {"start": 0, "end": 9, "parts": [{"start": 0, "end": 3}, {"start": 6, "end": 9}]}
    assert value("span", split) == "0–3, 6–9"
    assert label("events", {"type": "other", "description": "x"}) == "other: – (x)"


def test_missing_article_and_markdown_lists_only_what_differs() -> None:
    totals, md = Totals(), Markdown("a.jsonl", "b.jsonl")
    for diff in (compare(record(), None, id="gone"), compare(record(), record(), id="same")):
        totals.add(diff)
        md.add(diff)
    assert change_lines(compare(None, record(), id="new"))[0].startswith("missing in A")
    text = md.finish(totals)
    assert "- 1 of 2 article(s) differ (missing in A 0, in B 1)" in text
    assert "| gone | −2 | −1 | −1 |" in text and "| same |" not in text
    assert "### gone" in text and "- missing in B" in text
