"""Near-verbatim copies aligned to the article's own words, instead of a re-ask.

A small model copying a quote or a claim changes a word form ("Iranian-backed" for "Iran-backed"),
drops or adds a word, or swaps a quote mark. When the copy is that close to a stretch of the
sentences it cites, that stretch is the answer: the output carries the article's words, never the
model's. Closeness is rapidfuzz's ``fuzz.ratio`` (100 = identical, on the folded text) between the
copy and a stretch cut at word boundaries; ``MIN_SIMILARITY`` is the bar. At 92 an edit of about
one character in twelve passes ("Iranian" for "Iran" in a 60-character claim), a changed word in a
four-word phrase does not. One alignment costs about 10 microseconds.
"""

from __future__ import annotations

import re

from summarizer.document import Range
from summarizer.spans import Folded

MIN_SIMILARITY = 92.0
# Copies shorter than this are too short to tell a variant from a different phrase.
MIN_CHARS = 16
# Where a stretch may begin and end: at a word's edges, or outside the punctuation next to it.
_WORD_START = re.compile(r"(?<!\w)(?=\w)|(?<=\s)(?=[\"'(])")
_WORD_END = re.compile(r"(?<=\w)(?!\w)|(?<=[.,!?;:\"')])(?=\s|$)")


def align(needle: str, folded: Folded, lo: int, hi: int) -> tuple[Range, float] | None:
    """The stretch of ``folded.text[lo:hi]`` (folded offsets) most like ``needle`` (folded),
    cut at word boundaries, as original-text offsets with its similarity; None below the bar."""
    from rapidfuzz import fuzz

    want = needle.strip()
    window = folded.text[lo:hi]
    if len(want) < MIN_CHARS or not window.strip():
        return None
    rough = fuzz.partial_ratio_alignment(want, window, score_cutoff=MIN_SIMILARITY - 10)
    if rough is None:
        return None
    starts = _near([m.start() for m in _WORD_START.finditer(window)], rough.dest_start, len(window))
    ends = _near([m.end() for m in _WORD_END.finditer(window)], rough.dest_end, len(window))
    best: tuple[float, int, int] | None = None
    for a in starts:
        for b in ends:
            if b - a < MIN_CHARS // 2:
                continue
            score = fuzz.ratio(want, window[a:b])
            if best is None or score > best[0]:
                best = (score, a, b)
    if best is None or best[0] < MIN_SIMILARITY:
        return None
    score, a, b = best
    start, end = folded.original(lo + a, lo + b)
    return (start, end), score


def _near(bounds: list[int], at: int, size: int, keep: int = 3) -> list[int]:
    """The ``keep`` word boundaries on each side of ``at``."""
    if not bounds:
        return [min(at, size)]
    before = [b for b in bounds if b <= at][-keep:]
    after = [b for b in bounds if b > at][:keep]
    return before + after
