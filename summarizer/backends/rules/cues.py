"""Reporting cues: the verbs and phrases that attribute words to someone, and who that is.

Works on spaCy's dependency parse: a cue verb's subject (or the object of "according to") is the
speaker. The lexicon is lemmas, so "said", "says" and "saying" are one entry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from summarizer.backends.rules.lexicon.speech import (
    CONTENT_PREPOSITIONS,
    CUE_LEMMAS,
    DOCUMENTS,
    INTENT_VERBS,
    MAKING_VERBS,
    NOMINAL_CUES,
    OBJECT_CONTENT_VERBS,
    OBJECT_CONTROL_VERBS,
    PREP_CONTENT_VERBS,
    RELATIVE_PRONOUNS,
    SPEECH_VERBS,
)
from summarizer.backends.rules.names import is_org_word, is_person_noun

if TYPE_CHECKING:
    from spacy.tokens import Token


def is_cue(token: Token) -> bool:
    """True for a reporting verb (as a verb) or the "according" of "according to"."""
    if token.lower_ == "according":
        return any(c.lower_ == "to" for c in token.children)
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if lemma == "go":  # "as Trump went on about “...”"
        return any(c.dep_ == "prt" and c.lower_ == "on" for c in token.children)
    if lemma == "read":  # "“...,” the letter reads"
        return any(c.dep_ == "nsubj" and c.lemma_.lower() in DOCUMENTS for c in token.children)
    return lemma in CUE_LEMMAS


def cue_span(token: Token) -> tuple[int, int]:
    """Character range of the cue phrase: "according to", "pointed out", or the verb."""
    end = token.idx + len(token.text)
    if token.lower_ == "according":
        to = next(c for c in token.children if c.lower_ == "to")
        end = to.idx + len(to.text)
    else:
        for c in token.children:
            if c.dep_ == "prt" and c.i == token.i + 1:
                end = c.idx + len(c.text)
    return token.idx, end


def speaker_head(cue: Token, usable: Callable[[Token], bool] = lambda _: True) -> Token | None:
    """The head word of who is speaking at ``cue``: its subject, the agent of a passive, the
    object of "according to", or the noun a "who said ..." clause hangs from. ``usable`` rules
    out words that cannot be the speaker (those inside the quote itself)."""
    if cue.lower_ == "according":
        to = next(c for c in cue.children if c.lower_ == "to")
        return next((c for c in to.children if c.dep_ == "pobj" and usable(c)), None)
    verb: Token | None = cue
    for depth in range(4):
        if verb is None:
            break
        done, head = _speaker_of(verb, cue, depth, usable)
        if done:
            return head
        controller = _object_controller(verb, usable)
        if controller is not None:
            return controller
        # "... and added", "declined to say", "after saying", "before asking her": the subject
        # belongs to the verb higher up.
        verb = _governing_verb(verb)
    return None


def _object_controller(verb: Token, usable: Callable[[Token], bool]) -> Token | None:
    """The object that speaks a verb it controls: "led the Latvian journalist to fear",
    "asked him to say" (object control: the object, not the subject, does the saying)."""
    if verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in OBJECT_CONTROL_VERBS:
        return None
    return next(
        (c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i and usable(c)), None
    )


def own_speaker(cue: Token, usable: Callable[[Token], bool] = lambda _: True) -> Token | None:
    """Who speaks at ``cue`` by the cue's own words (its subject, agent, the name before a
    participle), without climbing to a verb above it."""
    return _speaker_of(cue, cue, 0, usable)[1]


def _speaker_of(
    verb: Token, cue: Token, depth: int, usable: Callable[[Token], bool]
) -> tuple[bool, Token | None]:
    """(found, head): who speaks according to ``verb`` itself, ``depth`` steps above the cue."""
    # A raised verb's passive subject speaks too: "After saying ..., she was whisked".
    wanted = ("nsubj", "csubj") if depth == 0 else ("nsubj", "csubj", "nsubjpass")
    subjects = [c for c in verb.children if c.dep_ in wanted and usable(c)]
    if subjects:
        nearest = min(subjects, key=lambda c: abs(c.i - cue.i))
        # "Reid, who called him ...": the relative pronoun stands for the noun.
        if nearest.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return True, _maker(antecedent(verb), usable)
        return True, nearest
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        return True, next((g for g in agent.children if g.dep_ == "pobj"), None)
    if verb.dep_ == "relcl":
        return True, _maker(antecedent(verb), usable)
    if verb.tag_ == "VBG" and verb.i > 0:
        # "footage of Clinton asking, ...": the name right before a participle is who asks
        # (the parser often hangs the participle on the main verb instead).
        before = verb.doc[verb.i - 1]
        if before.dep_ in ("pobj", "dobj") and before.pos_ == "PROPN":
            return True, before
    return False, None


_MADE = DOCUMENTS | NOMINAL_CUES


def _maker(noun: Token, usable: Callable[[Token], bool]) -> Token:
    """Who speaks through a statement or document a relative clause stands for: its maker,
    when the noun is what a verb of making puts out ("He released a letter ... that says",
    "led Clinton to make a comment that described"); otherwise the noun itself."""
    if noun.dep_ != "dobj" or noun.lemma_.lower() not in _MADE:
        return noun
    verb = noun.head
    if verb.lemma_.lower() not in MAKING_VERBS:
        return noun
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and usable(c)), None)
    return subject or _object_controller(verb, usable) or noun


def antecedent(relcl: Token) -> Token:
    """The noun a relative clause stands for. The parser hangs the clause on the head of the
    whole phrase, but a clause follows its noun: in "a response from Baghdad which denounced",
    "which" is Baghdad. So a name (or a person or body) right before the clause wins over a
    head that cannot speak (not a name, a person, a body or a document) unless joined by "of"."""
    head = relcl.head
    first = relcl.left_edge.i - 1
    doc = relcl.doc
    while first > head.i and doc[first].is_punct:
        first -= 1
    near = doc[first]
    if near == head or near.dep_ not in ("pobj", "compound") or not _speaks(near):
        return head
    if near.dep_ == "compound":
        near = near.head
    if _speaks(head) or head.lemma_.lower() in DOCUMENTS:
        return head
    up = near.head
    while up != head and up.dep_ in ("prep", "pobj", "conj", "cc") and up.head != up:
        if up.lower_ == "of":  # "the head of the committee, who said": the head speaks
            return head
        up = up.head
    return near if up == head and near.i < relcl.i else head


def _speaks(token: Token) -> bool:
    """A word that can name a speaker: a proper name, a person, or a body of people."""
    return token.pos_ == "PROPN" or is_person_noun(token) or is_org_word(token)


def _governing_verb(verb: Token) -> Token | None:
    if verb.dep_ not in ("conj", "xcomp", "advcl", "pcomp") or verb.head == verb:
        return None
    up = verb.head
    if up.pos_ in ("ADP", "SCONJ") and up.head != up:
        up = up.head  # "before asking": the preposition hangs from the verb
    return up if up.pos_ in ("VERB", "AUX") else None


def content_head(cue: Token) -> Token | None:
    """The clause a cue verb reports ("said [that] X ..."), when it has one."""
    for c in cue.children:
        if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX"):
            return c
    return None


def reported_heads(cue: Token) -> list[Token]:
    """The heads of what a cue reports: its clause ("said [that] X ..."), else its infinitive
    with the person it is addressed to ("urged [North Korea to resume talks]"), its object for a
    verb of intent or evaluation ("cited [his endorsements]"), or the object of its "of"/"about"
    ("accused her of [being asleep]")."""
    head = content_head(cue)
    if head is not None:
        return [head]
    verb = cue.lemma_.lower()
    children = list(cue.children)
    xcomp = [c for c in children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    objects = [c for c in children if c.dep_ == "dobj"]
    if xcomp and verb in (INTENT_VERBS | SPEECH_VERBS):
        return objects + xcomp
    if objects and verb in OBJECT_CONTENT_VERBS:
        return objects
    if verb in PREP_CONTENT_VERBS:
        for c in children:
            if c.dep_ == "prep" and c.lower_ in CONTENT_PREPOSITIONS:
                found = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if found:
                    return found
    return []
