"""Finding quoted stretches by their quote marks, paragraph by paragraph.

Curly and straight double marks, guillemets, and single marks when they clearly open and close
(‘...’ or '...' with no letter outside them). A paragraph whose quote is still open at its end
continues into the next paragraph when that one opens with a mark, as news style has it.
``kind`` tells a passage that stands as speech (direct) from a phrase quoted inside the writer's
own sentence (partial). Every backend's quotes are checked against these (``grounding``), and the
rules backend finds its quotes with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer import quotemarks

_OPENS = quotemarks.OPENING + '"'
_CLOSES = quotemarks.CLOSING + '"'
_NOT_IN_SINGLE = re.escape("'" + quotemarks.SINGLE_OPENING + quotemarks.DOUBLE)
_SINGLE = re.compile(
    rf"(?<![\w'\u2019])['\u2018](?=[^\W\d_])([^\n{_NOT_IN_SINGLE}]{{1,160}}?[\w.,!?])['\u2019](?!\w)"
)
_SENTENCE_END = ".!?:"


@dataclass(frozen=True)
class Marked:
    """Quoted words ``[start, end)`` (marks excluded) and where the marks are.

    ``open_at`` is the index of the opening mark; ``closed`` is False for a piece that runs on
    into the next paragraph.
    """

    start: int
    end: int
    open_at: int
    close_at: int
    closed: bool


def _doubles(text: str, start: int, end: int) -> list[Marked]:
    out: list[Marked] = []
    opened: int | None = None
    for i in range(start, end):
        ch = text[i]
        if opened is None and ch in _OPENS:
            opened = i
        elif opened is not None and ch in _CLOSES:
            out.append(Marked(opened + 1, i, opened, i, True))
            opened = None
    if opened is not None:
        out.append(Marked(opened + 1, end, opened, end, False))
    return out


def _singles(text: str, start: int, end: int, inside: list[Marked]) -> list[Marked]:
    out = []
    for m in _SINGLE.finditer(text, start, end):
        a, b = m.start(1), m.end(1)
        if any(q.open_at <= a and b <= q.close_at for q in inside):
            continue  # a quote within a quote stays part of the outer one
        out.append(Marked(a, b, m.start(), m.end() - 1, True))
    return out


def find(text: str, paragraphs: list[tuple[int, int]]) -> list[Marked]:
    """Every quoted stretch in the content ``paragraphs``, in text order.

    An unclosed piece is kept only when the next paragraph opens with a quote mark (it runs on);
    otherwise the stray mark is most likely a typo and nothing is claimed.
    """
    found: list[Marked] = []
    for n, (start, end) in enumerate(paragraphs):
        doubles = _doubles(text, start, end)
        if doubles and not doubles[-1].closed:
            nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if nxt is None or text[nxt[0]] not in _OPENS:
                doubles.pop()
        found += doubles + _singles(text, start, end, doubles)
    found = [m for m in found if text[m.start : m.end].strip()]
    return sorted(found, key=lambda m: m.start)


# The most characters between two passages of one quote interrupted by its cue ("..., he said,").
_INTERRUPTION = 40


def kind(text: str, marked: Marked, paragraph_start: int, previous: Marked | None = None) -> str:
    """ "direct" when the passage stands as speech (starts a sentence or paragraph, or follows a
    cue and a comma with a capital and at least four words, or goes on a direct passage that
    ``previous``, its cue between, interrupted); "partial" when it is a phrase inside the
    writer's own sentence."""
    if previous is not None and previous.closed and marked.open_at > previous.close_at:
        between = text[previous.close_at + 1 : marked.open_at]
        if (
            len(between) <= _INTERRUPTION
            and not any(ch in _SENTENCE_END or ch == "\n" for ch in between)
            and text[previous.close_at - 1 : previous.close_at] == ","
            and kind(text, previous, paragraph_start) == "direct"
        ):
            return "direct"
    i = marked.open_at - 1
    while i >= paragraph_start and text[i].isspace():
        i -= 1
    if i < paragraph_start or text[i] in _SENTENCE_END:
        return "direct"
    first = text[marked.start : marked.start + 1]
    words = len(text[marked.start : marked.end].split())
    if text[i] == "," and first.isupper() and words >= 4:
        return "direct"
    return "partial"


def kinds(text: str, found: list[Marked], paragraphs: list[tuple[int, int]]) -> list[str]:
    """``kind`` of each of ``found`` (as ``find`` gives them), each seen after the one before."""
    out: list[str] = []
    previous: Marked | None = None
    for m in found:
        start = next((a for a, b in paragraphs if a <= m.open_at < b), 0)
        before = previous if previous is not None and previous.open_at >= start else None
        out.append(kind(text, m, start, before))
        previous = m
    return out
