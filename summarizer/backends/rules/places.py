"""Where an event happened: the named place of its trigger's own clause.

The small English model often tags an unfamiliar town as a person or a product, so a proper
noun after "the city of", "the province of" counts as a place whatever its label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.backends.rules.lexicon import lemma
from summarizer.backends.rules.lexicon.events import (
    LOCATIVE,
    MISTAGGED_PLACE_LABELS,
    PLACE_LABELS,
    PLACE_NOUNS,
    SITES,
    STATE_ACTIONS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

# Children whose subtrees are clauses of their own: their places and dates are not the trigger's.
_OTHER_CLAUSES = frozenset(
    ["advcl", "ccomp", "relcl", "acl", "parataxis", "conj", "xcomp", "csubj"]
)


def clause(token: Token, scope: set[int]) -> list[Token]:
    """The trigger's own clause: its subtree without embedded clauses that say other things."""
    out: list[Token] = []
    stack = [token]
    while stack:
        tok = stack.pop()
        if tok.i in scope:
            out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in _OTHER_CLAUSES)
    return sorted(out, key=lambda t: t.i)


def place_name(token: Token) -> Token:
    """The name a place phrase leads to: "the central city of Hilla" is Hilla."""
    if lemma(token) in PLACE_NOUNS:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                inner = [g for g in child.children if g.dep_ == "pobj"]
                if inner:
                    return inner[0]
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return child
    return token


def _is_place(token: Token, named_as_place: bool = False) -> bool:
    """A named place. After "the city of", "the province of" any proper noun counts; elsewhere
    only places do."""
    if token.ent_type_ in PLACE_LABELS:
        return True
    return named_as_place and token.pos_ == "PROPN" and token.ent_type_ in MISTAGGED_PLACE_LABELS


def is_place_modifier(noun: Token, modifier: Token) -> bool:
    """ "the Manchester bombing", "London's attack": a place, unless a state's military action
    ("US strikes", "Israel's offensive") where the country is the one acting."""
    if lemma(noun) in STATE_ACTIONS or modifier.pos_ != "PROPN":
        return False
    # the small model often tags an unfamiliar city as a product
    return modifier.ent_type_ in PLACE_LABELS or modifier.ent_type_ == "PRODUCT"


def _place_phrase(trigger: Token, tok: Token) -> tuple[bool, bool]:
    """(candidate, modifier): ``tok`` may lead to the trigger's place ("in Iraq", "hit the
    province of Wassit"), and whether it does as a modifier of a noun trigger."""
    head = tok.head
    modifier = head == trigger and is_place_modifier(trigger, tok)  # "the Manchester bombing"
    locative = tok.dep_ == "pobj" and head.lower_ in LOCATIVE
    hit_place = tok.dep_ == "dobj" and head == trigger and lemma(tok) in PLACE_NOUNS
    return locative or modifier or hit_place, modifier


def location(trigger: Token, own: list[Token]) -> Token | None:
    """The nearest named place of the trigger's clause ``own`` (a modifier counts last), else
    the nearest site it names in common words ("at a checkpoint", "near the station")."""
    best: tuple[int, Token] | None = None
    site: tuple[int, Token] | None = None
    base = len(list(trigger.ancestors))
    for tok in own:
        candidate, modifier = _place_phrase(trigger, tok)
        if not candidate:
            continue
        cand = place_name(tok)
        depth = len(list(tok.ancestors)) - base + (9 if modifier else 0)
        if _is_place(cand, named_as_place=cand != tok or modifier):
            if best is None or depth < best[0]:
                best = (depth, cand)
        elif _is_site(cand) and (site is None or depth < site[0]):
            site = (depth, cand)
    found = best or site
    return found[1] if found else None


def _is_site(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.dep_ == "pobj" and lemma(token) in SITES


def _host(noun: Token) -> Token | None:
    """The verb whose clause places a noun trigger: "killed in attacks in X", "shattered by an
    explosion", "the explosion was at the station"."""
    head = noun.head
    if noun.pos_ != "NOUN":
        return None
    if noun.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head.pos_ == "VERB":
        return head.head
    return head if noun.dep_ == "nsubj" and lemma(head) == "be" else None


def place(tok: Token, scope: set[int]) -> Token | None:
    """The trigger's place: in its own clause, else the place a "where" clause hangs from ("the
    bus station, where six were killed"), else in the clause of the verb hosting a noun."""
    found = location(tok, clause(tok, scope))
    if found is None and tok.dep_ == "relcl" and any(c.lower_ == "where" for c in tok.children):
        return tok.head
    host = _host(tok)
    return location(host, clause(host, scope)) if found is None and host is not None else found
