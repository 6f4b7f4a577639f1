"""An event trigger's arguments: who acted, on whom, where, how many were killed or hurt.

Read off the dependency parse: a verb's subject, object and agent ("X struck Y", "Y was killed
by X"), a noun's possessor, modifiers and prepositions ("Israel's strike on Y", "the killing of
Y"), the doer of a light verb ("The US conducted strikes"). Pronouns, and words outside the
trigger's sentence, are never arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summarizer.backends.rules.casualties import casualties
from summarizer.backends.rules.lexicon import lemma
from summarizer.backends.rules.lexicon.events import (
    ARGUMENT_PRONOUNS,
    DEVICES,
    EVENT_NOUNS,
    HABITUAL,
    LIGHT_VERBS,
    NOT_PARTY_LABELS,
    PARTY_LABELS,
    PLACE_LABELS,
    SUFFER_VERBS,
    TARGET_PREPS,
    WEAPONS,
)
from summarizer.backends.rules.places import is_place_modifier, place, place_name

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summarizer.document import Range


@dataclass
class Mention:
    """One event trigger in one content sentence, with what the parse says about it."""

    type: str
    trigger: Token
    sentence: Range
    actors: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    location: Token | None = None
    time: Range | None = None
    date: str | None = None
    killed: int | None = None
    injured: int | None = None
    definite: bool = False
    habitual: bool = False
    generic: bool = False
    weapon: Token | None = None
    # "he", "they", "who": arguments as the text gives them, left out of the record (a pronoun
    # names no one without coreference) but part of the mention.
    pronouns: list[Token] = field(default_factory=list)

    def trigger_range(self) -> Range:
        t = self.trigger
        return t.idx, t.idx + len(t.text)

    def argument_ranges(self) -> list[Range]:
        """Where its actors, targets and place are mentioned: what argument scoring compares."""
        device = [self.weapon] if self.weapon is not None and lemma(self.weapon) in DEVICES else []
        where = [self.location] if self.location is not None else []
        actors = [t for t in self.actors if not actor_adjective(t)]  # "Israeli" names no one
        tokens = [*actors, *self.targets, *where, *device, *self.pronouns]
        return [span_of(t) for t in dict.fromkeys(tokens)]


def actor_adjective(token: Token) -> bool:
    """ "Israeli" in "Israeli strikes": an adjective standing for the state or people acting."""
    return token.ent_type_ == "NORP" and token.dep_ in ("amod", "compound", "nmod")


def span_of(token: Token) -> Range:
    """Character range of a party mention: the name, or the noun with its left modifiers."""
    if token.ent_type_ in PARTY_LABELS:
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                first = ent[1] if ent[0].lower_ == "the" and len(ent) > 1 else ent[0]
                return first.idx, ent.end_char
    left = token.i
    for child in token.lefts:
        if child.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod", "quantmod"):
            left = min(left, min(x.i for x in child.subtree))
    return token.doc[left].idx, token.idx + len(token.text)


def _conjuncts(token: Token) -> list[Token]:
    """The token and the nouns co-ordinated with it ("a senior adviser and three fighters")."""
    return [token] + [c for c in token.conjuncts if c.pos_ in ("NOUN", "PROPN", "NUM")]


def _is_name(token: Token) -> bool:
    """A named party; dates and numbers ("Saturday's attack", "the May 22 bombing") are not."""
    if token.ent_type_ in NOT_PARTY_LABELS:
        return False
    return token.ent_type_ in PARTY_LABELS or token.pos_ == "PROPN"


def named(token: Token) -> bool:
    """A name, or a noun a name qualifies ("the Iraqi government", "a US military base")."""
    return any(
        _is_name(t)
        for t in [token, *(c for c in token.children if c.dep_ in ("amod", "compound", "nmod"))]
    )


def _is_attack_noun(token: Token) -> bool:
    return EVENT_NOUNS.get(lemma(token)) == "attack" or lemma(token) in WEAPONS


def _noun_actors(noun: Token) -> list[Token]:
    """Who carried out what a noun names: "Israel's war", "US strikes", "targeting by X"."""
    actors: list[Token] = []
    for c in noun.children:
        if c.dep_ in ("compound", "nmod", "poss") and is_place_modifier(noun, c):
            continue
        if (c.dep_ == "poss" and c.ent_type_ not in NOT_PARTY_LABELS) or (
            c.dep_ in ("compound", "amod", "nmod") and named(c)
        ):
            actors.append(c)
        elif c.dep_ == "prep" and c.lower_ == "by":
            actors.extend(g for g in c.children if g.dep_ == "pobj")
    return actors


_SUBJECTS = ("nsubj", "nsubjpass", "csubj")


def _objects(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ == "pobj"]


def _subject(c: Token, victim_subject: bool, m: Mention) -> None:
    """A verb trigger's subject: the victim ("three died"), the weapon ("a strike killed"), or
    the doer."""
    if victim_subject:
        m.targets.extend(_conjuncts(c))
    elif _is_attack_noun(c) or c.lower_ == "another":
        m.weapon = c
        m.actors.extend(_noun_actors(c))
    else:
        m.actors.extend(_conjuncts(c))


def _verb_child(c: Token, kind: str, m: Mention) -> None:
    """What a verb trigger's object, agent or preposition adds to its arguments."""
    if c.dep_ in ("dobj", "nsubjpass"):
        m.targets.extend(_conjuncts(c))
    elif c.dep_ == "agent":
        m.actors.extend(g for p in c.children if p.dep_ == "pobj" for g in _conjuncts(p))
    elif c.dep_ == "prep" and c.lower_ in ("on", "against") and kind == "attack":
        m.targets.extend(_objects(c))
    elif c.dep_ == "prep" and c.lower_ == "with" and kind == "meeting":
        m.actors.extend(_objects(c))
    elif c.dep_ == "conj" and c.pos_ == "NOUN" and kind in ("killing", "injury"):
        m.targets.append(c)  # "killed a senior adviser and three fighters", mis-attached


def _verb_arguments(verb: Token, kind: str, m: Mention) -> None:
    """Actors and targets of a verb trigger, from its subject, object and agent."""
    victim_subject = (
        kind in ("killing", "injury")
        and verb.tag_ == "VBN"
        and not any(c.dep_ in ("dobj", "aux") for c in verb.children)
    ) or lemma(verb) == "die"
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            _subject(c, victim_subject, m)
        else:
            _verb_child(c, kind, m)
    _shared_subject(verb, kind, victim_subject, m)
    if kind in ("killing", "injury", "arrest"):
        m.targets.extend(_included([verb, *m.targets]))
    if verb.dep_ in ("acl", "amod") and kind in ("killing", "injury", "arrest", "deployment"):
        if verb.head.ent_type_ not in PLACE_LABELS:
            m.targets.extend(_conjuncts(verb.head))  # "18 wounded", "women and men injured"
        holder = verb.head.head
        if verb.head.dep_ == "dobj" and lemma(holder) in ("have", "keep", "maintain"):
            m.actors.extend(c for c in holder.children if c.dep_ == "nsubj")


def _shared_subject(verb: Token, kind: str, victim_subject: bool, m: Mention) -> None:
    """ "The gunmen stormed the hotel and killed six", "launched attacks, killing 130": a
    co-ordinated verb and a participle of result share the subject of the verb they hang from."""
    shares = verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
    if not shares or any(c.dep_ in _SUBJECTS for c in verb.children):
        return
    for c in verb.head.children:
        if verb.dep_ == "advcl" and lemma(c) in EVENT_NOUNS:
            continue  # "The attack had come ..., wounding three": the attack's own result
        if c.dep_ in ("nsubj", "csubj"):
            _subject(c, victim_subject, m)
        elif c.dep_ == "nsubjpass" and kind in ("killing", "injury", "arrest"):
            m.targets.extend(_conjuncts(c))  # "130 were mutilated, injured and scarred"


def _included(holders: list[Token]) -> list[Token]:
    """ "Leftists were arrested, including Eva Forest, Lidia Falcón and ...": each one named."""
    preps = [c for t in holders for c in t.children if c.lower_ == "including"]
    return [g for c in preps for o in _objects(c) for g in _conjuncts(o)]


def _noun_arguments(noun: Token, kind: str, m: Mention) -> None:
    """Actors and targets of a noun trigger: "Israeli airstrike on X", "the killing of Y"."""
    m.actors.extend(_noun_actors(noun))
    # "the slaughter and maiming of men, women and children": co-ordinated nouns share it.
    holders = [noun, noun.head] if noun.dep_ == "conj" else [noun]
    preps = [c for h in holders for c in h.children if c.dep_ == "prep"]
    for c in preps:
        if c.lower_ in TARGET_PREPS.get(kind, ()):
            m.targets.extend(g for o in _objects(c) for g in _conjuncts(o))
    if kind in ("injury", "killing") and noun.dep_ == "dobj" and lemma(noun.head) in SUFFER_VERBS:
        m.targets.extend(g for c in noun.head.children if c.dep_ == "nsubj" for g in _conjuncts(c))
    if not m.actors:
        m.actors.extend(_light_doer(noun))
    if kind == "statement" and lemma(noun.head) in ("give", "issue", "send", "deliver"):
        _given(noun, m)


def _light_doer(noun: Token) -> list[Token]:
    """ "The US conducted a round of strikes", "X said in a statement": the light verb's doer."""
    light = noun
    for _ in range(3):
        if light.dep_ not in ("dobj", "pobj", "prep"):
            break
        light = light.head
    if light.pos_ == "VERB" and light != noun and lemma(light) in LIGHT_VERBS:
        return [c for c in light.children if c.dep_ == "nsubj"]
    return []


def _given(noun: Token, m: Mention) -> None:
    """Who a statement noun is given to, and by whom: "warnings were given to the police",
    "employees were given an ultimatum by their bosses"."""
    for c in noun.head.children:
        if c.dep_ in ("prep", "dative") and c.lower_ == "to":
            m.targets.extend(g for o in _objects(c) for g in _conjuncts(o))
        elif c.dep_ == "nsubjpass" and noun.dep_ == "dobj":
            m.targets.extend(_conjuncts(c))
        elif c.dep_ == "agent":
            m.actors.extend(g for o in _objects(c) for g in _conjuncts(o))


def _adjective_victims(adjective: Token) -> list[Token]:
    """Who is dead or wounded: "two men were found dead", "left 11 people dead", "18 wounded"."""
    if adjective.dep_ == "amod":
        return [adjective.head]
    victims = [c for c in adjective.head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    return [g for v in victims for g in _conjuncts(v)]


def _in_scope(tokens: list[Token], scope: set[int], *, dated: bool) -> list[Token]:
    """Arguments inside the sentence, once each (without dates, for ``dated``)."""
    return [
        t
        for t in dict.fromkeys(tokens)
        if t.i in scope and not (dated and t.ent_type_ in ("DATE", "TIME"))
    ]


def mention(tok: Token, kind: str, sentence: Range, scope: set[int]) -> Mention:
    """The trigger ``tok`` of type ``kind`` with its arguments within the sentence ``scope``."""
    m = Mention(kind, tok, sentence)
    if tok.pos_ == "VERB":
        _verb_arguments(tok, kind, m)
    elif tok.pos_ == "ADJ":
        m.targets.extend(_adjective_victims(tok))
    else:
        _noun_arguments(tok, kind, m)
    actors = _in_scope(m.actors, scope, dated=False)
    targets = _in_scope(m.targets, scope, dated=True)
    m.pronouns = [t for t in [*actors, *targets] if t.lower_ in ARGUMENT_PRONOUNS]
    m.actors = [t for t in actors if t.pos_ != "PRON"]
    m.targets = [t for t in targets if t.pos_ != "PRON"]
    m.location = place(tok, scope)
    if m.location is not None:  # "hit the province of Wassit": a place, not a target
        m.targets = [t for t in m.targets if place_name(t) != m.location]
    if kind == "killing":
        m.killed = casualties(m.targets, m.trigger)
    elif kind == "injury":
        m.injured = casualties(m.targets, m.trigger)
    _mark_kind_of_mention(m)
    return m


def _mark_kind_of_mention(m: Mention) -> None:
    """Definite ("the strike", pointing back), habitual ("repeatedly"), generic ("strikes")."""
    tok = m.trigger
    kids = list(tok.children)
    if tok.pos_ == "NOUN" and not m.actors:
        # "the strike" pointing back, unlike "the targeting of a base by X"
        m.definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in kids)
        m.definite = m.definite and not any(c.dep_ == "prep" for c in kids)
    m.habitual = any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in kids)
    m.generic = tok.tag_ == "NNS" and not any(c.dep_ in ("det", "nummod", "poss") for c in kids)
