"""The rules' word lists, in one place: ``events`` (event triggers, their parties, places and
numbers) and ``speech`` (reporting cues, speakers, quoted words that are nobody's speech).

Lemmas unless said otherwise, so "said", "says" and "saying" are one entry. The entity labels
and dependency labels the rules read are spaCy's English model's. Keeping every list here lets
a reader see, and a change tune, what the rules know without reading how they use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def lexicon(words: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(words.split())


def kinds(kind: str, words: str) -> dict[str, str]:
    """Each of ``words`` mapped to one event ``kind``."""
    return dict.fromkeys(words.split(), kind)


def lemma(token: Token) -> str:
    """How a token is looked up in these lists."""
    return token.lemma_.lower()
