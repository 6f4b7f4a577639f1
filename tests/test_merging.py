"""Mentions of one happening become one event (``rules.merging``, through ``events.extract``)."""

from __future__ import annotations

from datetime import date

from rules_text import parsed

from summarizer.backends.rules import events
from summarizer.models import Event


def _events(text: str, anchor: date | None = None) -> list[Event]:
    doc, p = parsed(text, anchor)
    return events.extract(doc, p)


def _where(e: Event) -> str | None:
    return e.location.name if e.location else None


def test_bomb_deaths_and_injuries_fold_into_the_attack() -> None:
    text = "A suicide bomber blew himself up at a checkpoint in Kabul on Sunday, killing 12 people and wounding 30."
    (e,) = _events(text, date(2024, 5, 6))
    assert e.type == "attack"
    assert (e.casualties.killed, e.casualties.injured) == (12, 30)
    assert _where(e) == "Kabul"
    assert e.time.date == "2024-05-05"


def test_same_strike_mentioned_twice_is_one_event() -> None:
    text = (
        "Israeli jets struck a building in Beirut on Tuesday, killing four people.\n\n"
        "The residents said they heard nothing before the blast.\n\n"
        "The strike in Beirut on Tuesday also damaged two schools."
    )
    attacks = [e for e in _events(text, date(2024, 1, 3)) if e.type == "attack"]
    assert len(attacks) == 1
    assert attacks[0].casualties.killed == 4
    assert len(attacks[0].evidence) == 2


def test_a_compound_and_its_head_are_one_attack() -> None:
    text = "The suicide bombing attack in Kabul on Friday killed nine people."
    (e,) = _events(text, date(2024, 5, 6))
    assert (e.type, e.casualties.killed, _where(e)) == ("attack", 9, "Kabul")


def test_strikes_at_two_places_on_one_day_stay_two_events() -> None:
    text = (
        "US jets struck a depot in Baghdad on Tuesday.\n\n"
        "US jets also struck a base in Basra on Tuesday."
    )
    places = sorted(_where(e) or "" for e in _events(text, date(2024, 1, 3)) if e.type == "attack")
    assert places == ["Baghdad", "Basra"]
