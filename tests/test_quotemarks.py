"""The one set of quote marks, as every layer reads it (``summarizer.quotemarks``)."""

from __future__ import annotations

from summarizer import quotemarks
from summarizer.spans import find_verbatim, fold


def test_every_mark_folds_to_a_straight_one() -> None:
    folded = fold(quotemarks.ALL).text
    assert set(folded) == {'"', "'"}
    assert fold(quotemarks.DOUBLE).text == '"' * len(quotemarks.DOUBLE)


def test_apostrophes_are_not_among_the_marks_that_only_quote() -> None:
    assert "'" not in quotemarks.NEVER_APOSTROPHE
    assert quotemarks.SINGLE_CLOSING not in quotemarks.NEVER_APOSTROPHE
    assert set(quotemarks.OPENING + quotemarks.CLOSING) <= set(quotemarks.NEVER_APOSTROPHE)


def test_a_model_s_straight_quote_matches_guillemets_and_low_marks() -> None:
    text = "Il a dit «non» et „nein“ hier."
    found = find_verbatim('dit "non" et "nein" hier', text)
    assert found is not None
    assert text[slice(*found)] == "dit «non» et „nein“ hier"
