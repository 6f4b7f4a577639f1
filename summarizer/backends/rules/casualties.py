"""How many people an event's victims count: "20 people" 20, "a senior adviser" 1, "three".

Digits and number words; a name or a singular noun with "a" is one person, "no one" none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.backends.rules.lexicon.events import WORD_NUMBERS

if TYPE_CHECKING:
    from spacy.tokens import Token


def _number(token: Token) -> int | None:
    """The value of a number token: digits ("2,500") or a number word ("three")."""
    word = token.lower_.replace(",", "")
    if word.isdigit():
        return int(word)
    return WORD_NUMBERS.get(word)


def count_of(token: Token) -> int | None:
    """How many people a noun phrase counts: "20 people" 20, "a senior adviser" 1, "Mousavi" 1."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return 0  # "no one was hurt"
    if token.like_num:
        return _number(token)
    for child in token.children:
        if child.dep_ == "nummod":
            return _number(child)
    if token.ent_type_ == "PERSON" or token.tag_ == "NNP":
        return 1
    if token.tag_ == "NN" and any(
        c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in token.children
    ):
        return 1
    return None


def casualties(targets: list[Token], trigger: Token) -> int | None:
    """How many people a killing or injury counts, from its victims (``targets``; an adjective
    trigger's subject or object too: "two men were found dead")."""
    victims = list(dict.fromkeys(targets))
    if trigger.pos_ == "ADJ":
        for c in trigger.head.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c not in victims:
                victims.append(c)
    counts = [count_of(v) for v in victims]
    known = [n for n in counts if n is not None]
    return sum(known) if known else None
