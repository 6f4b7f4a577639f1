"""Mentions of one happening become one event.

Within a sentence, an attack takes in the deaths and injuries it caused ("an airstrike killed",
"..., wounding 20"). Across sentences, a definite "the strike" adds to the strike it refers
back to, a headline restates the lead, and mentions of the same type at the same place and
date are merged. Habitual and generic mentions, and ones that say nothing of when, where, how
many or who, stay out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from summarizer import quotemarks
from summarizer.backends.rules.arguments import Mention, named
from summarizer.backends.rules.lexicon import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summarizer.document import Document, Range

# How a paragraph of body text ends; a headline or standfirst does not.
_BODY_ENDS = (".", "!", "?", '"', *quotemarks.CLOSING)


@dataclass
class Draft:
    """An event being assembled from one or more mentions."""

    head: Mention
    parts: list[Mention] = field(default_factory=list)
    context: list[Mention] = field(default_factory=list)
    killed: int | None = None
    injured: int | None = None

    @property
    def type(self) -> str:
        return self.head.type

    @property
    def all(self) -> list[Mention]:
        return [self.head, *self.parts]

    @property
    def date(self) -> str | None:
        return next((m.date for m in [*self.all, *self.context] if m.date), None)

    @property
    def location(self) -> Token | None:
        return next((m.location for m in self.all if m.location is not None), None)

    def absorb(self, other: Draft) -> None:
        self.parts.extend(other.all)
        self.context.extend(other.context)
        self.killed = self.killed if self.killed is not None else other.killed
        self.injured = self.injured if self.injured is not None else other.injured


def _host(m: Mention, by_trigger: dict[int, Mention], attacks: list[Mention]) -> Mention | None:
    """The mention of the same sentence that ``m`` is part of, if any."""
    whole = by_trigger.get(m.trigger.head.i) if m.trigger.dep_ == "compound" else None
    if whole is not None and whole.type == m.type:
        return whole  # "the suicide bombing attack": one attack
    via = by_trigger.get(m.weapon.i) if m.weapon is not None else None
    if via is not None and via.type == "attack" and m.type in ("attack", "killing", "injury"):
        return via
    if m.type in ("killing", "injury") and attacks:
        before = [a for a in attacks if a.trigger.i < m.trigger.i]
        return before[-1] if before else attacks[0]
    return None


def group_sentence(group: list[Mention]) -> list[Draft]:
    """One sentence's mentions as drafts: an attack takes in its verb ("one strike targeted")
    and the deaths and injuries it caused ("an airstrike killed", "..., wounding 20")."""
    by_trigger = {m.trigger.i: m for m in group}
    attacks = [m for m in group if m.type == "attack"]
    drafts: dict[int, Draft] = {}
    hosted: list[tuple[Mention, Mention]] = []
    for m in group:
        root = _host(m, by_trigger, attacks)
        while root is not None and _host(root, by_trigger, attacks) is not None:
            root = _host(root, by_trigger, attacks)
        if root is None:
            drafts[m.trigger.i] = Draft(m, killed=m.killed, injured=m.injured)
        else:
            hosted.append((m, root))
    for m, root in hosted:
        d = drafts[root.trigger.i]
        d.parts.append(m)
        if m.killed is not None:
            d.killed = (d.killed or 0) + m.killed
        if m.injured is not None:
            d.injured = (d.injured or 0) + m.injured
    return sorted(drafts.values(), key=lambda d: d.head.trigger.i)


def _headline_sentences(doc: Document) -> set[Range]:
    """The title and the standfirst under it: lines without a closing full stop before the body."""
    if doc.title is None:
        return set()
    out: set[Range] = set()
    for p_start, p_end in doc.paragraphs[:3]:
        line = doc.text[p_start:p_end].rstrip()
        if (p_start, p_end) != doc.title and line.endswith(_BODY_ENDS):
            break
        out.update(s for s in doc.sentences if p_start <= s[0] < p_end)
    return out


def _informative(d: Draft) -> bool:
    """Worth a line of the record: it says when, where or how many, or names someone."""
    someone = any(named(t) for m in d.all for t in m.actors + m.targets)
    return bool(d.date or d.location is not None or d.killed or d.injured or someone)


def _own_info(d: Draft) -> bool:
    return any(m.targets or m.location is not None for m in d.all) or bool(d.killed or d.injured)


def _compatible(a: Draft, b: Draft) -> bool:
    if a.type != b.type:
        return False
    la, lb = a.location, b.location
    if la is not None and lb is not None and la.text != lb.text:
        return False
    return not (a.date and b.date and a.date != b.date)


def _same_happening(a: Draft, b: Draft) -> bool:
    if not _compatible(a, b):
        return False
    if a.location is not None and b.location is not None:
        return True
    return (
        a.location is None and b.location is None and lemma(a.head.trigger) == lemma(b.head.trigger)
    )


def _same_person(a: Token, b: Token) -> bool:
    return a.ent_type_ == b.ent_type_ == "PERSON" and (
        SequenceMatcher(None, a.lower_, b.lower_).ratio() >= 0.8
    )


def _duplicate_of(d: Draft, kept: list[Draft]) -> Draft | None:
    """A kept event ``d`` tells again: the same type on the same day, at the same place or
    called by the same word; or the attack that killed the person ``d`` says was killed."""
    dup = next(
        (
            k
            for k in kept
            if k.type == d.type and k.date and k.date == d.date and _same_happening(k, d)
        ),
        None,
    )
    if dup is not None or d.type != "killing":
        return dup
    victims = [t for m in d.all for t in m.targets]
    return next(
        (
            k
            for k in kept
            if k.type == "attack"
            and any(_same_person(v, t) for v in victims for m in k.all for t in m.targets)
        ),
        None,
    )


def _add_body(d: Draft, kept: list[Draft], order: dict[Range, int]) -> None:
    """Keep a body sentence's draft, or merge it into the event it tells again."""
    here = order[d.head.sentence]
    recent = [k for k in kept if k.type == d.type and here - order[k.head.sentence] <= 2]
    if d.head.definite:
        if recent and _own_info(d) and _compatible(recent[-1], d):
            recent[-1].absorb(d)
        return  # "the attack" again, saying nothing new
    if d.date is None and recent and here - order[recent[-1].all[-1].sentence] <= 1:
        # "One strike targeted ..., while another hit ...": told right after, on that day
        d.context.extend(m for m in [*recent[-1].all, *recent[-1].context] if m.date)
    dup = _duplicate_of(d, kept)
    if dup is not None:
        dup.absorb(d)
    elif _informative(d):
        kept.append(d)


def _add_headline(d: Draft, kept: list[Draft]) -> None:
    """A headline's event restates the lead's: it merges into it, or leads the list."""
    for m in d.all:  # a headline's common nouns ("areas") add nothing to the lead's
        m.actors = [t for t in m.actors if named(t)]
        m.targets = [t for t in m.targets if named(t)]
    host = next((k for k in kept if k.type == d.type), None)
    if host is not None:
        host.absorb(d)
    elif _informative(d) and not d.head.habitual:
        kept.insert(0, d)


def coalesce(drafts: list[Draft], doc: Document) -> list[Draft]:
    """Merge the same happening mentioned twice; give an elaborating sentence its lead's date."""
    order = {s: i for i, s in enumerate(doc.sentences)}
    headline = _headline_sentences(doc)
    kept: list[Draft] = []
    for d in drafts:
        if d.head.sentence in headline or d.head.habitual or (d.head.generic and not d.date):
            continue
        _add_body(d, kept, order)
    for d in drafts:
        if d.head.sentence in headline:
            _add_headline(d, kept)
    return kept
