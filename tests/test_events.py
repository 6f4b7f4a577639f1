"""Events from the rules backend: triggers, arguments, casualties, dates, merging; all grounded.

Runs spaCy's small English model (a runtime dependency); no network, no shared data.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from summarizer.backends.rules import events
from summarizer.backends.rules.nlp import parse
from summarizer.document import Document
from summarizer.loading import Loaded, source_for
from summarizer.models import Event
from summarizer.pipeline import prepare
from summarizer.settings import Settings

REFERENCE = Path(__file__).parent.parent / "fixtures" / "articles" / "000_1c6f5c5be20c7c12.txt"


def _doc(text: str, anchor: date | None = None) -> Document:
    return prepare(Loaded(text, source_for(text)), Settings(anchor_date=anchor))


def _events(text: str, anchor: date | None = None) -> list[Event]:
    doc = _doc(text, anchor)
    return events.extract(doc, parse(doc))


def _where(e: Event) -> str | None:
    return e.location.name if e.location else None


@pytest.fixture(scope="module")
def reference() -> tuple[str, list[Event]]:
    text = REFERENCE.read_text(encoding="utf-8")
    doc = _doc(text)
    assert doc.anchor_date == date(2023, 12, 26)  # from the caption's "26 December 2023"
    return text, events.extract(doc, parse(doc))


def test_reference_us_strikes_on_tuesday_with_casualties(
    reference: tuple[str, list[Event]],
) -> None:
    _, found = reference
    lead = [e for e in found if e.type == "attack" and e.casualties.killed == 1]
    assert len(lead) == 1
    strike = lead[0]
    assert strike.casualties.injured in (18, 20)
    assert strike.time.date == "2023-12-26"
    assert strike.time.text == "early on Tuesday morning"
    assert [a.name for a in strike.actors] == ["US"]
    assert _where(strike) == "Iraq"
    # the headline and the standfirst restate the lead: their strikes are this one
    assert strike.evidence[0].text.startswith("Iraq: One killed and 18 wounded")
    assert strike.evidence[-1].text.startswith("The US conducted a new round of strikes")


def test_reference_hilla_and_wassit_strikes_dated_tuesday(
    reference: tuple[str, list[Event]],
) -> None:
    _, found = reference
    places = {_where(e): e for e in found if e.type == "attack"}
    assert places["Hilla"].time.date == "2023-12-26"
    assert places["Wassit"].time.date == "2023-12-26"
    assert [a.name for a in places["Hilla"].actors] == ["US"]  # one of the lead's US strikes


def test_reference_kataib_hezbollah_attack_on_monday(reference: tuple[str, list[Event]]) -> None:
    _, found = reference
    (kh,) = [e for e in found if any(a.name == "Kataib Hezbollah" for a in e.actors)]
    assert kh.type == "attack"
    assert kh.time.date == "2023-12-25"
    assert kh.casualties.injured == 3
    assert kh.casualties.killed is None
    assert [t.name for t in kh.targets] == ["US military base"]


def test_reference_israeli_airstrike_near_damascus(reference: tuple[str, list[Event]]) -> None:
    _, found = reference
    (strike,) = [e for e in found if _where(e) == "Damascus"]
    assert strike.type == "attack"
    assert strike.time.date == "2023-12-25"
    assert [t.name for t in strike.targets] == ["Razi Moussavi"]  # "Mousavi" later is the same man
    assert strike.casualties.killed == 4  # "a senior adviser ... and three fighters"
    assert len(strike.evidence) >= 2  # "The strike had targeted Razi Moussavi" is the same strike


def test_reference_deployment_and_no_furniture(reference: tuple[str, list[Event]]) -> None:
    text, found = reference
    (deployment,) = [e for e in found if e.type == "deployment"]
    assert _where(deployment) == "Iraq"
    assert [t.name for t in deployment.targets] == ["around 2,500 soldiers"]
    assert not [e for e in found if e.type == "attack" and e.time.date is None]
    for e in found:
        spans = [e.trigger, *e.evidence]
        spans += [p.mention for p in [*e.actors, *e.targets, e.location] if p and p.mention]
        for span in spans:
            assert span is not None
            assert text[span.start : span.end] == span.text
        for span in e.evidence:
            assert "Skip to main" not in span.text and "(AFP)" not in span.text


def test_arrest_with_place_date_and_count() -> None:
    (e,) = _events("Police arrested three men in Lahore on Friday.", date(2024, 5, 6))
    assert e.type == "arrest"
    assert _where(e) == "Lahore"
    assert e.time.date == "2024-05-03"
    assert [a.name for a in e.actors] == ["Police"]
    assert [t.name for t in e.targets] == ["three men"]


def test_passive_victims_and_number_words() -> None:
    text = "Two soldiers were killed and five others were injured in Kandahar on Sunday."
    found = _events(text, date(2024, 5, 6))
    counts = {e.type: e.casualties for e in found}
    assert counts["killing"].killed == 2
    assert counts["injury"].injured == 5


def test_no_one_killed_counts_zero() -> None:
    found = _events(
        "No one was killed when a rocket hit the base in Erbil on Monday.", date(2024, 5, 6)
    )
    assert any(e.casualties.killed == 0 for e in found)


@pytest.mark.parametrize(
    "text",
    [
        "The militia could attack the base in Erbil next week.",
        "The army did not attack the town of Idlib on Monday.",
        "The group vowed to strike Israeli targets in Gaza.",
        "The two sides struck a deal in Doha on Monday.",
    ],
)
def test_events_that_did_not_happen_are_left_out(text: str) -> None:
    assert [e for e in _events(text, date(2024, 5, 6)) if e.type == "attack"] == []


def test_mentions_keep_every_trigger_for_scoring() -> None:
    doc = _doc("A bomb exploded in Mosul, killing two. Police arrested a suspect.")
    kinds = [(m.trigger.text, m.type) for m in events.mentions(doc, parse(doc))]
    assert kinds == [("exploded", "attack"), ("killing", "killing"), ("arrested", "arrest")]


def test_dates_are_not_actors_and_a_city_before_the_attack_is_its_place() -> None:
    text = "Saturday's Manchester bombing was claimed by the Islamic State group."
    (e,) = [e for e in _events(text, date(2017, 5, 23)) if e.type == "attack"]
    assert [a.name for a in e.actors] == []
    assert _where(e) == "Manchester"
    (us,) = _events("US strikes hit two depots in Syria on Monday.", date(2024, 2, 6))
    assert [a.name for a in us.actors] == ["US"]


def test_words_inside_quotes_and_attack_ads_are_not_events() -> None:
    text = (
        'The minister said: "They attacked our village in Homs on Monday." '
        "The campaign ran attack ads in Ohio on Tuesday."
    )
    assert _events(text, date(2024, 5, 8)) == []


def test_a_politician_attacking_a_rival_is_not_an_attack_and_a_campaign_rally_is_a_meeting() -> (
    None
):
    text = (
        "Donald Trump attacked Hillary Clinton on Monday. "
        "Trump later spoke at a rally in Ohio on Tuesday."
    )
    found = _events(text, date(2016, 9, 28))
    assert [e.type for e in found] == ["meeting"]


def test_an_actor_adjective_becomes_the_state_it_stands_for() -> None:
    (e,) = _events("An Israeli airstrike hit the port of Gaza on Monday.", date(2024, 5, 7))
    assert [a.name for a in e.actors] == ["Israel"]
    assert e.actors[0].mention is not None and e.actors[0].mention.text == "Israeli"
