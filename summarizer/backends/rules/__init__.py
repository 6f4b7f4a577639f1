"""The offline backend: spaCy parsing plus rules, used whenever no model is configured.

Deterministic, free and fast; also the yardstick the LLM backend has to beat. ``extract_many``
parses a batch of articles in one ``nlp.pipe`` stream (``summarizer eval`` and bulk runs use it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from summarizer import quotemarks
from summarizer.backends.base import BackendBase, Bound, Draft, Mention
from summarizer.backends.rules.lexicon.events import ORDINALS, TIME_NOUNS
from summarizer.backends.rules.nlp import Parsed, parse_many
from summarizer.document import Document
from summarizer.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_DOUBLE = frozenset(quotemarks.DOUBLE)


def needs_entities(sentence: Span) -> bool:
    """Entities are read around events (places, actors) and to tell a count from a date in the
    article's own checkable sentences; quotes and the summary need none. So a sentence gets the
    entity recogniser, which costs as much as the parser, only when it has an event trigger, or
    a number outside any date expression and no attribution (assertions skip attributed ones)
    unless one of those numbers is plainly a count."""
    from summarizer import dates
    from summarizer.backends.rules.cues import is_cue
    from summarizer.backends.rules.triggers import classify

    # Statements' parties are speakers, found without entity labels like quotes' speakers.
    if any(classify(t) not in (None, "statement") for t in sentence):
        return True
    numbers = [t for t in sentence if t.like_num]
    if not numbers:
        return False
    text = sentence.text  # spaCy builds it anew on every read
    if not _DOUBLE.isdisjoint(text) or any(is_cue(t) for t in sentence):
        return False
    in_dates = [
        (sentence.start_char + a, sentence.start_char + b) for a, b in dates.expressions(text)
    ]
    loose = [t for t in numbers if not any(a <= t.idx < b for a, b in in_dates)]
    # A plain count ("18 people") makes the sentence checkable whatever the recogniser says
    # of its other numbers, so it needs none.
    return bool(loose) and not any(_plain_count(t) for t in loose)


def _plain_count(token: Token) -> bool:
    """A numeral counting things ("18 people", "2,500 soldiers"): not a year, an ordinal, a
    span of time or part of a name, so the entity recogniser could only call it a count too."""
    from summarizer import dates

    head = token.head
    return (
        token.dep_ == "nummod"
        and head.pos_ == "NOUN"
        and head.text[:1].islower()  # "Patriot 125", "Apollo 11": names
        and head.lemma_.lower() not in TIME_NOUNS
        and not dates.YEAR.fullmatch(token.text)
        and token.lower_ not in ORDINALS
    )


class RulesBackend(BackendBase):
    """CPU-bound, no input budget (any length in one pass), not cached (free, and its code
    changes without a version to key on); spaCy loaded in the bulk parent is shared by forks."""

    name = "rules"
    bound: Bound = "cpu"
    input_budget: int | None = None
    cache_identity: Mapping[str, object] | None = None
    share_warm_up = True

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def warm_up(self) -> None:
        """Load the spaCy model now (the bulk parent: before forking, so workers share it)."""
        from summarizer.backends.rules.nlp import load_nlp

        load_nlp()

    def event_mentions(self, doc: Document) -> list[Mention]:
        """Every event trigger with its type and argument spans, before events are merged
        (``summarizer eval`` scores WikiEvents mention by mention)."""
        from summarizer.backends.rules import events
        from summarizer.backends.rules.nlp import parse

        return [
            (m.trigger_range(), m.type, m.argument_ranges())
            for m in events.mentions(doc, parse(doc))
        ]

    def extract(self, doc: Document) -> Draft:
        return self.extract_many([doc])[0]

    def extract_many(self, docs: list[Document], chunk: int = 8) -> list[Draft]:
        """Drafts for many documents, parsed together ``chunk`` at a time (a parsed article
        holds megabytes, so memory stays flat however many articles there are)."""
        drafts: list[Draft] = []
        for at in range(0, len(docs), chunk):
            part = docs[at : at + chunk]
            parsed = parse_many(part, entities=needs_entities)
            drafts += [self._draft(doc, p) for doc, p in zip(part, parsed, strict=True)]
        return drafts

    def _draft(self, doc: Document, parsed: Parsed) -> Draft:
        from summarizer.backends.rules import assertions, events, quotes, summary

        found_quotes, reported = quotes.extract(doc, parsed)
        return Draft(
            quotes=found_quotes,
            claims=reported + assertions.extract(doc, parsed),
            events=events.extract(doc, parsed),
            summary=summary.extract(doc, parsed),
            model=parsed.model_name,
        )
