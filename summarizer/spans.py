"""Character spans and verbatim matching: the one place offsets are computed.

A model may copy a quote with straight instead of curly marks, an en dash for a hyphen or a
line break for a space; those differences are forgiven, nothing else is. Matching is done on a
normalised copy of both strings with a map back to the original offsets, so a found span always
satisfies ``span.text == text[span.start:span.end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from summarizer import quotemarks
from summarizer.models import Claim, Quote, Span

_FOLD = str.maketrans(
    {
        **dict.fromkeys(quotemarks.OPENING + quotemarks.CLOSING + "\u2033", '"'),  # ″ too
        **dict.fromkeys(quotemarks.SINGLE_OPENING + quotemarks.SINGLE_CLOSING + "\u2032`", "'"),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")
# Whitespace that folding changes: runs of two or more, or a lone newline, tab...; a single space
# already is its folded form, so skipping those keeps ``fold`` cheap on ordinary prose.
_SPACE_TO_FOLD = re.compile(r"\s{2,}|[^\S ]")


@dataclass(frozen=True)
class Folded:
    """A normalised copy of a text with, for each of its characters, the original index."""

    text: str
    index: tuple[int, ...]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` range of the folded text back to the original text."""
        return self.index[start], self.index[end - 1] + 1


def fold_marks(text: str) -> str:
    """``text`` with quote marks and dashes folded as ``fold`` folds them, whitespace as is
    (enough to find its words, and cheaper: no offset map)."""
    return text.translate(_FOLD)


def fold(text: str) -> Folded:
    """Fold quote marks, dashes and runs of whitespace so near-verbatim copies compare equal."""
    translated = fold_marks(text)
    parts: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _SPACE_TO_FOLD.finditer(translated):  # whole runs at a time: runs on every article
        start, end = m.span()
        parts.append(translated[pos:start])
        index.extend(range(pos, start))
        parts.append(" ")
        index.append(start)
        pos = end
    parts.append(translated[pos:])
    index.extend(range(pos, len(translated)))
    return Folded("".join(parts), tuple(index))


def _strip_needle(needle: str) -> str:
    """A model's copy of a quote often keeps its marks or outer spaces; neither is evidence."""
    return needle.translate(_FOLD).strip().strip("\"'").strip()


def find_verbatim(
    needle: str, text: str, *, folded: Folded | None = None, start: int = 0
) -> tuple[int, int] | None:
    """Where ``needle`` occurs in ``text`` up to the forgiven differences, or None.

    ``start`` is an original-text offset: the first occurrence at or after it wins, else the
    first occurrence anywhere. Pass ``folded`` when searching the same text many times.
    """
    want = _SPACE.sub(" ", _strip_needle(needle))
    if not want:
        return None
    f = folded or fold(text)
    hits = [m.start() for m in re.finditer(re.escape(want), f.text)]
    if not hits:
        return None
    after = [h for h in hits if f.index[h] >= start]
    at = after[0] if after else hits[0]
    return f.original(at, at + len(want))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither begins nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def make_span(text: str, start: int, end: int) -> Span:
    """The span of ``text[start:end]`` with outer whitespace trimmed; raises on a bad range."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span [{start}, {end}) is outside a text of {len(text)} characters")
    start, end = trim(text, start, end)
    return Span(text=text[start:end], start=start, end=end)


def join_parts(parts: list[Span]) -> str:
    """The words of a discontinuous item as a reader reads them: its parts, one space apart."""
    return " ".join(p.text for p in parts)


def make_parts(text: str, ranges: list[tuple[int, int]]) -> list[Span] | None:
    """The ``parts`` of an item made of ``ranges`` (in text order, trimmed, empty ones left
    out), or None when fewer than two remain: a one-piece item carries no parts."""
    spans = [make_span(text, s, e) for s, e in ranges]
    spans = [s for s in spans if s.text]
    return spans if len(spans) >= 2 else None


def pieces(item: Quote | Claim) -> list[tuple[int, int]]:
    """Where an item's words are: each of its parts, else its one ``[start, end)``."""
    return [(p.start, p.end) for p in item.parts] if item.parts else [(item.start, item.end)]


def parts_grounded(text: str, item_text: str, start: int, end: int, parts: list[Span]) -> bool:
    """True when every part holds its text, the parts run in order without overlapping from
    ``start`` to ``end``, and ``item_text`` is their joined words."""
    return (
        all(is_grounded(text, p.text, p.start, p.end) and p.text for p in parts)
        and all(a.end <= b.start for a, b in pairwise(parts))
        and parts[0].start == start
        and parts[-1].end == end
        and item_text == join_parts(parts)
    )


def is_grounded(text: str, item_text: str, start: int, end: int) -> bool:
    """True when an item's claimed offsets really hold its text."""
    return 0 <= start <= end <= len(text) and text[start:end] == item_text


def shorten(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to ``limit`` characters: how warnings and re-asks name an item."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
