"""Who acted, on whom and how many were hurt, read off the parse (``rules.arguments``)."""

from __future__ import annotations

from rules_text import parsed
from spacy.tokens import Token

from summarizer.backends.rules.arguments import Mention, span_of
from summarizer.backends.rules.events import mentions


def _mention(text: str, trigger: str) -> tuple[str, Mention]:
    doc, p = parsed(text)
    return doc.text, next(m for m in mentions(doc, p) if m.trigger.text == trigger)


def _words(text: str, tokens: list[Token]) -> list[str]:
    return [text[slice(*span_of(t))] for t in tokens]


def test_a_verb_s_subject_acts_and_its_object_is_the_target() -> None:
    text, m = _mention("Police arrested three men in Lahore on Friday.", "arrested")
    assert _words(text, m.actors) == ["Police"]
    assert _words(text, m.targets) == ["three men"]
    assert [text[a:b] for a, b in m.argument_ranges()] == ["Police", "three men", "Lahore"]


def test_a_passive_s_agent_acts_and_its_subject_is_the_victim() -> None:
    text, m = _mention("Two soldiers were killed by the militants in Kandahar.", "killed")
    assert _words(text, m.actors) == ["the militants"]
    assert _words(text, m.targets) == ["Two soldiers"]
    assert m.killed == 2


def test_no_one_counts_zero_and_number_words_count() -> None:
    _, none = _mention("No one was killed when a rocket hit the base.", "killed")
    assert none.killed == 0
    _, five = _mention("Five others were injured in the blast.", "injured")
    assert five.injured == 5


def test_a_noun_trigger_s_possessor_acts_and_its_preposition_names_the_target() -> None:
    text, m = _mention("Israel's strike on the airport drew condemnation.", "strike")
    assert _words(text, m.actors) == ["Israel"]
    assert _words(text, m.targets) == ["the airport"]


def test_a_light_verb_s_subject_carries_out_what_its_object_names() -> None:
    text, m = _mention("The US conducted a new round of strikes in Iraq.", "strikes")
    assert _words(text, m.actors) == ["US"]


def test_a_weapon_as_subject_is_not_the_actor() -> None:
    text, m = _mention("A US drone strike killed a commander in Baghdad.", "killed")
    assert m.weapon is not None and m.weapon.text == "strike"
    assert _words(text, m.actors) == ["US"]


def test_pronouns_are_arguments_of_the_mention_but_name_no_actor() -> None:
    text, m = _mention("They killed 23 soldiers in the night.", "killed")
    assert m.actors == []
    assert [t.text for t in m.pronouns] == ["They"]
    assert "They" in [text[a:b] for a, b in m.argument_ranges()]


def test_a_device_that_exploded_is_an_argument() -> None:
    text, m = _mention("A bomb exploded near the station.", "exploded")
    assert [text[a:b] for a, b in m.argument_ranges()] == ["the station", "A bomb"]


def test_the_dead_are_the_victims_of_dead() -> None:
    text, m = _mention("Two men were found dead in the house.", "dead")
    assert _words(text, m.targets) == ["Two men"]
    assert m.killed == 2


def test_an_actor_adjective_is_not_an_argument_span() -> None:
    text, m = _mention("An Israeli airstrike hit the port.", "airstrike")
    assert [t.text for t in m.actors] == ["Israeli"]
    assert "Israeli" not in [text[a:b] for a, b in m.argument_ranges()]


def test_coordinated_verbs_share_their_subject() -> None:
    text, m = _mention("The gunmen stormed the hotel and killed six guests.", "killed")
    assert _words(text, m.actors) == ["The gunmen"]
    assert _words(text, m.targets) == ["six guests"]


def test_the_subject_of_suffered_injuries_is_the_victim() -> None:
    text, m = _mention("Nine passengers suffered minor injuries in the crash.", "injuries")
    assert _words(text, m.targets) == ["Nine passengers"]
    assert m.injured == 9


def test_co_ordinated_event_nouns_share_their_victims() -> None:
    text, m = _mention(
        "Bishops condemned the killing and maiming of farmers and fishermen.", "maiming"
    )
    assert _words(text, m.targets) == ["farmers", "fishermen"]


def test_a_co_ordinated_passive_verb_shares_its_victims() -> None:
    text, m = _mention("Eleven workers were trapped and injured in the mine.", "injured")
    assert _words(text, m.targets) == ["Eleven workers"]
    assert m.injured == 11


def test_every_victim_listed_after_including_is_one() -> None:
    text, m = _mention(
        "Six activists were arrested, including Mara Lind and Pavel Orlov.", "arrested"
    )
    assert _words(text, m.targets) == ["Six activists", "Mara Lind", "Pavel Orlov"]


def test_a_participle_of_result_shares_the_subject_of_its_verb() -> None:
    text, m = _mention("Rebel fighters shelled the market on Sunday, killing 14 people.", "killing")
    assert _words(text, m.actors) == ["Rebel fighters"]
    assert m.killed == 14


def test_a_battle_between_two_sides_names_both() -> None:
    text, m = _mention("A man died in a battle between soldiers and smugglers.", "battle")
    assert _words(text, m.targets) == ["soldiers", "smugglers"]


def test_whom_a_warning_was_given_to() -> None:
    text, m = _mention("Telephoned warnings were given to the police and the hospital.", "warnings")
    assert _words(text, m.targets) == ["the police", "the hospital"]
