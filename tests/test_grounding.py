"""Grounding drops items whose spans are not in the article and keeps the rest intact.

The drafts here are written by hand as test doubles for a backend's output.
"""

from __future__ import annotations

from summarizer.backends.base import Draft
from summarizer.grounding import ground
from summarizer.loading import source_for
from summarizer.models import Claim, Event, Party, Quote, Span
from summarizer.segment import segment

TEXT = 'The minister said "we will win" on Monday. Rebels attacked the town.'


def _doc():  # type: ignore[no-untyped-def]
    return segment(TEXT, source_for(TEXT))


def test_invented_quote_is_dropped_with_a_warning() -> None:
    good = Quote(text="we will win", start=19, end=30, kind="direct")
    bad = Quote(text="we surrender", start=19, end=31, kind="direct")
    out = ground(Draft(quotes=[bad, good]), _doc())
    assert [q.text for q in out.quotes] == ["we will win"]
    assert any("we surrender" in w for w in out.warnings)


def test_wrong_speaker_mention_is_removed_but_quote_kept() -> None:
    speaker = Party(name="The minister", mention=Span(text="minister", start=0, end=8))
    q = Quote(text="we will win", start=19, end=30, kind="direct", speaker=speaker)
    out = ground(Draft(quotes=[q]), _doc())
    assert out.quotes[0].speaker is not None
    assert out.quotes[0].speaker.mention is None
    assert out.quotes[0].speaker.name == "The minister"


def test_duplicate_spans_are_reported_once() -> None:
    q = Quote(text="we will win", start=19, end=30, kind="direct")
    c = Claim(text="Rebels attacked the town.", start=43, end=68, statement="x", kind="assertion")
    out = ground(Draft(quotes=[q, q], claims=[c, c]), _doc())
    assert len(out.quotes) == 1
    assert len(out.claims) == 1


def test_event_without_grounded_evidence_is_dropped() -> None:
    ok = Event(
        description="attack",
        type="attack",
        evidence=[Span(text="Rebels attacked the town.", start=43, end=68)],
    )
    invented = Event(
        description="ceasefire", type="other", evidence=[Span(text="A ceasefire", start=0, end=11)]
    )
    out = ground(Draft(events=[ok, invented]), _doc())
    assert [e.description for e in out.events] == ["attack"]
    assert any("ceasefire" in w for w in out.warnings)


PIECES = 'The minister said "we will win," he said, "on Monday." Rebels attacked the town.'


def _pieces_doc():  # type: ignore[no-untyped-def]
    return segment(PIECES, source_for(PIECES))


def _interrupted(second: Span) -> Quote:
    first = Span(text="we will win,", start=19, end=31)
    return Quote(
        text=f"{first.text} {second.text}",
        start=first.start,
        end=second.end,
        kind="direct",
        parts=[first, second],
    )


def test_a_quote_in_parts_is_kept_when_every_part_holds_its_words() -> None:
    q = _interrupted(Span(text="on Monday.", start=43, end=53))
    assert PIECES[43:53] == "on Monday."
    out = ground(Draft(quotes=[q]), _pieces_doc())
    assert out.quotes == [q]
    assert out.warnings == []


def test_a_quote_with_one_wrong_part_is_dropped() -> None:
    q = _interrupted(Span(text="on Sunday.", start=43, end=53))
    out = ground(Draft(quotes=[q]), _pieces_doc())
    assert out.quotes == []
    assert any("on Sunday" in w for w in out.warnings)


def test_parts_must_make_up_the_items_words_and_range() -> None:
    q = _interrupted(Span(text="on Monday.", start=43, end=53))
    claims = [
        Claim(text="we will win, on Sunday.", start=19, end=53, parts=q.parts, statement="x",
              kind="reported"),
        Claim(text=q.text, start=19, end=60, parts=q.parts, statement="x", kind="reported"),
    ]  # fmt: skip
    out = ground(Draft(claims=claims), _pieces_doc())
    assert out.claims == []
    assert len(out.warnings) == 2
