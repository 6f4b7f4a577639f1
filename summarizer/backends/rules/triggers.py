"""Event triggers: which words name an event, of which type, and whether it happened.

A verb, noun or adjective from the lexicon names an event when the parse agrees: "hit" is an
attack only when a weapon hits or is fired, "send" a deployment only when troops are sent, and
"strike a deal" is no strike. Negated, modal and purpose-clause triggers ("did not strike",
"could strike", "to strike") did not happen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.backends.rules.lexicon import lemma
from summarizer.backends.rules.lexicon.events import (
    ASPECTUAL,
    EVENT_ADJECTIVES,
    EVENT_HEADS,
    EVENT_NOUNS,
    EVENT_VERBS,
    ISSUED,
    MILITARY,
    MODALS,
    NEEDS_MILITARY,
    NEEDS_REQUEST,
    NOT_EVENT_OBJECTS,
    WEAPONS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

# Event types a verb used as a modifier does not name ("the declared intention").
_NOT_AS_MODIFIER = ("statement", "meeting", "deployment", "other")


# Every word ``classify`` may call an event, as lemma or as written: most tokens are none of
# them, and this one look-up is cheaper than reading their parse (it runs on every token twice).
_WORDS = frozenset([*EVENT_VERBS, *EVENT_NOUNS, *EVENT_ADJECTIVES, "go", "fire", "rally", "talk"])


def classify(token: Token) -> str | None:
    """The event type ``token`` triggers in its context, or None."""
    if token.lower_ not in _WORDS and lemma(token) not in _WORDS:
        return None
    if token.pos_ == "VERB":
        return _verb_kind(token)
    if token.pos_ == "NOUN":
        return _noun_kind(token)
    if token.pos_ == "ADJ":
        return EVENT_ADJECTIVES.get(token.lower_)
    return None


def _verb_kind(verb: Token) -> str | None:
    word = lemma(verb)
    kind = EVENT_VERBS.get(word)
    if kind is None and word != "go":
        return None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ in ("acl", "amod"):
        objects.append(verb.head)
    if any(lemma(o) in NOT_EVENT_OBJECTS for o in objects):
        return None
    if kind is None:  # "go off": a bomb went off
        return (
            "attack" if any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children) else None
        )
    return None if _other_sense(verb, word, kind, objects) else kind


def _other_sense(verb: Token, word: str, kind: str, objects: list[Token]) -> bool:
    """True when an event verb is used in a sense that names no event."""
    if word in ("hit", "fire", "blow") and not _weapon_used(verb, objects):
        return True  # "the storm hit", "fired the manager"
    if word in NEEDS_MILITARY and not any(
        lemma(o) in MILITARY or o.lower_ in MILITARY for o in objects
    ):
        return True  # "sent a letter"
    if word == "try" and not any(c.dep_ == "auxpass" for c in verb.children):
        return True  # "tried to", not "was tried"
    if word in NEEDS_REQUEST and not any(
        c.dep_ == "prep" and c.lower_ in ("for", "on") for c in verb.children
    ):
        return True  # "called it a farce", not "called for calm"
    if word == "issue" and not any(lemma(o) in ISSUED for o in objects):
        return True  # "issued passports", not "issued a statement"
    return kind in _NOT_AS_MODIFIER and verb.dep_ == "amod"  # "the declared intention"


def _weapon_used(verb: Token, objects: list[Token]) -> bool:
    """ "A missile hit", "fired rockets", "blew up": a weapon does it, or something is blown up."""
    if any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
        return True
    subjects = {lemma(c) for c in verb.children if c.dep_ == "nsubj"}
    return bool(subjects & WEAPONS or {lemma(o) for o in objects} & WEAPONS)


def _noun_kind(noun: Token) -> str | None:
    word = lemma(noun)
    if word == "rally":  # a campaign rally gathers; a rally against something protests
        against = any(c.dep_ == "prep" and c.lower_ == "against" for c in noun.children)
        return "protest" if against else "meeting"
    if word == "fire":
        return "attack" if lemma(noun.head) in ("open", "exchange") else None
    if word == "talk" and noun.lower_ != "talks":
        return None
    if word in ISSUED and noun.dep_ == "dobj" and lemma(noun.head) == "issue":
        return None  # "issued a statement": the verb names the event
    return EVENT_NOUNS.get(word) or EVENT_NOUNS.get(noun.lower_)


def names_event(token: Token) -> bool:
    """False for an event word that only qualifies another noun: "attack ads", "strike force",
    "arrest warrants" (but "assassination attempt", "death toll" still name the event)."""
    return not (token.dep_ == "compound" and lemma(token.head) not in EVENT_HEADS)


def _went_on(verb: Token, kids: set[str]) -> bool:
    """ "began to explode", "claimed to have hit": an infinitive that did happen."""
    return "have" in kids or (verb.dep_ == "xcomp" and lemma(verb.head) in ASPECTUAL)


def irrealis(token: Token) -> tuple[bool, bool]:
    """(skip, future): negated, modal and purpose-clause triggers did not happen; "will" is ahead."""
    kids = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass", "neg")}
    if kids & {"not", "n't", "never"} or kids & MODALS:
        return True, False
    if token.pos_ == "VERB" and "to" in kids and not _went_on(token, kids):
        return True, False
    return False, bool(kids & {"will", "'ll"})
