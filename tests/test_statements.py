"""One statement, one item: the rules backend joins the pieces of one quoted statement.

The sentences are written for these tests, one phenomenon each.
"""

from __future__ import annotations

from summarizer.backends.rules import quotes
from summarizer.backends.rules.nlp import parse
from summarizer.loading import source_for
from summarizer.models import Claim, Quote
from summarizer.segment import segment


def extract(body: str) -> tuple[list[Quote], list[Claim]]:
    text = f"Council meets on budget\n\n{body}\n"
    doc = segment(text, source_for(text))
    return quotes.extract(doc, parse(doc))


def pieces(q: Quote) -> list[str]:
    return [p.text for p in q.parts] if q.parts else [q.text]


def test_a_quote_going_on_after_its_cue_sentence_is_one_item() -> None:
    found, claims = extract(
        '"We are ready to talk," said Mayor Ana Ruiz, who chairs the council. '
        '"We will not be rushed."'
    )
    (q,) = [q for q in found if q.kind == "direct"]
    assert pieces(q) == ["We are ready to talk,", "We will not be rushed."]
    assert q.speaker is not None and q.speaker.name == "Ana Ruiz"
    (claim,) = [c for c in claims if c.parts]
    assert claim.parts == q.parts and claim.claimant == q.speaker


def test_a_second_reporting_verb_starts_another_statement() -> None:
    found, _ = extract(
        '"We are ready to talk," Mayor Ana Ruiz said, adding that the offer was "final."'
    )
    assert sorted(t for q in found for t in pieces(q) if q.kind != "indirect") == [
        "We are ready to talk,",
        "final.",
    ]
    assert not any(q.parts for q in found)


def test_partial_quotes_along_one_reported_clause_are_one_item() -> None:
    found, claims = extract('Ruiz said the plan was "reckless" and "a mistake" on Monday.')
    (q,) = [q for q in found if q.kind == "partial"]
    assert pieces(q) == ["reckless", "a mistake"]
    # the reported clause holding both is the one claim
    assert any(c.start <= q.start and q.end <= c.end and not c.parts for c in claims)


def test_quotes_of_two_speakers_stay_apart() -> None:
    found, _ = extract('"We are ready," Ruiz said.\n\n"We are not," Councillor Tom Bell replied.')
    direct = [q for q in found if q.kind == "direct"]
    assert [q.speaker.name if q.speaker else None for q in direct] == ["Ruiz", "Tom Bell"]
    assert not any(q.parts for q in direct)


def test_a_quote_with_its_own_cue_after_a_partial_quote_is_another_statement() -> None:
    found, _ = extract(
        'Mayor Ana Ruiz says the budget is the "same old plan that she promised to end." '
        'She adds, "What kind of mayor signs this?"'
    )
    quoted = [q for q in found if q.kind != "indirect"]
    assert [pieces(q) for q in quoted] == [
        ["same old plan that she promised to end."],
        ["What kind of mayor signs this?"],
    ]
    assert [q.cue.text if q.cue else None for q in quoted] == ["says", "adds"]


def test_a_relative_clause_about_the_speaker_does_not_split_the_statement() -> None:
    found, _ = extract(
        '"These are hard times," Nora Vik said on Monday at the town hall, where the mayor '
        'also spoke. "I doubt the council can fix it."'
    )
    (q,) = [q for q in found if q.kind == "direct"]
    assert pieces(q) == ["These are hard times,", "I doubt the council can fix it."]
    assert q.speaker is not None and q.speaker.name == "Nora Vik"
