"""An extractive headline, summary and key points, without a model.

The headline is the article's title line when it starts with one, else its first sentence.
Body sentences are scored by centrality (cosine similarity of their content lemmas to the whole
article's, so sentences about what the article is about win) plus a lead bonus that decays with
position (news puts the essentials first); the best few, in article order, are the key points
and, joined, the summary text.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

from summarizer import dates, quotemarks
from summarizer.document import Document, Range
from summarizer.models import Span, Summary
from summarizer.spans import make_span

if TYPE_CHECKING:
    from summarizer.backends.rules.nlp import Parsed

KEY_POINTS = 4
SUMMARY_SENTENCES = 3
_MIN_WORDS = 6
_MAX_WORDS = 60
# A sentence the summary may use ends like one, maybe inside a closing quote mark.
_ENDS = ".!\"'" + quotemarks.CLOSING
# Sentences this similar to a better one say the same thing again and are left out.
_DUPLICATE = 0.8


def _bag(parsed: Parsed, start: int, end: int) -> Counter[str]:
    """Content lemmas of ``[start, end)``: nouns, proper nouns, verbs, numbers."""
    span = parsed.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return Counter()
    return Counter(
        t.lemma_.lower()
        for t in span
        if start <= t.idx < end
        and not t.is_stop
        and t.pos_ in ("NOUN", "PROPN", "VERB", "NUM", "ADJ")
    )


def _norm(bag: Counter[str]) -> float:
    return math.sqrt(sum(v * v for v in bag.values()))


def _cosine(a: Counter[str], b: Counter[str], norms: float | None = None) -> float:
    """Cosine similarity of two lemma bags; ``norms`` is the product of their norms if known."""
    if len(b) < len(a):
        a, b = b, a
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    norm = norms if norms is not None else _norm(a) * _norm(b)
    return dot / norm if norm else 0.0


def _to_rest(bag: Counter[str], whole: Counter[str], whole_sq: float) -> float:
    """Cosine of ``bag`` with the rest of the article (``whole`` minus ``bag``), worked out from
    the words of ``bag`` alone: building ``whole - bag`` for every sentence cost more than the
    rest of the summary together. ``whole_sq`` is the sum of ``whole``'s squared counts."""
    dot = 0.0
    rest_sq = whole_sq
    for word, count in bag.items():
        left = whole[word] - count  # whole holds every bag, so this is never negative
        dot += count * left
        rest_sq += left * left - whole[word] * whole[word]
    norm = _norm(bag) * math.sqrt(max(rest_sq, 0.0))
    return dot / norm if norm else 0.0


def _candidates(doc: Document) -> list[Range]:
    """Body sentences fit to stand alone: not the title, not a fragment, not a bare quote."""
    out = []
    for start, end in doc.sentences:
        if doc.title is not None and doc.title[0] <= start < doc.title[1]:
            continue
        sentence = doc.text[start:end]
        words = len(sentence.split())
        if words < _MIN_WORDS or words > _MAX_WORDS or sentence.rstrip()[-1:] not in _ENDS:
            continue
        if sentence.lstrip()[:1] in quotemarks.ALL:
            continue
        out.append((start, end))
    return out


def rank(doc: Document, parsed: Parsed, limit: int = KEY_POINTS) -> list[Range]:
    """The best ``limit`` body sentences, best first: centrality, a decaying lead bonus and a
    bonus for facts (a number or a date), picked greedily so a sentence like a chosen one ranks
    lower and one repeating it is left out."""
    sentences = _candidates(doc)
    bags = {s: _bag(parsed, *s) for s in sentences}
    norms = {s: _norm(bag) for s, bag in bags.items()}
    whole: Counter[str] = Counter()
    for bag in bags.values():
        whole.update(bag)
    whole_sq = sum(v * v for v in whole.values())
    scores = {}
    for i, s in enumerate(sentences):
        sentence = doc.text[s[0] : s[1]]
        facts = any(ch.isdigit() for ch in sentence) or bool(dates.expressions(sentence))
        scores[s] = _to_rest(bags[s], whole, whole_sq) + 0.3 / (1 + i) + (0.1 if facts else 0.0)
    # how like an already chosen sentence each candidate is, updated as sentences are chosen
    likeness = dict.fromkeys(sentences, 0.0)
    ranked: list[Range] = []
    left = sorted(sentences, key=lambda s: -scores[s])
    while left and len(ranked) < limit:
        best = max(left, key=lambda s: scores[s] - 0.5 * likeness[s])
        left.remove(best)
        if likeness[best] >= _DUPLICATE:
            continue
        ranked.append(best)
        for s in left:
            sim = _cosine(bags[s], bags[best], norms[s] * norms[best])
            likeness[s] = max(likeness[s], sim)
    return ranked


def extract(doc: Document, parsed: Parsed) -> Summary:
    """Headline, summary text and key points, all taken from the article's own sentences."""
    ranked = rank(doc, parsed)
    if doc.title is not None:
        headline = doc.text[slice(*doc.title)].strip()
    elif doc.sentences:
        headline = doc.sentence_text(0).strip()
    else:
        headline = ""
    points: list[Span] = [make_span(doc.text, *s) for s in sorted(ranked[:KEY_POINTS])]
    lead = sorted(ranked[:SUMMARY_SENTENCES])
    text = " ".join(" ".join(doc.text[s:e].split()) for s, e in lead)
    return Summary(headline=" ".join(headline.split()), text=text, key_points=points)
