"""Numbers and names in free text, found in the article as digits, words or word forms."""

from __future__ import annotations

from summarizer import wording

ARTICLE = (
    "US strikes on Iran-backed groups killed twenty-one fighters and wounded 1,200 people "
    "near Hilla, Nasser Kanaani said at 6:00."
)


def test_numbers_count_as_digits_or_words() -> None:
    assert wording.has_number(21, ARTICLE)
    assert wording.has_number(1200, ARTICLE)
    assert not wording.has_number(12, ARTICLE)
    assert wording.number_words(20) >= {"20", "twenty"}


def test_unfounded_names_and_numbers_are_the_ones_the_article_lacks() -> None:
    assert wording.unfounded("Iranian-backed fighters: 21 dead, 1,200 hurt in Hilla", ARTICLE) == []
    assert wording.unfounded("Kanaani said a US citizen died in Tehran on 2024-01-02", ARTICLE) == [
        "Tehran"
    ]
    assert wording.unfounded("Strikes kill 12", ARTICLE) == ["12"]
    assert wording.unfounded("They make 16.5 dollars", "They make $16.50 an hour") == []


def test_a_sentence_opening_word_is_not_taken_for_a_name() -> None:
    assert wording.names("Attack by gunmen. Meeting of Clarke") == ["Clarke"]


def test_reporting_verbs() -> None:
    assert wording.reports_speech("The base was empty, officials said.")
    assert not wording.reports_speech("The convoy left the city at dawn.")
