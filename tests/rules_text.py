"""Short texts parsed as the rules backend parses an article, for the rules modules' tests.

Runs spaCy's small English model (a runtime dependency); no network, no shared data.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Token

from summarizer.backends.rules.nlp import Parsed, parse
from summarizer.document import Document
from summarizer.loading import Loaded, source_for
from summarizer.pipeline import prepare
from summarizer.settings import Settings


def parsed(text: str, anchor: date | None = None) -> tuple[Document, Parsed]:
    doc = prepare(Loaded(text, source_for(text)), Settings(anchor_date=anchor))
    return doc, parse(doc)


def token(text: str, word: str) -> Token:
    """The first token of ``text`` spelled ``word``, in the parse of the whole text."""
    _, p = parsed(text)
    return next(t for t in p.doc if t.text == word)
