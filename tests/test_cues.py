"""Reporting cues and who speaks at them, on the parse (``rules.cues``)."""

from __future__ import annotations

import pytest
from rules_text import token

from summarizer.backends.rules.cues import cue_span, is_cue, reported_heads, speaker_head


@pytest.mark.parametrize(
    ("text", "word", "cue"),
    [
        ("The minister said the port would reopen.", "said", True),
        ("The port will reopen, according to the minister.", "according", True),
        ("The minister believes the port will reopen.", "believes", True),
        ("The minister opened the port.", "opened", False),
        ("“Stay home,” the letter reads.", "reads", True),
        ("She reads the letter every day.", "reads", False),
    ],
)
def test_what_counts_as_a_reporting_cue(text: str, word: str, cue: bool) -> None:
    assert is_cue(token(text, word)) is cue


def test_the_speaker_is_the_subject_the_agent_or_the_object_of_according_to() -> None:
    assert speaker_head(token("Helen Strand said the port would reopen.", "said")).text == "Strand"
    passive = token("The plan was announced by the mayor on Monday.", "announced")
    assert speaker_head(passive).text == "mayor"
    according = token("The port will reopen, according to the minister.", "according")
    assert speaker_head(according).text == "minister"


def test_a_verb_joined_to_a_cue_s_clause_takes_its_subject() -> None:
    cue = token("The mayor arrived late and added that the port would reopen.", "added")
    assert speaker_head(cue).text == "mayor"


def test_the_object_of_a_verb_of_control_speaks_the_verb_it_controls() -> None:
    led = token("All this has led the Latvian journalist to fear a new pact.", "fear")
    assert speaker_head(led).text == "journalist"
    asked = token("She asked the minister to describe the attack.", "describe")
    assert speaker_head(asked).text == "minister"
    declined = token("The minister declined to describe the attack.", "describe")
    assert speaker_head(declined).text == "minister"  # no object: the subject says it
    # not a verb of control: the subject denounces, the object is what it denounces with
    used = token("The envoys used blunt words to denounce the new tests.", "denounce")
    assert speaker_head(used).text == "envoys"


def test_the_maker_of_a_statement_speaks_what_it_says() -> None:
    letter = token("The mayor released a letter on Friday that says the port is safe.", "says")
    assert speaker_head(letter).text == "mayor"
    made = token("The scandal led the senator to make a comment that described it.", "described")
    assert speaker_head(made).text == "senator"
    read = token("The mayor read a letter that says the port is safe.", "says")
    assert speaker_head(read).text == "letter"  # reading is not making: the letter says it


def test_a_cue_phrase_keeps_its_particle() -> None:
    text = "The mayor pointed out that the port was closed."
    cue = token(text, "pointed")
    assert text[slice(*cue_span(cue))] == "pointed out"


@pytest.mark.parametrize(
    ("text", "word", "reported"),
    [
        ("The envoy urged North Korea to resume the talks.", "urged", "North Korea to resume"),
        ("Trump cited his endorsements from 88 generals.", "cited", "his endorsements"),
        ("Trump accused her of being asleep during the attack.", "accused", "being asleep"),
        ("The council called for a new vote on the budget.", "called", "a new vote"),
        ("The minister said the port would reopen.", "said", "the port would reopen"),
    ],
)
def test_what_a_cue_reports_beyond_its_clause(text: str, word: str, reported: str) -> None:
    heads = reported_heads(token(text, word))
    assert heads
    first = min(h.left_edge.i for h in heads)
    last = max(h.right_edge.i for h in heads)
    doc = heads[0].doc
    assert reported in doc[first : last + 1].text


def test_a_verb_with_a_person_as_object_reports_no_object() -> None:
    assert reported_heads(token("The minister thanked the workers.", "thanked")) == []
    assert reported_heads(token("She wants a new car.", "wants")) == []
