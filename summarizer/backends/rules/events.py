"""Events from the article's own sentences: who did what to whom, where, when, with casualties.

Two layers. ``mentions`` finds every event trigger in the content sentences (a verb, noun or
adjective from the lexicon below, checked against the dependency parse) with its arguments;
``summarizer eval`` scores this layer's triggers against WikiEvents. ``extract`` turns mentions
into the record: deaths and injuries caused by an attack become that attack's casualties, a
definite "the strike" adds to the strike it refers back to, a headline restates the lead, and
mentions of the same type at the same place and date are merged. Triggers that did not happen
(negated, modal, "to strike"), habitual ones ("repeatedly"), words inside quote marks and a
person's verbal "attack" on another stay out of the record.

Event types (``Event.type``), a small fixed vocabulary:

- ``attack``: strikes, bombings, explosions, shootings, raids, clashes, shelling.
- ``killing``: killings, deaths, assassinations, executions.
- ``injury``: woundings and injuries not already counted as an attack's casualties.
- ``arrest``: arrests, detentions, captures of people.
- ``statement``: formal statements, announcements, condemnations, vows and warnings ("said" in
  passing is left to quotes and claims).
- ``meeting``: meetings, talks, summits, visits, campaign rallies.
- ``protest``: protests, demonstrations, rallies against something, riots, marches.
- ``deployment``: troops or ships deployed, sent, stationed or withdrawn; evacuations.
- ``other``: charges, trials, sentences, releases, kidnappings, damage and destruction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from summarizer import dates
from summarizer.document import Document, Range
from summarizer.models import Casualties, Event, Party, Span, TimeRef
from summarizer.spans import make_span

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summarizer.backends.rules.nlp import Parsed

EVENT_TYPES = (
    "attack",
    "killing",
    "injury",
    "arrest",
    "statement",
    "meeting",
    "protest",
    "deployment",
    "other",
)


_QUOTED = re.compile(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]")


def _lex(kind: str, words: str) -> dict[str, str]:
    return dict.fromkeys(words.split(), kind)


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Lemmas that name an event when used as a verb.
VERBS: dict[str, str] = {
    **_lex(
        "attack",
        "attack strike bomb shell bombard explode detonate shoot raid ambush assault storm "
        "target hit fire clash invade blow ram stab behead",
    ),
    **_lex("killing", "kill murder assassinate execute die slay massacre slaughter"),
    **_lex("injury", "wound injure hurt maim"),
    **_lex("arrest", "arrest detain apprehend jail imprison capture nab"),
    **_lex(
        "statement",
        "announce declare denounce condemn vow warn threaten urge pledge claim deny confirm "
        "report accuse blame",
    ),
    **_lex("meeting", "meet negotiate visit host"),
    **_lex("protest", "protest demonstrate rally riot march"),
    **_lex("deployment", "deploy dispatch station withdraw evacuate send transport"),
    **_lex(
        "other",
        "charge indict convict sentence try release free kidnap abduct destroy damage "
        "investigate smuggle",
    ),
}
# Lemmas that name an event when used as a noun.
NOUNS: dict[str, str] = {
    **_lex(
        "attack",
        "attack strike airstrike airstrikes bombing explosion blast detonation shooting "
        "shelling bombardment raid ambush assault clash clashes fighting battle offensive "
        "invasion targeting gunfire firefight shootout rampage",
    ),
    **_lex(
        "killing",
        "killing death murder assassination execution massacre slaughter slaying homicide "
        "beheading fatality",
    ),
    **_lex("injury", "injury wounding maiming beating"),
    **_lex("arrest", "arrest detention custody capture"),
    **_lex("statement", "statement announcement declaration condemnation warning ultimatum"),
    **_lex("meeting", "meeting talk summit visit negotiation"),
    **_lex("protest", "protest demonstration rally riot"),
    **_lex("deployment", "deployment withdrawal evacuation"),
    **_lex(
        "other",
        "charge indictment conviction trial sentence release kidnapping abduction "
        "investigation probe",
    ),
}
ADJECTIVES: dict[str, str] = {"dead": "killing", "wounded": "injury", "injured": "injury"}

# Verbs whose reading as an event depends on their object or subject.
_NOT_EVENT_OBJECTS = _words(
    "deal agreement accord balance tone chord note pose record chance bargain"
)
_MILITARY = _words(
    "troop troops soldier soldiers force forces warship warships ship ships jet jets "
    "aircraft marine marines personnel reinforcement reinforcements unit units army "
    "battalion brigade division fleet carrier destroyer"
)
_WEAPONS = _words(
    "strike airstrike missile missiles rocket rockets drone drones bomb bombs shell shells "
    "mortar mortars artillery another one attack blast explosion"
)
_NEEDS_MILITARY = _words("send transport station dispatch")
# Statement triggers scored as events but, like "said", left to quotes and claims in the record.
_PASSING_STATEMENTS = _words("report confirm claim")
# Nouns an event word before them still names the event: "assassination attempt", "death toll".
_EVENT_HEADS = _words(
    "attempt incident outrage toll suspect victim scene plot aftermath wave spree area site "
    "attack strike bombing explosion blast raid"
)
# Verbs whose subject is the doer of the event their object names ("launched an offensive").
_LIGHT_VERBS = _words(
    "conduct carry launch stage hold issue make mount wage unleash begin start continue resume "
    "lead order say announce release publish sign"
)
# Entity labels the small model gives towns it does not know ("the city of Hilla": PERSON).
_MISTAGGED_PLACES = frozenset({"", "PERSON", "PRODUCT", "ORG", "NORP"})
_HABITUAL = _words("repeatedly often regularly frequently routinely usually")
# Children whose subtrees are clauses of their own: their places and dates are not the trigger's.
_OTHER_CLAUSES = _words("advcl ccomp relcl acl parataxis conj xcomp csubj")
_MODALS = _words("would could might may should must can")
# Prepositions that introduce a place, and nouns naming a kind of place ("the city of Hilla").
_LOCATIVE = _words("in near outside at inside across around into within from")
_PLACE_NOUNS = _words(
    "city town village province district region capital area neighbourhood neighborhood "
    "county state governorate suburb camp base port island country"
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NOT_PARTY_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "EVENT"}
)
# Noun triggers naming what a state's forces do: a country before them is the actor.
_STATE_ACTIONS = _words(
    "strike airstrike airstrikes raid offensive invasion bombardment shelling deployment "
    "withdrawal war"
)
_PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
_TARGET_PREPS = {"attack": ("on", "against", "at", "of"), "killing": ("of",), "arrest": ("of",)}
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_WORD_NUMBERS = {w: i for i, w in enumerate(_NUMBER_WORDS.split())}
_WORD_NUMBERS.update(
    {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
)
_WORD_NUMBERS.update({"ninety": 90, "hundred": 100, "a": 1, "an": 1, "single": 1})


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

    def trigger_range(self) -> Range:
        t = self.trigger
        return t.idx, t.idx + len(t.text)

    def argument_ranges(self) -> list[Range]:
        """Where its actors, targets and place are mentioned: what argument scoring compares."""
        tokens = [*self.actors, *self.targets, *([self.location] if self.location else [])]
        return [_span_of(t) for t in tokens]


def _number(token: Token) -> int | None:
    """The value of a number token: digits ("2,500") or a number word ("three")."""
    word = token.lower_.replace(",", "")
    if word.isdigit():
        return int(word)
    return _WORD_NUMBERS.get(word)


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


def _conjuncts(token: Token) -> list[Token]:
    """The token and the nouns co-ordinated with it ("a senior adviser and three fighters")."""
    return [token] + [c for c in token.conjuncts if c.pos_ in ("NOUN", "PROPN", "NUM")]


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def classify(token: Token) -> str | None:
    """The event type ``token`` triggers in its context, or None."""
    lemma = _lemma(token)
    if token.pos_ == "VERB":
        kind = VERBS.get(lemma)
        if kind is None and lemma != "go":
            return None
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if token.dep_ in ("acl", "amod"):
            objects.append(token.head)
        if any(_lemma(o) in _NOT_EVENT_OBJECTS for o in objects):
            return None
        if lemma == "go":
            off = any(c.dep_ == "prt" and c.lower_ == "off" for c in token.children)
            return "attack" if off and VERBS.get("go") is None else None
        if lemma in ("hit", "fire", "blow"):
            subjects = {_lemma(c) for c in token.children if c.dep_ == "nsubj"}
            up = any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children)
            if not (up or subjects & _WEAPONS or {_lemma(o) for o in objects} & _WEAPONS):
                return None
        if lemma in _NEEDS_MILITARY and not any(
            _lemma(o) in _MILITARY or o.lower_ in _MILITARY for o in objects
        ):
            return None
        if lemma == "try" and not any(c.dep_ == "auxpass" for c in token.children):
            return None  # "tried to", not "was tried"
        if kind in ("statement", "meeting", "deployment", "other") and token.dep_ == "amod":
            return None  # "the declared intention"
        return kind
    if token.pos_ == "NOUN":
        if lemma == "rally":  # a campaign rally gathers; a rally against something protests
            against = any(c.dep_ == "prep" and c.lower_ == "against" for c in token.children)
            return "protest" if against else "meeting"
        if lemma == "fire":
            return "attack" if _lemma(token.head) in ("open", "exchange") else None
        if lemma == "talk" and token.lower_ != "talks":
            return None
        return NOUNS.get(lemma) or NOUNS.get(token.lower_)
    if token.pos_ == "ADJ":
        return ADJECTIVES.get(token.lower_)
    return None


def _irrealis(token: Token) -> tuple[bool, bool]:
    """(skip, future): negated, modal and purpose-clause triggers did not happen; "will" is ahead."""
    kids = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass", "neg")}
    if kids & {"not", "n't", "never"} or kids & _MODALS:
        return True, False
    if token.pos_ == "VERB" and "to" in kids:
        return True, False
    return False, bool(kids & {"will", "'ll"})


def _clause(token: Token, scope: set[int]) -> list[Token]:
    """The trigger's own clause: its subtree without embedded clauses that say other things."""
    out: list[Token] = []
    stack = [token]
    while stack:
        tok = stack.pop()
        if tok.i in scope:
            out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in _OTHER_CLAUSES)
    return sorted(out, key=lambda t: t.i)


def _place_name(token: Token) -> Token:
    """The name a place phrase leads to: "the central city of Hilla" is Hilla."""
    if _lemma(token) in _PLACE_NOUNS:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                inner = [g for g in child.children if g.dep_ == "pobj"]
                if inner:
                    return inner[0]
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return child
    return token


def _is_place(token: Token, named_as_place: bool = False) -> bool:
    """A named place. The small model often tags unfamiliar towns as people or products, so
    after "the city of", "the province of" any proper noun counts; elsewhere only places do."""
    if token.ent_type_ in _PLACE_LABELS:
        return True
    return named_as_place and token.pos_ == "PROPN" and token.ent_type_ in _MISTAGGED_PLACES


def _location(trigger: Token, clause: list[Token]) -> Token | None:
    """The nearest named place of the trigger's clause ("in Iraq", "hit the province of Wassit")."""
    best: tuple[int, Token] | None = None
    base = len(list(trigger.ancestors))
    for tok in clause:
        head = tok.head
        locative = tok.dep_ == "pobj" and head.lower_ in _LOCATIVE
        modifier = head == trigger and _is_place_modifier(trigger, tok)  # "the Manchester bombing"
        if not (locative or modifier) and not (
            tok.dep_ == "dobj" and head == trigger and _lemma(tok) in _PLACE_NOUNS
        ):
            continue
        cand = _place_name(tok)
        if not _is_place(cand, named_as_place=cand != tok or modifier):
            continue
        depth = len(list(tok.ancestors)) - base + (9 if modifier else 0)
        if best is None or depth < best[0]:
            best = (depth, cand)
    return best[1] if best else None


def _is_name(token: Token) -> bool:
    """A named party; dates and numbers ("Saturday's attack", "the May 22 bombing") are not."""
    if token.ent_type_ in _NOT_PARTY_LABELS:
        return False
    return token.ent_type_ in _PARTY_LABELS or token.pos_ == "PROPN"


def _named(token: Token) -> bool:
    """A name, or a noun a name qualifies ("the Iraqi government", "a US military base")."""
    return any(
        _is_name(t)
        for t in [token, *(c for c in token.children if c.dep_ in ("amod", "compound", "nmod"))]
    )


def _is_place_modifier(noun: Token, modifier: Token) -> bool:
    """ "the Manchester bombing", "London's attack": a place, unless a state's military action
    ("US strikes", "Israel's offensive") where the country is the one acting."""
    if _lemma(noun) in _STATE_ACTIONS or modifier.pos_ != "PROPN":
        return False
    # the small model often tags an unfamiliar city as a product
    return modifier.ent_type_ in _PLACE_LABELS or modifier.ent_type_ == "PRODUCT"


def _is_attack_noun(token: Token) -> bool:
    return NOUNS.get(_lemma(token)) == "attack" or _lemma(token) in _WEAPONS


def _noun_actors(noun: Token) -> list[Token]:
    """Who carried out what a noun names: "Israel's war", "US strikes", "targeting by X"."""
    actors: list[Token] = []
    for c in noun.children:
        if c.dep_ in ("compound", "nmod", "poss") and _is_place_modifier(noun, c):
            continue
        if (c.dep_ == "poss" and c.ent_type_ not in _NOT_PARTY_LABELS) or (
            c.dep_ in ("compound", "amod", "nmod") and _named(c)
        ):
            actors.append(c)
        elif c.dep_ == "prep" and c.lower_ == "by":
            actors.extend(g for g in c.children if g.dep_ == "pobj")
    return actors


def _verb_arguments(verb: Token, kind: str, m: Mention) -> None:
    """Actors and targets of a verb trigger, from its subject, object and agent."""
    victim_subject = (
        kind in ("killing", "injury")
        and verb.tag_ == "VBN"
        and not any(c.dep_ in ("dobj", "aux") for c in verb.children)
    ) or _lemma(verb) == "die"
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            if victim_subject:
                m.targets.extend(_conjuncts(c))
            elif _is_attack_noun(c) or c.lower_ == "another":
                m.weapon = c
                m.actors.extend(_noun_actors(c))
            else:
                m.actors.extend(_conjuncts(c))
        elif c.dep_ in ("dobj", "nsubjpass"):
            m.targets.extend(_conjuncts(c))
        elif c.dep_ == "agent":
            m.actors.extend(g for p in c.children if p.dep_ == "pobj" for g in _conjuncts(p))
        elif c.dep_ == "prep" and c.lower_ in ("on", "against") and kind == "attack":
            m.targets.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "prep" and c.lower_ == "with" and kind == "meeting":
            m.actors.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "conj" and c.pos_ == "NOUN" and kind in ("killing", "injury"):
            m.targets.append(c)  # "killed a senior adviser and three fighters", mis-attached
    if verb.dep_ in ("acl", "amod") and kind in ("killing", "injury", "arrest", "deployment"):
        if verb.head.ent_type_ not in _PLACE_LABELS:
            m.targets.append(verb.head)  # "18 wounded", "2,500 soldiers deployed"
        holder = verb.head.head
        if verb.head.dep_ == "dobj" and _lemma(holder) in ("have", "keep", "maintain"):
            m.actors.extend(c for c in holder.children if c.dep_ == "nsubj")


def _noun_arguments(noun: Token, kind: str, m: Mention) -> None:
    """Actors and targets of a noun trigger: "Israeli airstrike on X", "the killing of Y"."""
    m.actors.extend(_noun_actors(noun))
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS.get(kind, ()):
            m.targets.extend(g for g in c.children if g.dep_ == "pobj")
    if not m.actors:
        # "The US conducted a round of strikes", "X said in a statement": the light verb's doer.
        light = noun
        for _ in range(3):
            if light.dep_ not in ("dobj", "pobj", "prep"):
                break
            light = light.head
        if light.pos_ == "VERB" and light != noun and _lemma(light) in _LIGHT_VERBS:
            m.actors.extend(c for c in light.children if c.dep_ == "nsubj")


def _casualties(m: Mention) -> int | None:
    """How many people a killing or injury counts, from its victims."""
    victims = list(dict.fromkeys(m.targets))
    trigger = m.trigger
    if trigger.pos_ == "ADJ":
        for c in trigger.head.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
                victims.append(c)
    counts = [count_of(v) for v in victims]
    known = [n for n in counts if n is not None]
    return sum(known) if known else None


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


def _mention(tok: Token, kind: str, sentence: Range, scope: set[int]) -> Mention:
    m = Mention(kind, tok, sentence)
    if tok.pos_ == "VERB":
        _verb_arguments(tok, kind, m)
    else:
        _noun_arguments(tok, kind, m)
    m.actors = [a for a in dict.fromkeys(m.actors) if a.i in scope and a.pos_ != "PRON"]
    m.targets = [
        t
        for t in dict.fromkeys(m.targets)
        if t.i in scope and t.pos_ != "PRON" and t.ent_type_ not in ("DATE", "TIME")
    ]
    clause = _clause(tok, scope)
    m.location = _location(tok, clause)
    if m.location is not None:  # "hit the province of Wassit": a place, not a target
        m.targets = [t for t in m.targets if _place_name(t) != m.location]
    if kind == "killing":
        m.killed = _casualties(m)
    elif kind == "injury":
        m.injured = _casualties(m)
    kids = list(tok.children)
    if tok.pos_ == "NOUN" and not m.actors:
        # "the strike" pointing back, unlike "the targeting of a base by X"
        m.definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in kids)
        m.definite = m.definite and not any(c.dep_ == "prep" for c in kids)
    m.habitual = any(c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in kids)
    m.generic = tok.tag_ == "NNS" and not any(c.dep_ in ("det", "nummod", "poss") for c in kids)
    return m


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
            if kind is None:
                continue
            if tok.dep_ == "compound" and _lemma(tok.head) not in _EVENT_HEADS:
                continue  # "attack ads", "strike force", "arrest warrants"
            skip, future = _irrealis(tok)
            if skip:
                continue
            m = _mention(tok, kind, (s_start, s_end), scope)
            own = {t.i for t in _clause(tok, scope)} if m.definite else None
            if found is None:
                found = [(s_start + a, s_start + b) for a, b in dates.expressions(sent_text)]
            m.time = _time(tok, found, own)
            if m.time:
                m.date = dates.resolve(text[m.time[0] : m.time[1]], doc.anchor_date, future=future)
            out.append(m)
    return out


@dataclass
class _Draft:
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

    def absorb(self, other: _Draft) -> None:
        self.parts.extend(other.all)
        self.context.extend(other.context)
        self.killed = self.killed if self.killed is not None else other.killed
        self.injured = self.injured if self.injured is not None else other.injured


def _group_sentence(group: list[Mention]) -> list[_Draft]:
    """One sentence's mentions as drafts: an attack takes in its verb ("one strike targeted")
    and the deaths and injuries it caused ("an airstrike killed", "..., wounding 20")."""
    by_trigger = {m.trigger.i: m for m in group}
    attacks = [m for m in group if m.type == "attack"]

    def host(m: Mention) -> Mention | None:
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

    drafts: dict[int, _Draft] = {}
    hosted: list[tuple[Mention, Mention]] = []
    for m in group:
        root = host(m)
        while root is not None and host(root) is not None:
            root = host(root)
        if root is None:
            drafts[m.trigger.i] = _Draft(m, killed=m.killed, injured=m.injured)
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
        if (p_start, p_end) != doc.title and line.endswith((".", "!", "?", '"', "\u201d")):
            break
        out.update(s for s in doc.sentences if p_start <= s[0] < p_end)
    return out


def _informative(d: _Draft) -> bool:
    """Worth a line of the record: it says when, where or how many, or names someone."""
    named = any(_named(t) for m in d.all for t in m.actors + m.targets)
    return bool(d.date or d.location is not None or d.killed or d.injured or named)


def _own_info(d: _Draft) -> bool:
    return any(m.targets or m.location is not None for m in d.all) or bool(d.killed or d.injured)


def _compatible(a: _Draft, b: _Draft) -> bool:
    if a.type != b.type:
        return False
    la, lb = a.location, b.location
    if la is not None and lb is not None and la.text != lb.text:
        return False
    return not (a.date and b.date and a.date != b.date)


def _same_happening(a: _Draft, b: _Draft) -> bool:
    if not _compatible(a, b):
        return False
    if a.location is not None and b.location is not None:
        return True
    return (
        a.location is None
        and b.location is None
        and _lemma(a.head.trigger) == _lemma(b.head.trigger)
    )


def _same_person(a: Token, b: Token) -> bool:
    return a.ent_type_ == b.ent_type_ == "PERSON" and (
        SequenceMatcher(None, a.lower_, b.lower_).ratio() >= 0.8
    )


def _coalesce(drafts: list[_Draft], doc: Document) -> list[_Draft]:
    """Merge the same happening mentioned twice; give an elaborating sentence its lead's date."""
    order = {s: i for i, s in enumerate(doc.sentences)}
    headline = _headline_sentences(doc)
    kept: list[_Draft] = []
    for d in drafts:
        if d.head.sentence in headline or d.head.habitual or (d.head.generic and not d.date):
            continue
        here = order[d.head.sentence]
        same = [k for k in kept if k.type == d.type]
        recent = [k for k in same if here - order[k.head.sentence] <= 2]
        if d.head.definite:
            if recent and _own_info(d) and _compatible(recent[-1], d):
                recent[-1].absorb(d)
            continue  # "the attack" again, saying nothing new
        if d.date is None and recent and here - order[recent[-1].all[-1].sentence] <= 1:
            # "One strike targeted ..., while another hit ...": told right after, on that day
            d.context.extend(m for m in [*recent[-1].all, *recent[-1].context] if m.date)
        victims = [t for m in d.all for t in m.targets]
        # the same type on the same day, at the same place or called by the same word
        dup = next((k for k in same if k.date and k.date == d.date and _same_happening(k, d)), None)
        dup = dup or next(
            (
                k
                for k in kept
                if d.type == "killing"
                and k.type == "attack"
                and any(_same_person(v, t) for v in victims for m in k.all for t in m.targets)
            ),
            None,
        )
        if dup is not None:
            dup.absorb(d)
            continue
        if _informative(d):
            kept.append(d)
    for d in (d for d in drafts if d.head.sentence in headline):
        for m in d.all:  # a headline's common nouns ("areas") add nothing to the lead's
            m.actors = [t for t in m.actors if _named(t)]
            m.targets = [t for t in m.targets if _named(t)]
        host = next((k for k in kept if k.type == d.type), None)
        if host is not None:
            host.absorb(d)
        elif _informative(d) and not d.head.habitual:
            kept.insert(0, d)
    return kept


def _span_of(token: Token) -> Range:
    """Character range of a party mention: the name, or the noun with its left modifiers."""
    if token.ent_type_ in _PARTY_LABELS:
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                first = ent[1] if ent[0].lower_ == "the" and len(ent) > 1 else ent[0]
                return first.idx, ent.end_char
    left = token.i
    for child in token.lefts:
        if child.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod", "quantmod"):
            left = min(left, min(x.i for x in child.subtree))
    return token.doc[left].idx, token.idx + len(token.text)


def _party(token: Token, text: str) -> Party:
    start, end = _span_of(token)
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
        p = _party(tok, text)
        same = next((i for i, q in enumerate(out) if _same_name(p.name, q.name)), None)
        if same is None:
            out.append(p)
        elif len(p.name) > len(out[same].name):
            out[same] = p
    return out


def _describe(d: _Draft, actors: list[Party], targets: list[Party], where: Party | None) -> str:
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


def _event(d: _Draft, text: str) -> Event:
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


def _verbal(d: _Draft) -> bool:
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
    return bool(m.actors) and _lemma(m.trigger) not in _PASSING_STATEMENTS


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
    drafts = [d for group in by_sentence.values() for d in _group_sentence(group)]
    drafts = [
        d for d in drafts if (d.type != "statement" or _formal_statement(d.head)) and not _verbal(d)
    ]
    return [_event(d, doc.text) for d in _coalesce(drafts, doc)]
