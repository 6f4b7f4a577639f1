"""Quoted passages by their marks, and whether each stands as speech or sits inside a sentence."""

from __future__ import annotations

from summarizer import marks

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
