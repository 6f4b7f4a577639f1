"""Quotes and reported speech: who said what, with the cue that says so.

Quoted stretches come from their marks (``marks``); ``attachment`` gives each its kind, cue
and speaker (``cues``, ``speakers``, ``names``). Indirect speech is a cue verb's reported
clause ("X said [that] ...") or what "according to X" frames. Every attributed statement also
becomes a reported ``Claim``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarizer import marks
from summarizer.backends.rules import cues, notquotes, statements
from summarizer.backends.rules.article import Article, Piece, paragraph_of
from summarizer.backends.rules.attachment import attach
from summarizer.backends.rules.lexicon.speech import NOMINAL_CUES, POSSESSIVE_PRONOUNS
from summarizer.backends.rules.names import (
    Speaker,
    describe,
    is_person_noun,
    name_book,
    resolve_pronoun,
)
from summarizer.backends.rules.speakers import speaker_at
from summarizer.models import Claim, Party, Quote
from summarizer.spans import make_span

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summarizer.backends.rules.nlp import Parsed
    from summarizer.document import Document


def extract(doc: Document, parsed: Parsed) -> tuple[list[Quote], list[Claim]]:
    """The article's quotes (direct, partial, indirect) and a reported claim for each statement."""
    text = doc.text
    paragraphs = [p for p in doc.paragraphs if doc.in_content(*p)]
    found = marks.find(text, paragraphs)
    pieces = [Piece(m, paragraph_of(paragraphs, m.open_at)) for m in found]
    book = name_book(parsed.doc, paragraphs)
    art = Article(text, parsed.doc, paragraphs, pieces, book, doc.sentences, doc.title)
    art.subjects = _subjects(art)
    attach(art)
    for piece in art.pieces:
        if piece.speaker is not None:
            art.subjects.append((piece.mark.open_at, piece.speaker))
    art.subjects.sort(key=lambda x: x[0])
    quotes, claims, used = _quoted(art)
    for rng, cue_token, speaker, mention in _indirect(art, used):
        if any(q.start < rng[1] and rng[0] < q.end for q in quotes):
            continue
        span = make_span(text, *rng)
        party = _party(art, speaker, mention)
        cue = make_span(text, *cues.cue_span(cue_token))
        quotes.append(
            Quote(
                text=span.text,
                start=span.start,
                end=span.end,
                kind="indirect",
                speaker=party,
                cue=cue,
            )
        )
        claims.append(
            Claim(
                text=span.text,
                start=span.start,
                end=span.end,
                statement=_statement(span.text, party),
                claimant=party,
                kind="reported",
            )
        )
    quotes.sort(key=lambda q: q.start)
    claims.sort(key=lambda c: c.start)
    dropped = {(q.start, q.end) for q in quotes if not notquotes.is_speech(parsed.doc, text, q)}
    quotes = [q for q in quotes if (q.start, q.end) not in dropped]
    claims = [c for c in claims if (c.start, c.end) not in dropped]
    return statements.join(parsed.doc, text, quotes, claims, _statement)


def _claim_range(art: Article, piece: Piece, quoted: tuple[int, int]) -> tuple[int, int]:
    """What a quote's claim covers: the quote, or the reported clause a partial quote is in."""
    head = cues.content_head(piece.cue) if piece.cue is not None else None
    if piece.kind == "partial" and head is not None:
        clause = _clause_range(art, head)
        if clause[0] <= quoted[0] and quoted[1] <= clause[1]:
            return clause
    return quoted


def _quoted(art: Article) -> tuple[list[Quote], list[Claim], set[int]]:
    """The quoted pieces as quotes and claims, and the cues they used."""
    text = art.text
    quotes: list[Quote] = []
    claims: list[Claim] = []
    used: set[int] = set()
    previous: Piece | None = None
    for piece in art.pieces:
        if piece.kind == "partial" and piece.cue is None and not piece.labelled:
            continue  # scare quotes or titles: quoted, but attributed to no one
        span = make_span(text, piece.mark.start, piece.mark.end)
        if not span.text:
            continue
        cue = make_span(text, *cues.cue_span(piece.cue)) if piece.cue is not None else None
        party = _party(art, piece.speaker, piece.mention)
        quotes.append(
            Quote(
                text=span.text,
                start=span.start,
                end=span.end,
                kind=piece.kind,  # type: ignore[arg-type]
                speaker=party,
                cue=cue,
            )
        )
        if piece.cue is not None:
            used.add(piece.cue.i)
        claim_range = _claim_range(art, piece, (span.start, span.end))
        if previous is not None and _same_statement(art, previous, piece) and claims:
            # One statement around its cue: "We will respond," she said, "at the right time."
            first = claims.pop()
            claim = make_span(text, first.start, claim_range[1])
            words = f"{quotes[-2].text.rstrip(' ,')} {span.text}"
        else:
            claim = make_span(text, *claim_range)
            words = claim.text
        claims.append(
            Claim(
                text=claim.text,
                start=claim.start,
                end=claim.end,
                statement=_statement(words, party),
                claimant=party,
                kind="reported",
            )
        )
        previous = piece
    return quotes, claims, used


def _party(art: Article, speaker: Speaker | None, mention: tuple[int, int] | None) -> Party | None:
    if speaker is None:
        return None
    span = make_span(art.text, *mention) if mention else None
    return Party(name=art.name_for(speaker.name), mention=span)


def _statement(words: str, speaker: Party | None) -> str:
    words = " ".join(words.split())
    if words.lower().startswith("that "):
        words = words[5:]
    words = words.strip(" ,;:.\u2014-")
    by = f" (said by {speaker.name})" if speaker else ""
    return f"{words[:1].upper()}{words[1:]}{by}"


def _clause_range(art: Article, head: Token) -> tuple[int, int]:
    """Character range of a reported clause, without its trailing punctuation."""
    first, last = head.left_edge.i, head.right_edge.i
    doc = art.doc
    p_start, p_end = art.paragraphs[paragraph_of(art.paragraphs, head.idx)]
    while first < head.i and doc[first].idx < p_start:
        first += 1
    while last > head.i and doc[last].idx >= p_end:
        last -= 1
    while last > first and doc[last].is_punct and not doc[last].is_quote:
        last -= 1
    while first < last and doc[first].is_punct and not doc[first].is_quote:
        first += 1
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _according_range(cue: Token) -> tuple[int, int] | None:
    """What "according to X" frames: the rest of its sentence."""
    sent = cue.sent
    phrase_first, phrase_last = cue.left_edge.i, cue.right_edge.i
    before = [t for t in sent if t.i < phrase_first and not t.is_punct]
    after = [t for t in sent if t.i > phrase_last and not t.is_punct]
    part = after if len(after) >= len(before) else before
    if len(part) < 3:
        return None
    return part[0].idx, part[-1].idx + len(part[-1].text)


Reported = tuple[tuple[int, int], "Token", Speaker, "tuple[int, int] | None"]


def _indirect(art: Article, used: set[int]) -> list[Reported]:
    """Indirect speech: each unused cue's reported clause, or what "according to X" frames."""
    out: list[Reported] = []
    for start, end in art.paragraphs:
        span = art.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            if t.i in used or not cues.is_cue(t) or art.in_quote(t.idx, t.idx + 1):
                continue
            if t.lower_ == "according":
                rng = _according_range(t)
            else:
                ranges = [_clause_range(art, h) for h in cues.reported_heads(t)]
                rng = (min(r[0] for r in ranges), max(r[1] for r in ranges)) if ranges else None
            if rng is None or rng[1] - rng[0] < 12:
                continue
            speaker, mention = speaker_at(art, t)
            if speaker is None:
                continue
            out.append((rng, t, speaker, mention))
    out += _nominal(art)
    # "X has vowed to ..., according to Reuters": the outer source's frame goes first, so the
    # inner verb does not take the whole sentence and leave Reuters out.
    return sorted(out, key=lambda r: r[1].lower_ != "according")


_THAT = re.compile(r"\bthat\b", re.IGNORECASE)


def _nominal(art: Article) -> list[Reported]:
    """Reported words framed by a noun: "Trump's claim [that there have been ...]", "his
    warning that ..."; the owner of the noun is the speaker."""
    out: list[Reported] = []
    # From each "that" up to the noun its clause hangs from: far fewer words than the article's.
    for m in _THAT.finditer(art.text):
        that = art.doc.char_span(m.start(), m.end())
        if that is None or that[0].dep_ != "mark":
            continue
        clause = that[0].head
        t = clause.head
        if clause.dep_ not in ("acl", "ccomp") or clause.pos_ not in ("VERB", "AUX"):
            continue
        if t.pos_ != "NOUN" or t.lemma_.lower() not in NOMINAL_CUES:
            continue
        owner = next((c for c in t.children if c.dep_ == "poss"), None)
        if owner is None or art.in_quote(t.idx, t.idx + 1):
            continue
        rng = _clause_range(art, clause)
        if rng[1] - rng[0] < 12:
            continue
        found = _owner(art, owner)
        if found is not None:
            out.append((rng, t, found, found.mention))
    return out


def _owner(art: Article, owner: Token) -> Speaker | None:
    """Whose the noun's words are: "Trump's claim" is Trump's, "his claim" the last fitting
    named subject's."""
    pronoun = POSSESSIVE_PRONOUNS.get(owner.lower_)
    if pronoun is None:
        return describe(owner, art.book)
    earlier = [s for pos, s in art.subjects if pos < owner.idx]
    named = resolve_pronoun(pronoun, earlier)
    at = (owner.idx, owner.idx + len(owner.text))
    return Speaker(named.name, at, named.person) if named is not None else None


def _subjects(art: Article) -> list[tuple[int, Speaker]]:
    """Named subjects in text order: the people and bodies a later pronoun may stand for."""
    out = []
    for start, end in art.paragraphs:
        span = art.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            subject = t.dep_ in ("nsubj", "nsubjpass") and (
                t.pos_ == "PROPN" or t.tag_ == "NNS" or is_person_noun(t)
            )
            if subject and not art.in_quote(t.idx, t.idx + len(t.text)):
                out.append((t.idx, describe(t, art.book)))
    return out


def _same_statement(art: Article, before: Piece, piece: Piece) -> bool:
    """Two halves of one quote around its cue: same paragraph, same cue, only the cue between."""
    if before.cue is None or piece.cue is None or before.cue.i != piece.cue.i:
        return False
    between = art.text[before.mark.close_at + 1 : piece.mark.open_at]
    return before.paragraph == piece.paragraph and not any(c in between for c in ".!?")
