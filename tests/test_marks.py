"""Quoted stretches found by their marks, and whether they stand as speech (``rules.marks``)."""

from __future__ import annotations

from summarizer.backends.rules.marks import Marked, find, kind


def _quoted(text: str) -> list[str]:
    paragraphs = []
    start = 0
    for part in text.split("\n\n"):
        paragraphs.append((start, start + len(part)))
        start += len(part) + 2
    return [text[m.start : m.end] for m in find(text, paragraphs)]


def test_curly_straight_and_guillemet_marks() -> None:
    text = 'He said “yes” and "no" and «maybe».'
    assert _quoted(text) == ["yes", "no", "maybe"]


def test_single_marks_quote_but_apostrophes_do_not() -> None:
    assert _quoted("The plan, dubbed ‘Operation Dawn’, isn't new.") == ["Operation Dawn"]
    assert _quoted("It's Iran's and the country's call.") == []


def test_a_quote_runs_on_into_a_paragraph_that_opens_with_a_mark() -> None:
    text = "“We will stay.\n\n“We will not leave,” she said."
    assert _quoted(text) == ["We will stay.", "We will not leave,"]


def test_a_stray_opening_mark_claims_nothing() -> None:
    assert _quoted("He said “yes and left.\n\nThen he came back.") == []


def test_a_quote_after_a_sentence_end_is_direct_and_inside_prose_partial() -> None:
    text = "He spoke. “We will win,” he said. He called it “a farce” again."
    direct = text.index("We")
    partial = text.index("a farce")
    assert kind(text, 0, Marked(direct, direct + 11, direct - 1, direct + 11, True)) == "direct"
    assert kind(text, 0, Marked(partial, partial + 7, partial - 1, partial + 7, True)) == "partial"
