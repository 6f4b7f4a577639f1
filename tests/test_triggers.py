"""Which words name an event, of which type, and whether it happened (``rules.triggers``)."""

from __future__ import annotations

import pytest
from rules_text import token

from summarizer.backends.rules.triggers import classify, irrealis, names_event


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        ("A missile hit the base in Erbil.", "hit", "attack"),
        ("The storm hit the coast on Monday.", "hit", None),
        ("The two sides struck a deal in Doha.", "struck", None),
        ("A bomb went off in the market.", "went", "attack"),
        ("The ministry sent troops to the border.", "sent", "deployment"),
        ("The ministry sent a letter to the council.", "sent", None),
        ("He was tried in Paris last year.", "tried", "other"),
        ("He tried to leave the country.", "tried", None),
        ("Thousands joined a rally against the war.", "rally", "protest"),
        ("The senator spoke at a campaign rally.", "rally", "meeting"),
        ("The soldiers opened fire on the crowd.", "fire", "attack"),
        ("Two people were found dead in the house.", "dead", "killing"),
    ],
)
def test_a_word_names_an_event_only_in_the_sense_that_does(
    text: str, word: str, kind: str | None
) -> None:
    assert classify(token(text, word)) == kind


def test_an_event_word_qualifying_a_noun_names_no_event_unless_the_noun_is_about_it() -> None:
    assert not names_event(token("The campaign ran attack ads in Ohio.", "attack"))
    assert names_event(token("The assassination attempt failed.", "assassination"))


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("The militia could attack the base.", "attack", (True, False)),
        ("The army did not attack the town.", "attack", (True, False)),
        ("The group vowed to strike the city.", "strike", (True, False)),
        ("The army will attack the town.", "attack", (False, True)),
        ("The army attacked the town.", "attacked", (False, False)),
    ],
)
def test_triggers_that_did_not_happen_and_ones_still_ahead(
    text: str, word: str, expected: tuple[bool, bool]
) -> None:
    assert irrealis(token(text, word)) == expected


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        ("The opposition called for a general strike.", "called", "statement"),
        ("Macron called it an attack.", "called", None),
        ("Police issued an appeal for witnesses.", "issued", "statement"),
        ("Police issued an appeal for witnesses.", "appeal", None),
        ("The ministry issued new passports.", "issued", None),
        ("An unknown virus may be spreading in the state.", "virus", "other"),
        ("The delegation arrived in Belfast on Friday.", "arrived", "deployment"),
    ],
)
def test_requests_issued_statements_outbreaks_and_movements(
    text: str, word: str, kind: str | None
) -> None:
    assert classify(token(text, word)) == kind


def test_an_infinitive_that_did_happen() -> None:
    assert irrealis(token("The bombs began to explode before noon.", "explode")) == (False, False)
    assert irrealis(token("The army claimed to have hit three gunmen.", "hit")) == (False, False)
