"""Who says a quote: the speaker a cue names, or the one the words around the quote give.

A cue's speaker is its parsed subject (``cues.speaker_head``) described by ``names``; when the
parse gives none, the noun phrase right before or after the cue ("..., Tulsa police Chief Chuck
Jordan said", "said Chuck Jordan"). With no cue: a transcript label ("PENCE: ..."), a signature
("“...” ― Krystal Correa"), or the subject of the sentence that leads into the quote.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarizer import quotemarks
from summarizer.backends.rules import cues
from summarizer.backends.rules.lexicon.speech import NOT_NAMES, PERSON_PRONOUNS, SPEAKER_PRONOUNS
from summarizer.backends.rules.names import Speaker, describe, proper_chain

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from summarizer.backends.rules.article import Article, Piece

_STOP_POS = frozenset({"VERB", "AUX", "SCONJ", "ADP", "CCONJ", "PART"})


def speaker_at(art: Article, cue: Token) -> tuple[Speaker | None, tuple[int, int] | None]:
    """The speaker at ``cue`` and where they are mentioned: the cue's parsed subject, a pronoun
    resolved to the last fitting name, else the noun phrase next to the cue."""
    head = cues.speaker_head(cue, lambda t: not art.in_quote(t.idx, t.idx + len(t.text)))
    if head is None or art.in_quote(head.idx, head.idx + len(head.text)):
        found = _surface(art, cue)
        return found, found.mention if found else None
    found = art.pronoun(head) if head.lower_ in SPEAKER_PRONOUNS else describe(head, art.book)
    relative = next((c for c in cue.children if c.dep_ == "nsubj" and c.lower_ == "who"), None)
    if relative is not None and cue.dep_ == "relcl":
        # "McConnell, ..., who in 2010 said": the one named speaks, "who" refers to them here.
        at = (relative.idx, relative.idx + len(relative.text))
        return Speaker(found.name, at, found.person), at
    return found, found.mention


def latest_mention(art: Article, speaker: Speaker, before: int) -> tuple[int, int]:
    """Where the article last named ``speaker`` before a quote that inherits them."""
    last = speaker.name.split()[-1]
    if len(last) < 2 or speaker.mention[1] > before:
        return speaker.mention
    hits = [m for m in re.finditer(rf"\b{re.escape(last)}\b", art.text[:before])]
    hits = [
        m for m in hits if m.start() >= speaker.mention[1] and not art.in_quote(m.start(), m.end())
    ]
    return (hits[-1].start(), hits[-1].end()) if hits else speaker.mention


def _nominal_run(art: Article, indexes: range) -> list[Token]:
    run: list[Token] = []
    for i in indexes:
        t = art.doc[i]
        if (
            t.is_punct
            or t.is_space
            or (t.pos_ in _STOP_POS and not t.is_title)  # "Tulsa" tagged as a verb
            or t.lower_ in NOT_NAMES
            or art.in_quote(t.idx, t.idx + len(t.text))
            or len(run) == 8
        ):
            break
        run.append(t)
    return run


def _skip_aside(doc: Doc, i: int) -> int:
    """Step left over adverbs and a short aside before a cue: "Cummings (D-Md.) said",
    "McConnell, R-Ky., said", "Jordan later said"."""
    while i >= 0:
        t = doc[i]
        if t.pos_ == "ADV":
            i -= 1
            continue
        if t.text == ")":
            opened = _bracket_open(doc, i)
        elif t.text == "," and i >= 2:
            opened = _aside_open(doc, i)
        else:
            return i
        if opened is None:
            return i
        i = opened - 1
    return i


def _bracket_open(doc: Doc, i: int) -> int | None:
    """The "(" of a short bracket closing at ``i``."""
    j = i
    while j >= 0 and doc[j].text != "(" and i - j < 8:
        j -= 1
    return j if j >= 0 and doc[j].text == "(" else None


def _aside_open(doc: Doc, i: int) -> int | None:
    """The comma opening a short aside that closes at ``i``: ", R-Ky.," or an apposition
    ", the chief executive of the League,"."""
    j = i - 1
    while j >= 0 and doc[j].text != "," and i - j < 12:
        j -= 1
    if j < 0 or doc[j].text != ",":
        return None
    aside = doc[j + 1 : i]
    short = len(aside) <= 3 or (aside[0].pos_ == "DET" and not any(w.pos_ == "VERB" for w in aside))
    return j if short else None


def _opens_clause(doc: Doc, i: int) -> bool:
    """True when a speaker phrase may start after token ``i``: at the start, or after a quote
    mark, a comma, a colon or a dash."""
    return (
        i < 0
        or doc[i].is_quote
        or doc[i].text in {",", ":", ".", "!", "?", ";", "\u2014", "--", "\n"}
        or doc[i].is_space
    )


def _coordinated(art: Article, run: list[Token]) -> list[Token]:
    """``run`` with the names joined to it by "and": "..., Obama and Clinton call them" (the
    parser made the first name part of the phrase before; both speak)."""
    j = run[0].i - 1 if run else -1
    if j < 1 or art.doc[j].lower_ != "and" or art.doc[j - 1].pos_ != "PROPN":
        return run
    more = list(reversed(_nominal_run(art, range(j - 1, -1, -1))))
    return [*more, art.doc[j], *run] if more and run[0].pos_ == "PROPN" else run


def _surface(art: Article, cue: Token) -> Speaker | None:
    """When the parse gives the cue no subject: the noun phrase right before the cue
    (“...,” Tulsa police Chief Chuck Jordan said) or right after it (said Chuck Jordan)."""
    i = _skip_aside(art.doc, cue.i - 1)
    left = list(reversed(_nominal_run(art, range(i, -1, -1))))
    left = _coordinated(art, left)
    if left and not _opens_clause(art.doc, left[0].i - 1):
        left = []  # "in a box labeled ...": a noun before the cue that is not its subject
    right = _nominal_run(art, range(cue.i + 1, len(art.doc)))
    before = art.doc[cue.i - 1] if cue.i > 0 else None
    after = art.doc[right[-1].i + 1] if right and right[-1].i + 1 < len(art.doc) else None
    inverted = before is not None and (before.is_quote or before.text in {",", "\u2014", "--"})
    if not inverted and not (after is not None and after.text == ":"):
        right = []  # "..., said Chuck Jordan" and "Said Ellis:" invert; "Calls men names" not
    for run in (left, right):
        while run and run[-1].pos_ == "ADV":
            run.pop()
        if not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in run):
            continue
        if len(run) == 1 and run[0].lower_ in SPEAKER_PRONOUNS:
            return art.pronoun(run[0])
        mention = (run[0].idx, run[-1].idx + len(run[-1].text))
        joined = [i for i, t in enumerate(run) if t.lower_ == "and"]
        if joined:  # "Obama and Clinton": each named as fully as the article does
            sides = ([t.text for t in run[: joined[0]]], [t.text for t in run[joined[0] + 1 :]])
            name = " and ".join(" ".join(art.book.fullest(side)) for side in sides)
            return Speaker(name, mention, False)
        chain = proper_chain(art.doc, run[0].i, run[-1].i)
        if chain is None:
            return Speaker(art.text[mention[0] : mention[1]], mention, False)
        words = [t.text for t in art.doc[chain[0] : chain[1] + 1]]
        return Speaker(" ".join(art.book.fullest(words)), mention, art.book.is_person(words))
    return None


_LABEL = re.compile(rf"[{re.escape(quotemarks.OPENING)}\"]?\s*([A-Z][A-Z.'\- ]{{1,30}}[A-Z]):\s")


_HEADLINE_LABEL = re.compile(r"([A-Z][\w.'\u2019\-]*(?: [A-Z][\w.'\u2019\-]*){0,3}):\s")


def label_speaker(art: Article, paragraph: int) -> Speaker | None:
    """The speaker of a transcript paragraph ("PENCE: Well, look ..."), or of a headline that
    opens with a name and a colon (see ``headline_speaker``)."""
    start = art.paragraphs[paragraph][0]
    m = _LABEL.match(art.text, start)
    if m is not None:
        return Speaker(m.group(1).title(), (m.start(1), m.end(1)), True)
    return headline_speaker(art, paragraph)


def headline_speaker(art: Article, paragraph: int) -> Speaker | None:
    """Who speaks the quoted words of a headline that opens with a name and a colon: "Pence:
    Flowers Won't Be at Debate, Trump Was ‘Mocking’ Clinton Camp"."""
    start = art.paragraphs[paragraph][0]
    if art.title is None or start != art.title[0]:
        return None
    m = _HEADLINE_LABEL.match(art.text, start)
    if m is None:
        return None
    words = m.group(1).split()
    return Speaker(" ".join(art.book.fullest(words)), (m.start(1), m.end(1)), True)


_SIGNATURE = re.compile(
    r"\s*[\u2015\u2014\u2013-]{1,2}\s*([A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3})\s*$"
)


def signed(art: Article, piece: Piece) -> Speaker | None:
    """A quote signed with a dash and a name at the end of its line: “...” ― Krystal Correa
    (readers' answers listed one a line in one paragraph, as well as one a paragraph)."""
    p_end = art.paragraphs[piece.paragraph][1]
    line_end = art.text.find("\n", piece.mark.close_at + 1, p_end)
    m = _SIGNATURE.match(art.text[piece.mark.close_at + 1 : p_end if line_end < 0 else line_end])
    if m is None:
        return None
    start = piece.mark.close_at + 1 + m.start(1)
    signature = m.group(1)
    if signature.endswith(".") and len(signature.split()[-1]) > 4:
        signature = signature[:-1]  # "― Omar Haddad." ends its line, not an initial ("Jr.")
    words = signature.split()
    name = " ".join(art.book.fullest(words))
    return Speaker(name, (start, start + len(signature)), art.book.is_person(words))


def subject_of(art: Article, sentence: tuple[int, int], quote_at: int) -> Speaker | None:
    """The named or pronoun subject of a sentence's main verb, when it can be a speaker:
    "Sen. Bernie Sanders identified ... . “The younger people are ...”"."""
    span = art.doc.char_span(*sentence, alignment_mode="expand")
    if span is None:
        return None
    # Only the words before the quote: "Councillor Rita Mendes was blunt: “...”".
    span = span[: max(1, sum(1 for t in span if t.idx < quote_at))]
    root = span.root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or art.in_quote(subject.idx, subject.idx + 1):
        return None
    if subject.lower_ in PERSON_PRONOUNS:
        return art.pronoun(subject)
    found = describe(subject, art.book)
    if subject.pos_ == "PROPN" or found.person or found.name != art.text[slice(*found.mention)]:
        return found  # a name, a person ("the spokeswoman"), or a name in apposition
    return None
