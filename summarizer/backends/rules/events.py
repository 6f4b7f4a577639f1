"""Events from the article's own sentences: who did what to whom, where, when, with casualties.

Two layers. ``mentions`` finds every event trigger in the content sentences (a verb, noun or
adjective from ``lexicon``, checked against the dependency parse by ``triggers``) with its
arguments (``arguments``, ``places``) and date; ``summarizer eval`` scores this layer's triggers
against WikiEvents. ``extract`` turns mentions into the record: ``merging`` makes one event of
the mentions of one happening, and this module writes it out. Triggers that did not happen
(negated, modal, "to strike"), habitual ones ("repeatedly"), words inside quote marks and a
person's verbal "attack" on another stay out of the record.

Event types (``Event.type``), a small fixed vocabulary:

- ``attack``: strikes, bombings, explosions, shootings, raids, clashes, shelling.
- ``killing``: killings, deaths, assassinations, executions.
- ``injury``: woundings and injuries not already counted as an attack's casualties.
- ``arrest``: arrests, detentions, captures of people.
- ``statement``: formal statements, announcements, condemnations, vows and warnings, requests
  ("called for", "asked", "instructed"); "said" in passing is left to quotes and claims.
- ``meeting``: meetings, talks, summits, visits, campaign rallies.
- ``protest``: protests, demonstrations, rallies against something, riots, marches.
- ``deployment``: troops or ships deployed, sent, stationed or withdrawn; evacuations; people
  moving (arriving, crossing, flying, fleeing).
- ``other``: charges, trials, sentences, releases, kidnappings, crimes, damage and destruction,
  outbreaks of disease.

Arguments are the parties the text names: a pronoun ("they killed") is part of the mention but
names no one in the record, and an actor adjective ("Israeli strikes") is the state it stands
for (``lexicon.DEMONYMS``) or is left out.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from summarizer import dates, quotemarks
from summarizer.backends.rules.arguments import Mention, actor_adjective, mention, span_of
from summarizer.backends.rules.lexicon import lemma
from summarizer.backends.rules.lexicon.events import DEMONYMS, PASSING_STATEMENTS
from summarizer.backends.rules.merging import Draft, coalesce, group_sentence
from summarizer.backends.rules.places import clause
from summarizer.backends.rules.triggers import classify, irrealis, names_event
from summarizer.models import Casualties, Event, Party, Span, TimeRef
from summarizer.spans import make_span

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summarizer.backends.rules.nlp import Parsed
    from summarizer.document import Document, Range

_OPENS = re.escape('"' + quotemarks.OPENING)
_CLOSES = re.escape('"' + quotemarks.CLOSING)
_QUOTED = re.compile(rf"[{_OPENS}][^{re.escape(quotemarks.DOUBLE)}]*[{_CLOSES}]")


def mentions(doc: Document, parsed: Parsed) -> list[Mention]:
    """Every event trigger in the article's content sentences, with its arguments."""
    out: list[Mention] = []
    text = doc.text
    for s_start, s_end in doc.sentences:
        sent = parsed.doc.char_span(s_start, s_end, alignment_mode="expand")
        if sent is None:
            continue
        scope = {t.i for t in sent if s_start <= t.idx < s_end and not t.is_space}
        sent_text = text[s_start:s_end]
        found: list[Range] | None = None  # the sentence's date expressions, once needed
        for tok in sent:
            if tok.i not in scope:
                continue
            kind = classify(tok)
            if kind is None or not names_event(tok):
                continue
            skip, future = irrealis(tok)
            if skip:
                continue
            m = mention(tok, kind, (s_start, s_end), scope)
            own = {t.i for t in clause(tok, scope)} if m.definite else None
            if found is None:
                found = [(s_start + a, s_start + b) for a, b in dates.expressions(sent_text)]
            m.time = _time(tok, found, own)
            if m.time:
                m.date = dates.resolve(text[m.time[0] : m.time[1]], doc.anchor_date, future=future)
            out.append(m)
    return out


def _time(trigger: Token, found: list[Range], own: set[int] | None) -> Range | None:
    """The date expression nearest to the trigger in the parse tree (at most 4 steps away)."""
    best: tuple[int, Range] | None = None
    trigger_path = [trigger, *trigger.ancestors]
    doc = trigger.doc
    for start, end in found:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        if own is not None and span.root.i not in own:
            continue
        path = [span.root, *span.root.ancestors]
        common = next((i for i, t in enumerate(path) if t in trigger_path), None)
        if common is None:
            continue
        distance = common + trigger_path.index(path[common])
        if distance <= 4 and (best is None or distance < best[0]):
            best = (distance, (start, end))
    return best[1] if best else None


def _party(token: Token, text: str) -> Party:
    start, end = span_of(token)
    span = make_span(text, start, end)
    words = span.text.split()
    while len(words) > 1 and words[0].lower() in ("the", "a", "an", "this", "that"):
        words = words[1:]
    return Party(name=" ".join(words), mention=span)


def _same_name(a: str, b: str) -> bool:
    """ "Razi Moussavi" and "Mousavi", "major general" and "Russian major general"."""
    words_a, words_b = a.lower().split(), b.lower().split()
    if set(words_a) <= set(words_b) or set(words_b) <= set(words_a):
        return True
    last_a, last_b = a.split()[-1], b.split()[-1]
    return (
        last_a[:1].isupper()
        and last_b[:1].isupper()
        and SequenceMatcher(None, last_a.lower(), last_b.lower()).ratio() >= 0.85
    )


def _parties(tokens: list[Token], text: str) -> list[Party]:
    """Parties in order of mention, one per name; the fuller of two names for one party wins."""
    out: list[Party] = []
    for tok in dict.fromkeys(tokens):
        if actor_adjective(tok):
            # "Israeli strikes": Israel acted; an adjective the lexicon cannot name is left out
            name = DEMONYMS.get(tok.lower_)
            if name is None:
                continue
            p = Party(name=name, mention=make_span(text, tok.idx, tok.idx + len(tok.text)))
        else:
            p = _party(tok, text)
        same = next((i for i, q in enumerate(out) if _same_name(p.name, q.name)), None)
        if same is None:
            out.append(p)
        elif len(p.name) > len(out[same].name):
            out[same] = p
    return out


def _describe(d: Draft, actors: list[Party], targets: list[Party], where: Party | None) -> str:
    words = [d.type.capitalize()]
    if actors:
        words.append("by " + " and ".join(a.name for a in actors))
    if targets:
        words.append(("on " if d.type == "attack" else "of ") + ", ".join(t.name for t in targets))
    if where:
        words.append("in " + where.name)
    if d.date:
        words.append("on " + d.date)
    return " ".join(words)


def _trigger_span(token: Token, text: str) -> Span:
    """The trigger word, with a noun compound before it ("air strike", "suicide bombing")."""
    start = token.idx
    prev = token.doc[token.i - 1] if token.i > 0 else None
    if prev is not None and prev.dep_ == "compound" and prev.head == token and prev.pos_ == "NOUN":
        start = prev.idx
    return make_span(text, start, token.idx + len(token.text))


def _event(d: Draft, text: str) -> Event:
    # "One strike targeted ..., while another hit ...": the lead's strikes, by the lead's actors
    actors = _parties([t for m in d.all for t in m.actors], text) or _parties(
        [t for m in d.context if m.type == d.type for t in m.actors], text
    )
    # Victims counted as an attack's casualties are named among its targets only when named.
    targets = _parties(
        [
            t
            for m in d.all
            for t in m.targets
            if m.type == d.type or (t.ent_type_ == "PERSON" or t.pos_ == "PROPN")
        ],
        text,
    )
    loc = d.location
    location = _party(loc, text) if loc is not None else None
    timed = next((m for m in [*d.all, *d.context] if m.time and m.date == d.date), None)
    time = TimeRef(text=text[timed.time[0] : timed.time[1]] if timed and timed.time else None)
    time.date = d.date
    evidence = sorted({m.sentence for m in [*d.all, *d.context]})
    return Event(
        description=_describe(d, actors, targets, location),
        type=d.type,
        trigger=_trigger_span(d.head.trigger, text),
        actors=actors,
        targets=targets,
        location=location,
        time=time,
        casualties=Casualties(killed=d.killed, injured=d.injured),
        evidence=[make_span(text, s, e) for s, e in evidence],
    )


def _verbal(d: Draft) -> bool:
    """ "Trump attacked Clinton", "tweets targeting Machado": words against a person, no harm."""
    if d.type != "attack" or d.killed or d.injured:
        return False
    targets = [t for m in d.all for t in m.targets]
    actors = [a for m in d.all for a in m.actors]
    if any(m.weapon is not None for m in d.all) or not (targets and actors):
        return False
    return all(t.ent_type_ == "PERSON" for t in targets + actors)


def _formal_statement(m: Mention) -> bool:
    """A statement worth a line of the record: made by someone, and more than a report."""
    return bool(m.actors) and lemma(m.trigger) not in PASSING_STATEMENTS


def _quoted(text: str, sentences: list[Range]) -> list[Range]:
    """Stretches inside quote marks: a speaker's words, not the article's account of events."""
    out: list[Range] = []
    for start, end in sentences:
        out.extend((start + m.start(), start + m.end()) for m in _QUOTED.finditer(text[start:end]))
    return out


def extract(doc: Document, parsed: Parsed) -> list[Event]:
    """The article's events, one per happening, each grounded in its sentences."""
    quoted = _quoted(doc.text, doc.sentences)
    found = [m for m in mentions(doc, parsed) if not any(s <= m.trigger.idx < e for s, e in quoted)]
    by_sentence: dict[Range, list[Mention]] = {}
    for m in found:
        by_sentence.setdefault(m.sentence, []).append(m)
    drafts = [d for group in by_sentence.values() for d in group_sentence(group)]
    drafts = [
        d for d in drafts if (d.type != "statement" or _formal_statement(d.head)) and not _verbal(d)
    ]
    return [_event(d, doc.text) for d in coalesce(drafts, doc)]
