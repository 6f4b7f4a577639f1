"""How many people victims count (``rules.casualties``)."""

from __future__ import annotations

from rules_text import token

from summarizer.backends.rules.casualties import casualties, count_of


def test_digits_number_words_names_and_no_one() -> None:
    assert count_of(token("Police said 2,500 people fled.", "people")) == 2500
    assert count_of(token("Police said three people fled.", "people")) == 3
    assert count_of(token("Police said Ana Ruiz fled.", "Ruiz")) == 1
    assert count_of(token("Police said no one fled.", "one")) == 0
    assert count_of(token("Police said residents fled.", "residents")) is None


def test_victims_are_summed_and_counted_once() -> None:
    text = "Two women and three men were injured."
    women, men, injured = token(text, "women"), token(text, "men"), token(text, "injured")
    assert casualties([women, men, women], injured) == 5
