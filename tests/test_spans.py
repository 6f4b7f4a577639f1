"""Verbatim matching forgives quote marks, dashes and whitespace, and nothing else."""

from __future__ import annotations

import pytest

from summarizer.spans import (
    find_verbatim,
    fold,
    fold_marks,
    is_grounded,
    join_parts,
    make_parts,
    make_span,
    parts_grounded,
    trim,
)

ARTICLE = "He said: \u201cWe will respond \u2014 at the right\n time.\u201d Then he left."


def test_straight_quotes_and_hyphen_match_curly_and_dash() -> None:
    found = find_verbatim("We will respond - at the right time.", ARTICLE)
    assert found is not None
    start, end = found
    assert ARTICLE[start:end] == "We will respond \u2014 at the right\n time."


def test_marks_around_the_needle_are_not_evidence() -> None:
    found = find_verbatim('"We will respond', ARTICLE)
    assert found is not None
    assert ARTICLE[found[0] : found[1]] == "We will respond"


def test_changed_word_is_not_found() -> None:
    assert find_verbatim("We shall respond", ARTICLE) is None
    assert find_verbatim("   ", ARTICLE) is None


def test_start_prefers_later_occurrence() -> None:
    text = "yes. yes. yes."
    assert find_verbatim("yes", text, start=5) == (5, 8)
    assert find_verbatim("yes", text, start=100) == (0, 3)


def test_fold_maps_back_to_original_offsets() -> None:
    f = fold("a  \u201cb\u201d")
    assert f.text == 'a "b"'
    assert f.original(2, 5) == (3, 6)


def test_fold_marks_folds_as_fold_and_leaves_whitespace() -> None:
    text = "O\u2019Brien  \u201cyes\u201d \u2014\tno\u00a0"
    assert fold_marks(text) == 'O\'Brien  "yes" -\tno '
    assert " ".join(fold_marks(text).split()) == " ".join(fold(text).text.split())


def test_make_span_trims_and_checks_range() -> None:
    span = make_span("  hello  ", 0, 9)
    assert (span.text, span.start, span.end) == ("hello", 2, 7)
    with pytest.raises(ValueError):
        make_span("abc", 2, 10)
    assert trim("  ", 0, 2) == (2, 2)


def test_is_grounded() -> None:
    assert is_grounded("abcdef", "cd", 2, 4)
    assert not is_grounded("abcdef", "cd", 1, 3)
    assert not is_grounded("abcdef", "ef", 4, 9)


def test_make_parts_trims_each_piece_and_gives_none_for_one_piece() -> None:
    text = '"We will respond," she said, "at the right time."'
    parts = make_parts(text, [(1, 18), (28, 49), (49, 49)])
    assert parts is not None
    assert [p.text for p in parts] == ['We will respond,"', '"at the right time."']
    assert make_parts(text, [(1, 17), (18, 19)]) is None  # the other piece is only a space
    assert join_parts(parts) == 'We will respond," "at the right time."'


def test_parts_grounded_needs_order_range_and_joined_words() -> None:
    text = "ab cd ef"
    a, b = make_span(text, 0, 2), make_span(text, 6, 8)
    assert parts_grounded(text, "ab ef", 0, 8, [a, b])
    assert not parts_grounded(text, "ab ef", 0, 7, [a, b])  # end is not the last part's
    assert not parts_grounded(text, "ab  ef", 0, 8, [a, b])  # words are not the joined parts
    assert not parts_grounded(text, "ef ab", 6, 2, [b, a])  # out of order
