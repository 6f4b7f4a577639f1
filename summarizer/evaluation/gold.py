"""Gold annotations in one shape, whatever folder layout they were read from.

Readers (``polnear``, ``jsongold``) turn a gold folder into ``GoldArticle`` records; scoring only
ever sees these, so a new gold format is a new reader and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Range = tuple[int, int]


@dataclass(frozen=True)
class GoldAttribution:
    """One attributed statement: its content (maybe in pieces) and, when annotated, its source.

    ``is_quote`` marks direct and partial quotes (the content carries quote marks).
    """

    content: tuple[Range, ...]
    source: tuple[Range, ...] = ()
    is_quote: bool = False


@dataclass
class GoldArticle:
    """An article's text and its gold attributions."""

    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)
