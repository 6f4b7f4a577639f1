"""Names as an article gives them: titles, fullest forms, pronouns (``rules.names``)."""

from __future__ import annotations

from summarizer.backends.rules.names import (
    NameBook,
    Speaker,
    bare,
    is_person_name,
    plain_name,
    resolve_pronoun,
)


def test_titles_and_determiners_are_not_part_of_the_name() -> None:
    assert bare(["Mayor", "Sandra", "Ito"]) == ["Sandra", "Ito"]
    assert bare(["Dr.", "Reyes"]) == ["Reyes"]
    assert plain_name("the Iraqi government") == "Iraqi government"
    assert plain_name("Thea") == "Thea"


def test_a_surname_later_gets_the_fullest_name_given_before() -> None:
    book = NameBook()
    book.add(["Transport", "Minister", "Helen", "Strand"])
    assert book.fullest(["Strand"]) == ["Helen", "Strand"]
    assert book.is_person(["Strand"])
    assert book.fullest(["Jones"]) == ["Jones"]


def test_an_organisation_word_makes_a_name_no_person() -> None:
    assert is_person_name(["Helen", "Strand"])
    assert not is_person_name(["Foreign", "Ministry"])


def test_a_pronoun_resolves_to_the_last_speaker_that_fits() -> None:
    history = [
        Speaker("Helen Strand", (0, 12), True),
        Speaker("Foreign Ministry", (20, 36), False),
        Speaker("he", (40, 42), True),
    ]
    assert resolve_pronoun("she", history) == history[0]
    assert resolve_pronoun("it", history) == history[1]
    assert resolve_pronoun("he", history[1:2]) is None
