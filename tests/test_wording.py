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


def test_sentence_words_are_the_vocabulary_of_the_same_text() -> None:
    text = "Iran's Kanaani spoke. Then Abu-Dhabi replied.\n\nA US-led raid; it was twenty-one."
    sentences = [(0, 21), (22, 45), (47, 80)]
    index = wording.SentenceWords(text, sentences)
    for first in range(3):
        for last in range(first, 3):
            run = index.run(first, last)
            lo, hi = sentences[first][0], sentences[last][1]
            assert run == wording.vocabulary(text[lo:hi])
    assert "Dhabi" in index.run(1, 1).exact
    assert "Kanaani" not in index.run(1, 2).exact


def test_sentence_words_that_cut_a_word_read_the_text_itself() -> None:
    text = "Kanaani-Smith spoke"  # a "sentence" boundary inside the word: no "Smith" alone
    index = wording.SentenceWords(text, [(0, 7), (7, 19)])
    assert index.run(0, 1) == wording.vocabulary(text)
    assert "Kanaani-Smith" in index.run(0, 1).exact
    assert "-Smith" not in index.run(0, 1).exact


def test_a_vocabulary_plus_a_line_has_the_words_of_both() -> None:
    both = wording.vocabulary("Strikes hit Hilla").plus("Kataib Hezbollah")
    assert both == wording.vocabulary("Strikes hit Hilla\nKataib Hezbollah")
    assert wording.unfounded("Kataib Hezbollah hit Hilla", both) == []
    assert wording.unfounded("Kataib Hezbollah hit Basra", both) == ["Basra"]
