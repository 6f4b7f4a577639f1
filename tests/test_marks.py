"""Quoted passages by their marks, and whether each stands as speech or sits inside a sentence."""

from __future__ import annotations

from summarizer import marks
from summarizer.marks import Marked, find, kind

TEXT = (
    '"We will respond," he said, "and soon." The raid was "a hostile act" for Baghdad.\n\n'
    "He called it \u201ca crime,\u201d adding more."
)
PARAGRAPHS = [(0, TEXT.index("\n\n")), (TEXT.index("\n\n") + 2, len(TEXT))]


def test_passages_are_found_without_their_marks() -> None:
    found = marks.find(TEXT, PARAGRAPHS)
    assert [TEXT[m.start : m.end] for m in found] == [
        "We will respond,",
        "and soon.",
        "a hostile act",
        "a crime,",
    ]


def test_kinds_tell_speech_from_a_quoted_phrase_and_follow_an_interrupted_quote() -> None:
    found = marks.find(TEXT, PARAGRAPHS)
    assert marks.kinds(TEXT, found, PARAGRAPHS) == ["direct", "direct", "partial", "partial"]


def test_a_passage_after_a_cue_and_comma_is_direct_when_it_reads_as_a_sentence() -> None:
    text = 'Officials said, "The base was empty all week."'
    (m,) = marks.find(text, [(0, len(text))])
    assert marks.kind(text, m, 0) == "direct"
    assert marks.kind('They said, "empty"', marks.find('They said, "empty"', [(0, 18)])[0], 0) == (
        "partial"
    )


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
    assert kind(text, Marked(direct, direct + 11, direct - 1, direct + 11, True), 0) == "direct"
    assert kind(text, Marked(partial, partial + 7, partial - 1, partial + 7, True), 0) == "partial"
