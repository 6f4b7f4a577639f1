"""Where an event happened (``rules.places``)."""

from __future__ import annotations

from rules_text import parsed

from summarizer.backends.rules.events import mentions


def _place(text: str, trigger: str) -> str | None:
    doc, p = parsed(text)
    m = next(m for m in mentions(doc, p) if m.trigger.text == trigger)
    return m.location.text if m.location is not None else None


def test_a_place_after_a_locative_preposition() -> None:
    assert _place("Police arrested three men in Lahore on Friday.", "arrested") == "Lahore"


def test_a_place_noun_leads_to_its_name() -> None:
    assert _place("Jets struck the province of Wassit on Tuesday.", "struck") == "Wassit"


def test_a_city_before_an_attack_is_its_place_but_a_state_before_strikes_acts() -> None:
    assert _place("Saturday's Manchester bombing shocked Britain.", "bombing") == "Manchester"
    assert _place("US strikes hit two depots on Monday.", "strikes") is None


def test_a_place_of_another_clause_is_not_the_trigger_s() -> None:
    text = "The army attacked the rebels, who had fled from Homs."
    assert _place(text, "attacked") is None


def test_a_site_in_common_words_when_no_place_is_named() -> None:
    assert _place("A bomb exploded at a checkpoint on Sunday.", "exploded") == "checkpoint"
    assert _place("A bomb exploded at a checkpoint in Kabul.", "exploded") == "Kabul"


def test_the_place_a_where_clause_hangs_from() -> None:
    text = "The blast tore through the bus depot, where seven people were killed."
    assert _place(text, "killed") == "depot"


def test_a_noun_trigger_is_placed_by_the_verb_it_hangs_from() -> None:
    assert _place("The worst explosion was at the crowded bus station.", "explosion") == "station"
