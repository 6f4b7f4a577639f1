"""Who a speaker is: the words that name them here, their fullest name, and what "he" means.

Phrase-level: a speaker from the noun phrase the parse gives (``describe``) and the article's
book of names (``NameBook``). Finding which phrase speaks for a quote is ``speakers``.

``Party.mention`` is the phrase in the text ("Foreign Ministry spokesperson Nasser Kanaani",
"he"); ``Party.name`` is the fullest name the article gives ("Nasser Kanaani" for a later
"Kanaani"), or the resolved name when the mention is a pronoun.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarizer.backends.rules.lexicon.speech import (
    DETERMINERS,
    GROUP_PRONOUNS,
    HONORIFICS,
    JOB_TITLES,
    ORG_WORDS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_LEFT = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case"})
_RIGHT = frozenset({"compound", "flat", "case", "nummod"})


def plain_name(name: str) -> str:
    """A name without the determiner the sentence put before it: "the Iraqi government" is
    "Iraqi government" (the mention keeps the article's words)."""
    first, _, rest = name.partition(" ")
    return rest if rest and first.lower() in DETERMINERS else name


def bare(words: list[str]) -> list[str]:
    """A name without honorifics and the job title before it: "Mayor Sandra Ito" is
    "Sandra Ito"."""
    kept = [w for w in words if w.lower() not in HONORIFICS] or words
    last_title = max((i for i, w in enumerate(kept) if w.lower() in JOB_TITLES), default=-1)
    return kept[last_title + 1 :] or kept


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: the name to print, the mention's character range, whether a person."""

    name: str
    mention: tuple[int, int]
    person: bool


def phrase(head: Token) -> tuple[int, int]:
    """Token range ``[first, last]`` of the noun phrase headed by ``head``, without relative
    clauses or appositions ("Rasool, a military spokesman, who ..." gives "Rasool")."""
    first = last = head.i
    stack = [c for c in head.lefts if c.dep_ in _LEFT]
    while stack:
        t = stack.pop()
        first = min(first, t.left_edge.i)
    for c in head.rights:
        if c.dep_ in _RIGHT or (c.dep_ == "prep" and c.lower_ in ("of", "for", "at", "with")):
            last = max(last, c.right_edge.i)
    doc = head.doc
    while first < last and doc[first].is_punct:
        first += 1
    while last > first and doc[last].is_punct:
        last -= 1
    return first, last


def proper_chain(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """The last run of proper nouns within tokens ``[first, last]``: the name in a phrase."""
    best = None
    i = first
    while i <= last:
        if doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
            j = i
            while j + 1 <= last and doc[j + 1].pos_ == "PROPN" and doc[j + 1].text[:1].isupper():
                j += 1
            best = (i, j)
            i = j + 1
        else:
            i += 1
    return best


def is_person_name(words: list[str]) -> bool:
    """A name of people rather than an organisation or place: no organisation word in it and
    at least a first and last name (or a title)."""
    lowered = [w.lower() for w in words]
    if any(w in ORG_WORDS for w in lowered):
        return False
    return len(words) >= 2 or (bool(lowered) and lowered[0] in HONORIFICS)


class NameBook:
    """The fullest form of each name in an article, looked up by its last word."""

    def __init__(self) -> None:
        self.full: dict[str, list[str]] = {}
        self.people: set[str] = set()

    def add(self, words: list[str]) -> None:
        titled = bare(words) != words
        words = bare(words)
        key = words[-1]
        if len(words) > len(self.full.get(key, [])):
            self.full[key] = words
        if titled or is_person_name(words):
            self.people.add(key)

    def fullest(self, words: list[str]) -> list[str]:
        name = bare(words)
        known = self.full.get(name[-1], name)
        return known if len(known) > len(name) and known[-len(name) :] == name else name

    def is_person(self, words: list[str]) -> bool:
        return bare(words)[-1] in self.people or is_person_name(words)


def name_book(doc: Doc, ranges: list[tuple[int, int]]) -> NameBook:
    """Every proper-noun run in the content paragraphs ``ranges`` (character ranges)."""
    book = NameBook()
    for start, end in ranges:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        run: list[str] = []
        for t in span:
            if t.pos_ == "PROPN" and t.text[:1].isupper() and t.text.isalpha():
                run.append(t.text)
                continue
            if run:
                book.add(run)
            run = []
        if run:
            book.add(run)
    return book


def describe(head: Token, book: NameBook) -> Speaker:
    """The speaker whose phrase is headed by ``head`` (a name, a description or a pronoun);
    names joined by "and" speak together ("Obama and Clinton call them ...")."""
    partner = _joined_name(head)
    if partner is None:
        return _described(head, book)
    one, other = _described(head, book), _described(partner, book)
    return Speaker(f"{one.name} and {other.name}", (one.mention[0], other.mention[1]), False)


def _joined_name(head: Token) -> Token | None:
    """The name joined to the name ``head`` by "and" ("Vance and Ortega"), if any."""
    if head.pos_ != "PROPN" or not any(c.dep_ == "cc" and c.lower_ == "and" for c in head.rights):
        return None
    return next((c for c in head.rights if c.dep_ == "conj" and c.pos_ == "PROPN"), None)


def _described(head: Token, book: NameBook) -> Speaker:
    doc = head.doc
    first, last = phrase(head)
    named = _named_apposition(head)
    if named is not None:
        # "Its chief executive, Daniel Reyes, told ...": the name is in the apposition.
        a_first, a_last = phrase(named)
        start, end = doc[first].idx, doc[a_last].idx + len(doc[a_last].text)
        words = [t.text for t in doc[a_first : a_last + 1] if t.pos_ == "PROPN"]
        return Speaker(" ".join(book.fullest(words)), (start, end), book.is_person(words))
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    chain = proper_chain(doc, first, head.i if head.pos_ == "PROPN" else last)
    if chain is not None and (head.pos_ == "PROPN" or head.dep_ == "pobj" or chain[1] > head.i):
        words = [t.text for t in doc[chain[0] : chain[1] + 1]]
        return Speaker(" ".join(book.fullest(words)), (start, end), book.is_person(words))
    if head.text in book.full and head.text[:1].isupper():
        words = [head.text]  # the tagger took a known name for a common noun: "Reyes added"
        return Speaker(" ".join(book.fullest(words)), (start, end), book.is_person(words))
    text = doc[first : last + 1].text  # not doc.text: that rebuilds the whole article
    return Speaker(text, (start, end), is_person_noun(head))


def is_person_noun(head: Token) -> bool:
    """A single person described, not named: "the spokeswoman", "a source", "he"."""
    if head.lower_ in PERSON_PRONOUNS:
        return True
    return head.tag_ == "NN" and head.lemma_.lower() in PERSON_NOUNS


def is_org_word(head: Token) -> bool:
    """A body of people named by a common noun: "the ministry", "police"."""
    return head.lemma_.lower() in ORG_WORDS


def _named_apposition(head: Token) -> Token | None:
    if head.pos_ == "PROPN":
        return None
    for c in head.rights:
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            return c
    return None


def resolve_pronoun(pronoun: str, history: list[Speaker]) -> Speaker | None:
    """The last speaker a pronoun can refer to: a single person for he/she, else a group or
    body for they/we/it, else anyone."""
    want_person = pronoun.lower() in PERSON_PRONOUNS
    named = [s for s in history if s.name.lower() not in PERSON_PRONOUNS | GROUP_PRONOUNS]
    fitting = [s for s in named if s.person == want_person]
    if fitting:
        return fitting[-1]
    return None if want_person or not named else named[-1]
