"""Quoted words that are nobody's speech never become quotes with a speaker.

The sentences are written for these tests, one phenomenon each.
"""

from __future__ import annotations

from summarizer.backends.rules import quotes
from summarizer.backends.rules.nlp import parse
from summarizer.loading import source_for
from summarizer.segment import segment


def quoted(body: str) -> list[str]:
    text = f"Council meets on budget\n\n{body}\n"
    doc = segment(text, source_for(text))
    found, _ = quotes.extract(doc, parse(doc))
    return [p.text for q in found if q.kind != "indirect" for p in (q.parts or [q])]


def test_the_title_of_a_programme_is_not_a_quote() -> None:
    said = quoted(
        'On this weekend\'s broadcast of "Fox News Sunday," Mayor Ana Ruiz said the budget '
        'was "a disgrace."'
    )
    assert said == ["a disgrace."]


def test_a_title_before_a_noun_and_a_nickname_inside_a_name_are_not_quotes() -> None:
    assert quoted('Ruiz told the "Morning Report" show that talks would go on.') == []
    assert quoted('Rep. Robert C. "Bobby" Scott said he would vote for it.') == []


def test_a_heading_set_in_quote_marks_is_not_a_quote() -> None:
    assert quoted("\"We will vote,\" Ruiz said.\n\n'All Bets Are Off.'\n\nThe vote is Friday.") == [
        "We will vote,"
    ]


def test_embed_markup_is_not_a_quote() -> None:
    assert quoted('<tweet tweet-date="that the vote was close" said Ruiz>') == []
    assert quoted('"Follow Ana Ruiz on Twitter @anaruiz," the page said.') == []


def test_a_name_someone_is_reported_to_call_stays_their_words() -> None:
    assert quoted('Ruiz called the plan "Project Mayhem" at the meeting.') == ["Project Mayhem"]
