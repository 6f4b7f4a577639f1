"""Reporting cues: the verbs and phrases that attribute words to someone, and who that is.

Works on spaCy's dependency parse: a cue verb's subject (or the object of "according to") is the
speaker. The lexicon is lemmas, so "said", "says" and "saying" are one entry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def lexicon(words: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(words.split())


# Verbs of saying, writing, believing and finding that news prose attributes content with.
SPEECH_VERBS = lexicon(
    """
    say tell add claim argue warn state announce explain insist note write tweet post report
    declare acknowledge admit assert confirm deny suggest predict reply respond recall remark
    observe continue conclude stress emphasize emphasise complain ask urge vow promise charge
    contend maintain concede allege testify quip joke shout yell whisper reveal disclose indicate
    estimate caution recount boast lament mention agree counter retort reiterate repeat wonder
    proclaim announce threaten pledge signal hint speculate posit opine comment describe call
    dub label brand denounce condemn accuse blast slam criticize criticise praise thank
    insist affirm reaffirm clarify elaborate advise inform notify predict forecast guarantee
    demand sing chant talk speak plead beg cry exclaim scoff muse rail lash
    """
)
# Verbs whose complement is attributed content but that do not introduce a direct quote.
BELIEF_VERBS = lexicon(
    """
    believe think feel fear hope expect know learn find suspect doubt worry reckon
    understand assume conclude determine realize realise recognize recognise acknowledge
    """
)
# Verbs of intent, evaluation and finding whose object or infinitive is what is attributed:
# "urged North Korea to resume talks", "cited his endorsements", "want policies that ...".
INTENT_VERBS = lexicon(
    """
    want intend plan seek refuse decline propose recommend cite unveil question oppose reject
    dismiss defend blame endorse support rule show express voice push press favor favour
    welcome applaud hail tout decry mock ridicule deride dispute challenge fault chastise
    scold rebuke tout predict envision envisage prefer
    """
)
# Of those, the ones whose direct object is the content (not a person addressed).
_OBJECT_CONTENT = (
    INTENT_VERBS | lexicon("announce deny reveal disclose confirm report")
) - lexicon("want refuse decline")
# Verbs whose "of"/"about"/"for" phrase is the content: "accused her of being asleep".
_PREP_CONTENT = lexicon(
    "accuse warn talk speak complain boast worry chastise criticize criticise blame praise "
    "thank fault question ask"
)
CUE_LEMMAS = SPEECH_VERBS | BELIEF_VERBS | INTENT_VERBS
_DOCUMENTS = lexicon(
    "letter statement message note sign post tweet release email headline caption article report "
    "story editorial memo document ad banner petition text"
)
_RELATIVE = frozenset({"who", "which", "that"})


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
        return any(c.dep_ == "nsubj" and c.lemma_.lower() in _DOCUMENTS for c in token.children)
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
        # A raised verb's passive subject speaks too: "After saying ..., she was whisked".
        wanted = ("nsubj", "csubj") if depth == 0 else ("nsubj", "csubj", "nsubjpass")
        subjects = [c for c in verb.children if c.dep_ in wanted and usable(c)]
        if subjects:
            nearest = min(subjects, key=lambda c: abs(c.i - cue.i))
            # "Reid, who called him ...": the relative pronoun stands for the noun.
            if nearest.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return antecedent(verb)
            return nearest
        for c in verb.children:
            if c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        if verb.dep_ == "relcl":
            return antecedent(verb)
        if verb.tag_ == "VBG" and verb.i > 0:
            # "footage of Clinton asking, ...": the name right before a participle is who asks
            # (the parser often hangs the participle on the main verb instead).
            before = verb.doc[verb.i - 1]
            if before.dep_ in ("pobj", "dobj") and before.pos_ == "PROPN":
                return before
        # "... and added", "declined to say", "after saying", "before asking her": the subject
        # belongs to the verb higher up.
        verb = _governing_verb(verb)
    return None


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
    if _speaks(head) or head.lemma_.lower() in _DOCUMENTS:
        return head
    up = near.head
    while up != head and up.dep_ in ("prep", "pobj", "conj", "cc") and up.head != up:
        if up.lower_ == "of":  # "the head of the committee, who said": the head speaks
            return head
        up = up.head
    return near if up == head and near.i < relcl.i else head


def _speaks(token: Token) -> bool:
    """A word that can name a speaker: a proper name, a person, or a body of people."""
    from summarizer.backends.rules.speakers import is_org_word, is_person_noun

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
    """The heads of what a cue reports, when it reports no clause: its infinitive with the
    person it is addressed to ("urged [North Korea to resume talks]"), its object for a verb
    of intent or evaluation ("cited [his endorsements]"), or the object of its "of"/"about"
    ("accused her of [being asleep]")."""
    head = content_head(cue)
    if head is not None:
        return [head]
    lemma = cue.lemma_.lower()
    children = list(cue.children)
    xcomp = [c for c in children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    objects = [c for c in children if c.dep_ == "dobj"]
    if xcomp and lemma in (INTENT_VERBS | SPEECH_VERBS):
        return objects + xcomp
    if objects and lemma in _OBJECT_CONTENT:
        return objects
    if lemma in _PREP_CONTENT:
        for c in children:
            if c.dep_ == "prep" and c.lower_ in ("of", "about", "for", "over"):
                found = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if found:
                    return found
    return []
