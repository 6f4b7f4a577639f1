"""Near-verbatim copies are aligned to the article's own words; different words are not."""

from __future__ import annotations

from summarizer.backends.llm.align import MIN_SIMILARITY, align
from summarizer.spans import fold

SENTENCE = (
    "Officials said the strikes hit sites used by Iran-backed groups near Hilla, "
    "a city south of Baghdad."
)


def _align(copy: str) -> str | None:
    folded = fold(SENTENCE)
    found = align(fold(copy).text, folded, 0, len(folded.text))
    return SENTENCE[found[0][0] : found[0][1]] if found else None


def test_a_changed_word_form_is_aligned_to_the_articles_words() -> None:
    assert _align("the strikes hit sites used by Iranian-backed groups near Hilla") == (
        "the strikes hit sites used by Iran-backed groups near Hilla"
    )


def test_a_dropped_word_and_curly_marks_are_forgiven() -> None:
    assert _align("strikes hit sites used by Iran-backed groups near Hilla, a city south") == (
        "strikes hit sites used by Iran-backed groups near Hilla, a city south"
    )


def test_different_words_and_short_copies_are_not_aligned() -> None:
    assert _align("the ceasefire was agreed by both sides in Geneva last week") is None
    assert _align("strikes hit") is None  # too short to tell a variant from another phrase
    assert MIN_SIMILARITY >= 90
