"""The offline backend: spaCy parsing plus rules, used whenever no model is configured.

Deterministic, free and fast; also the yardstick the LLM backend has to beat. ``extract_many``
parses a batch of articles in one ``nlp.pipe`` stream (``summarizer eval`` and bulk runs use it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.backends.base import Draft
from summarizer.backends.rules.nlp import Parsed, parse_many
from summarizer.document import Document
from summarizer.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Span


def needs_entities(sentence: Span) -> bool:
    """Named entities are only read around events and checkable numbers (places, actors, dates
    that are not counts); quotes and the summary need none, so other sentences skip the
    entity recogniser, which costs as much as the parser."""
    from summarizer.backends.rules.events import classify

    return any(t.like_num or classify(t) for t in sentence)


class RulesBackend:
    name = "rules"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def extract(self, doc: Document) -> Draft:
        return self.extract_many([doc])[0]

    def extract_many(self, docs: list[Document], *, chunk: int = 16) -> list[Draft]:
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
