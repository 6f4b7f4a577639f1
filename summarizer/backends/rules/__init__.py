"""The offline backend: spaCy parsing plus rules, used whenever no model is configured.

Deterministic, free and fast; also the yardstick the LLM backend has to beat.
"""

from __future__ import annotations

from summarizer.backends.base import Draft
from summarizer.backends.rules.nlp import parse
from summarizer.document import Document
from summarizer.settings import Settings


class RulesBackend:
    name = "rules"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def extract(self, doc: Document) -> Draft:
        from summarizer.backends.rules import assertions, events, quotes, summary

        parsed = parse(doc)
        found_quotes, reported = quotes.extract(doc, parsed)
        return Draft(
            quotes=found_quotes,
            claims=reported + assertions.extract(doc, parsed),
            events=events.extract(doc, parsed),
            summary=summary.extract(doc, parsed),
            model=parsed.model_name,
        )
