"""The article's own checkable assertions: numbers, casualties, deployments, dated events.

A sentence qualifies when it states a count (a number that is not only part of a date) or
reports a dated or located attack, death, injury, arrest or deployment. Sentences attributed to
someone (a quote mark or a reporting verb such as "said", "according to") are left to the quote
module's reported claims, so the two never say the same thing twice.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarizer import dates
from summarizer.backends.rules.lexicon.speech import REPORTING
from summarizer.backends.rules.triggers import classify
from summarizer.document import Document
from summarizer.models import Claim
from summarizer.quotemarks import NEVER_APOSTROPHE
from summarizer.spans import make_span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

    from summarizer.backends.rules.nlp import Parsed

_CHECKABLE = frozenset({"attack", "killing", "injury", "arrest", "deployment"})
_LEADING = re.compile(
    r"^(?:meanwhile|however|but|and|also|still|yet|moreover|separately),?\s+", re.I
)
_MIN_WORDS = 6
_MARKS = frozenset(NEVER_APOSTROPHE)


def _attributed(sent: SpacySpan, text: str) -> bool:
    """Words credited to someone: quote marks, a reporting verb, "according to"."""
    if not _MARKS.isdisjoint(text):  # not "Iran's"
        return True
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in REPORTING:
            return True
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            return True
    return False


def _counts(sent: SpacySpan, date_chars: set[int]) -> bool:
    """A number that counts something, not a year or day inside a date."""
    return any(
        tok.like_num
        and tok.idx not in date_chars
        and tok.ent_type_ not in ("DATE", "TIME", "ORDINAL")
        for tok in sent
    )


def statement_of(text: str) -> str:
    """A self-contained wording of an assertion: one line, without a leading connective."""
    line = " ".join(text.split())
    line = _LEADING.sub("", line)
    return line[:1].upper() + line[1:]


def extract(doc: Document, parsed: Parsed) -> list[Claim]:
    """Checkable sentences in the article's own voice, as ``Claim(kind="assertion")``."""
    out: list[Claim] = []
    text = doc.text
    for start, end in doc.sentences:
        if doc.title is not None and doc.title[0] <= start < doc.title[1]:
            continue
        sentence = text[start:end]
        sent = parsed.doc.char_span(start, end, alignment_mode="expand")
        if sent is None or len(sentence.split()) < _MIN_WORDS or sentence.rstrip().endswith("?"):
            continue
        if _attributed(sent, sentence):
            continue
        found = dates.expressions(sentence)
        date_chars = {start + i for a, b in found for i in range(a, b)}
        eventful = any(classify(tok) in _CHECKABLE for tok in sent if start <= tok.idx < end) and (
            found or any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in sent)
        )
        if not (_counts(sent, date_chars) or eventful):
            continue
        span = make_span(text, start, end)
        out.append(
            Claim(
                text=span.text,
                start=span.start,
                end=span.end,
                statement=statement_of(span.text),
                claimant=None,
                kind="assertion",
            )
        )
    return out
