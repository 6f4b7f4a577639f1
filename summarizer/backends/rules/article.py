"""What the quote rules know about one article while they attribute its quotes.

The parsed text, its content paragraphs and sentences, the quoted pieces found so far, the
article's book of names, and the subjects a later pronoun may stand for.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summarizer.backends.rules.lexicon.speech import PERSON_PRONOUNS
from summarizer.backends.rules.names import NameBook, Speaker, plain_name, resolve_pronoun

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from summarizer.marks import Marked


@dataclass
class Piece:
    """One quoted stretch on its way to becoming a ``Quote``."""

    mark: Marked
    paragraph: int
    kind: str = "direct"
    cue: Token | None = None
    speaker: Speaker | None = None
    mention: tuple[int, int] | None = None
    labelled: bool = False  # a transcript line's speaker ("PENCE: ..."), which nothing overrides


@dataclass
class Article:
    text: str
    doc: Doc
    paragraphs: list[tuple[int, int]]
    pieces: list[Piece]
    book: NameBook
    sentences: list[tuple[int, int]]
    title: tuple[int, int] | None = None  # the headline line, when the text opens with one
    subjects: list[tuple[int, Speaker]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)

    def name_for(self, name: str) -> str:
        """One name per entity in an article: without a leading "the", and spelled as where
        the article first gives it ("Iraqi Government" later is "Iraqi government")."""
        plain = plain_name(name)
        return self.names.setdefault(plain.lower(), plain)

    # The pieces' opening marks in order, and the furthest any of them up to each reaches:
    # ``in_quote`` is asked for nearly every token, so it bisects instead of scanning.
    _opens: list[int] = field(default_factory=list, init=False, repr=False)
    _reach: list[int] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        reach = 0
        for open_at, close_at in sorted((p.mark.open_at, p.mark.close_at) for p in self.pieces):
            reach = max(reach, close_at + 1)
            self._opens.append(open_at)
            self._reach.append(reach)

    def in_quote(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside a quoted piece (its marks included)."""
        i = bisect_right(self._opens, start)
        return i > 0 and self._reach[i - 1] >= end

    def pronoun(self, token: Token) -> Speaker:
        """A pronoun speaker: its own words as the mention, the last fitting name as the name."""
        mention = (token.idx, token.idx + len(token.text))
        earlier = [s for pos, s in self.subjects if pos < token.idx]
        resolved = resolve_pronoun(token.lower_, earlier)
        named = resolved or Speaker(token.text, mention, token.lower_ in PERSON_PRONOUNS)
        return Speaker(named.name, mention, named.person)


def paragraph_of(paragraphs: list[tuple[int, int]], pos: int) -> int:
    """The number of the paragraph holding ``pos`` (the last one when none does)."""
    for n, (s, e) in enumerate(paragraphs):
        if s <= pos < e:
            return n
    return len(paragraphs) - 1
