"""Quotes and reported claims from the team-written fixture articles (``fixtures/articles/01*``).

The articles were written for these tests: each phenomenon (an interrupted quote, a quote run on
over two paragraphs, a nested quote, pronoun speakers, indirect speech, "according to") sits in a
known sentence, so the expected speakers and kinds below are the article's plain reading.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from summarizer.backends.rules import quotes
from summarizer.backends.rules.nlp import parse
from summarizer.document import Document
from summarizer.loading import source_for
from summarizer.models import Claim, Quote
from summarizer.segment import segment

ARTICLES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"


@cache
def extracted(name: str) -> tuple[str, tuple[Quote, ...], tuple[Claim, ...]]:
    text = (ARTICLES / name).read_text(encoding="utf-8")
    doc = segment(text, source_for(text))
    found, claims = quotes.extract(doc, parse(doc))
    return text, tuple(found), tuple(claims)


def quote(name: str, starts: str) -> Quote:
    _, found, _ = extracted(name)
    hits = [q for q in found if q.text.startswith(starts)]
    assert len(hits) == 1, [q.text for q in found]
    return hits[0]


NAMES = ["010_port_strike.txt", "011_flood_relief.txt", "012_council_vote.txt"]


@pytest.mark.parametrize("name", NAMES)
def test_every_span_holds_its_text(name: str) -> None:
    text, found, claims = extracted(name)
    assert found and claims
    for item in (*found, *claims):
        pieces = item.parts or [item]
        assert all(text[p.start : p.end] == p.text for p in pieces)
        assert item.text == " ".join(p.text for p in pieces)
        assert (pieces[0].start, pieces[-1].end) == (item.start, item.end)
    for q in found:
        for span in (q.cue, q.speaker.mention if q.speaker else None):
            if span is not None:
                assert text[span.start : span.end] == span.text
    assert all(c.kind == "reported" for c in claims)


def test_quote_interrupted_by_its_attribution_is_one_item_in_two_parts() -> None:
    q = quote("010_port_strike.txt", "We will respond")
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.name == "Maria Okafor"
    assert q.speaker.mention is not None and q.speaker.mention.text == "she"
    assert q.cue is not None and q.cue.text == "said"
    assert q.parts is not None
    assert [p.text for p in q.parts] == ["We will respond,", "at the right time and not before."]
    assert q.text == "We will respond, at the right time and not before."
    assert q.parts[0].end < q.cue.start < q.parts[1].start  # the cue is between, not in
    _, found, claims = extracted("010_port_strike.txt")
    assert not any(x.text.startswith("at the right time") for x in found)
    (claim,) = [c for c in claims if c.start == q.start]
    assert claim.parts == q.parts
    assert (
        claim.statement
        == "We will respond, at the right time and not before (said by Maria Okafor)"
    )


def test_quote_over_two_paragraphs_is_one_item_with_the_speaker_named_in_the_second() -> None:
    q = quote("010_port_strike.txt", "Every week the ships wait")
    assert q.parts is not None
    assert q.parts[0].text == "Every week the ships wait costs our customers money."  # no mark
    assert q.parts[1].text.startswith("We want the crews back")
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.name == "Daniel Reyes"  # fullest name given


def test_speaker_after_the_quote_and_the_sentence_after_its_cue_goes_on() -> None:
    q = quote("010_port_strike.txt", "We have been patient")
    assert q.speaker is not None and q.speaker.name == "Maria Okafor"
    assert q.speaker.mention is not None
    assert q.speaker.mention.text == "Maria Okafor"
    # The next sentence has no cue of its own: the same speaker goes on, one statement.
    assert q.parts is not None
    assert q.parts[1].text == "Our members move the goods this country lives on."


def test_indirect_speech_and_according_to() -> None:
    said = quote("010_port_strike.txt", "the union had asked for a 9 percent rise")
    assert said.kind == "indirect"
    assert said.speaker is not None and said.speaker.name == "Maria Okafor"
    assert said.speaker.mention is not None and said.speaker.mention.text == "Okafor"
    according = quote("011_flood_relief.txt", "23 people have died")
    assert according.kind == "indirect"
    assert according.cue is not None and according.cue.text == "According to"
    assert according.speaker is not None
    assert according.speaker.name == "regional emergency office"
    assert according.speaker.mention is not None
    assert according.speaker.mention.text == "the regional emergency office"


def test_partial_quote_inside_reported_speech() -> None:
    q = quote("011_flood_relief.txt", "slow but improving")
    assert q.kind == "partial"
    assert q.cue is not None and q.cue.text == "called"
    assert q.speaker is not None and q.speaker.name == "Tomas Lindqvist"
    assert q.speaker.mention is not None
    assert q.speaker.mention.text == "The regional governor, Tomas Lindqvist"


def test_pronouns_resolve_to_the_last_fitting_speaker() -> None:
    he = quote("011_flood_relief.txt", "We are not finished")
    assert he.speaker is not None and he.speaker.name == "Tomas Lindqvist"
    assert he.speaker.mention is not None and he.speaker.mention.text == "he"
    she = quote("010_port_strike.txt", "a test for everyone involved")
    assert she.speaker is not None and she.speaker.name == "Helen Strand"
    assert she.speaker.mention is not None and she.speaker.mention.text == "She"
    they = quote("012_council_vote.txt", "the council had ignored them")
    assert they.speaker is not None and they.speaker.name == "Shop owners"


def test_nested_quote_stays_inside_the_outer_quote() -> None:
    outer = quote("011_flood_relief.txt", "People walked for hours")
    assert "\u2018I thought the world had forgotten us,\u2019" in outer.text
    assert outer.speaker is not None and outer.speaker.name == "Amina Haddad"
    _, found, _ = extracted("011_flood_relief.txt")
    assert not any(q.text.startswith("I thought the world") for q in found)


def test_speaker_from_the_words_before_a_colon() -> None:
    q = quote("012_council_vote.txt", "You are taking away the parking")
    assert q.speaker is not None and q.speaker.name == "Rita Mendes"
    told = quote("012_council_vote.txt", "This is about safety")
    assert told.speaker is not None and told.speaker.name == "Jonah Pike"
    assert told.cue is not None and told.cue.text == "told"


def test_reported_claim_names_its_claimant() -> None:
    _, _, claims = extracted("010_port_strike.txt")
    claim = next(c for c in claims if c.text.startswith("that the government would step in"))
    assert claim.claimant is not None and claim.claimant.name == "Helen Strand"
    assert claim.statement == (
        "The government would step in if the strike lasted beyond Friday (said by Helen Strand)"
    )


def test_reference_article_statements_and_no_furniture() -> None:
    text, found, claims = extracted("000_1c6f5c5be20c7c12.txt")
    kanaani = next(q for q in found if q.text.startswith("Iran"))
    assert kanaani.speaker is not None and kanaani.speaker.name == "Nasser Kanaani"
    iraq = next(q for q in found if q.text.startswith("It runs counter"))
    assert iraq.kind == "direct"
    assert iraq.speaker is not None and "Iraqi government" in iraq.speaker.name
    doc = segment(text, source_for(text))
    assert all(doc.in_content(q.start, q.end) for q in found)
    assert all(doc.in_content(c.start, c.end) for c in claims)


def test_furniture_is_never_quoted() -> None:
    text = 'Sign up to our newsletter: "The best stories, daily."\n\nThe mayor said "no".\n'
    doc: Document = segment(text, source_for(text))
    assert doc.furniture
    found, _ = quotes.extract(doc, parse(doc))
    assert [q.text for q in found] == ["no"]


REFERENCE = "000_1c6f5c5be20c7c12.txt"


def test_relative_pronoun_speaks_for_the_noun_its_clause_follows() -> None:
    # "an angry response from Baghdad which denounced the strike as a "hostile act"": the
    # parser hangs the clause on "response", but "which" is Baghdad.
    _, all_found, _ = extracted(REFERENCE)
    (found,) = [q for q in all_found if q.text == "hostile act"]
    assert found.speaker is not None and found.speaker.name == "Baghdad"
    assert found.speaker.mention is not None and found.speaker.mention.text == "Baghdad"


def test_a_relative_clause_on_a_person_keeps_the_person() -> None:
    text = (
        "The head of the committee, who said the vote was fair, left early. "
        'A spokesman for the ministry, who called the plan "reckless", declined to comment.'
    )
    doc = segment(text, source_for(text))
    found, _ = quotes.extract(doc, parse(doc))
    speakers = {q.text: q.speaker.mention.text for q in found if q.speaker and q.speaker.mention}
    assert speakers.get("reckless", "").startswith("A spokesman")


def test_speaker_name_drops_the_determiner_and_is_shared_by_the_entity() -> None:
    _, found, claims = extracted(REFERENCE)
    government = [
        q.speaker for q in found if q.speaker and q.speaker.name.lower().endswith("government")
    ]
    assert len(government) == 2
    assert {p.name for p in government} == {"Iraqi government"}
    mentions = {p.mention.text for p in government if p.mention}
    assert mentions == {"Iraqi government", "the Iraqi government"}
    assert any(c.statement.endswith("(said by Iraqi government)") for c in claims)


def _speakers(text: str) -> dict[str, str | None]:
    doc = segment(text, source_for(text))
    found, _ = quotes.extract(doc, parse(doc))
    return {
        q.text: q.speaker.mention.text if q.speaker and q.speaker.mention else None for q in found
    }


def test_the_name_before_a_saying_participle_speaks() -> None:
    text = "The ad uses footage of Hillary Clinton asking, \u201cWhy aren\u2019t I ahead?\u201d\n"
    assert _speakers(text)["Why aren\u2019t I ahead?"] == "Hillary Clinton"


def test_names_joined_by_and_speak_together() -> None:
    text = (
        "When the attacks were revealed as part of the war, Vance and Ortega call them "
        "\u201crandom acts\u201d and move on.\n"
    )
    assert _speakers(text)["random acts"] == "Vance and Ortega"


def test_a_verb_of_writing_speaks_what_it_writes() -> None:
    text = "In a box labeled \u201cproblem,\u201d a nurse had typed \u201cacute stress.\u201d\n"
    assert _speakers(text)["acute stress."] == "a nurse"


def test_a_phrase_in_an_adjunct_clause_is_not_the_outer_reporters() -> None:
    """A phrase goes to the outermost reporter only through what that reporter reports: not
    through a clause of time ("after she ... blamed") or a verb joined to it."""
    text = (
        "Governor Tom Hale described the senator as a \u201cdisgrace\u201d after she "
        "attacked the police and blamed the shootings on \u201cimplicit bias\u201d.\n"
    )
    assert _speakers(text)["implicit bias"] == "she"


def test_a_document_that_reads_speaks() -> None:
    text = "\u201cThe council acted in bad faith,\u201d the article read.\n"
    assert _speakers(text)["The council acted in bad faith,"] == "the article"


def mini(body: str) -> tuple[list[Quote], list[Claim]]:
    text = f"{body}\n"
    doc = segment(text, source_for(text))
    found, claims = quotes.extract(doc, parse(doc))
    return found, claims


def test_a_nouns_that_clause_is_its_owners_reported_words() -> None:
    found, _ = mini(
        "Budget talks resume\n\nCritics seized on Mayor Ana Ruiz's claim that the budget "
        "was balanced."
    )
    (q,) = [q for q in found if q.text == "that the budget was balanced"]
    assert q.kind == "indirect" and q.cue is not None and q.cue.text == "claim"
    assert q.speaker is not None and q.speaker.name == "Ana Ruiz"


def test_a_headline_that_opens_with_a_name_and_a_colon_is_that_speakers() -> None:
    found, _ = mini(
        "Ruiz: Budget Talks Were 'Going Nowhere' Before the Vote\n\nThe council met on Friday."
    )
    (q,) = [q for q in found if q.text == "Going Nowhere"]
    assert q.speaker is not None and q.speaker.name == "Ruiz"


def test_a_reporter_set_in_as_a_parenthetical_is_the_speaker() -> None:
    found, _ = mini(
        "Budget talks resume\n\nOver the years, Ruiz said, most residents have come to believe "
        '"that the budget is broken."'
    )
    (q,) = [q for q in found if q.text.startswith("that the budget is broken")]
    assert q.speaker is not None and q.speaker.name == "Ruiz"
