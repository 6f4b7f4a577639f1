"""Quotes and reported speech: who said what, with the cue that says so.

Quoted stretches come from their marks (``marks``); each is tied to the nearest reporting cue
outside any quote in its sentences (``cues``), else to the speaker of the quote just before it
(a quote run on over paragraphs, or a speaker named in an earlier sentence). Indirect speech is
a cue verb's reported clause ("X said [that] ...") or what "according to X" frames. Every
attributed statement also becomes a reported ``Claim``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summarizer.backends.rules import cues, marks, notquotes, speakers, statements
from summarizer.backends.rules.cues import lexicon
from summarizer.backends.rules.speakers import Speaker
from summarizer.models import Claim, Party, Quote
from summarizer.spans import make_span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from summarizer.backends.rules.nlp import Parsed
    from summarizer.document import Document

_SENTENCE_END = ".!?:"


@dataclass
class Piece:
    """One quoted stretch on its way to becoming a ``Quote``."""

    mark: marks.Marked
    paragraph: int
    kind: str = "direct"
    cue: Token | None = None
    speaker: Speaker | None = None
    mention: tuple[int, int] | None = None
    labelled: bool = False  # a transcript line's speaker ("PENCE: ..."), which nothing overrides


@dataclass
class _Article:
    text: str
    doc: Doc
    paragraphs: list[tuple[int, int]]
    pieces: list[Piece]
    book: speakers.NameBook
    sentences: list[tuple[int, int]]
    title: tuple[int, int] | None = None
    subjects: list[tuple[int, Speaker]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)

    def name_for(self, name: str) -> str:
        """One name per entity in an article: without a leading "the", and spelled as where
        the article first gives it ("Iraqi Government" later is "Iraqi government")."""
        plain = speakers.plain_name(name)
        return self.names.setdefault(plain.lower(), plain)

    def in_quote(self, start: int, end: int) -> bool:
        return any(p.mark.open_at <= start and end <= p.mark.close_at + 1 for p in self.pieces)


def _region(art: _Article, piece: Piece) -> Span | None:
    """The tokens of the sentences the piece touches (segmenter sentences, which keep a quote
    and its "he said" together), within its paragraph."""
    p_start, p_end = art.paragraphs[piece.paragraph]
    lo, hi = piece.mark.open_at, piece.mark.close_at + 1
    touched = [(s, e) for s, e in art.sentences if s < hi and lo < e and p_start <= s < p_end]
    if touched:
        lo, hi = min(lo, touched[0][0]), max(hi, touched[-1][1])
        later = [(s, e) for s, e in art.sentences if hi <= s < p_end]
        if later and _trails(art, piece, later[0]):
            hi = later[0][1]
    return art.doc.char_span(max(lo, p_start), min(hi, p_end), alignment_mode="expand")


def _trails(art: _Article, piece: Piece, sentence: tuple[int, int]) -> bool:
    """True for the attribution after a quote that ends a sentence with its own mark:
    “Who would have believed it?” Trump said."""
    said = art.text[piece.mark.start : piece.mark.end].rstrip()
    if not said.endswith(("?", "!")) or art.text[piece.mark.close_at + 1 : sentence[0]].strip():
        return False
    head = art.doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
    return head is not None and any(cues.is_cue(t) for t in head[:6])


def _latest_mention(art: _Article, speaker: Speaker, before: int) -> tuple[int, int]:
    """Where the article last named ``speaker`` before a quote that inherits them."""
    last = speaker.name.split()[-1]
    if len(last) < 2 or speaker.mention[1] > before:
        return speaker.mention
    hits = [m for m in re.finditer(rf"\b{re.escape(last)}\b", art.text[:before])]
    hits = [
        m for m in hits if m.start() >= speaker.mention[1] and not art.in_quote(m.start(), m.end())
    ]
    return (hits[-1].start(), hits[-1].end()) if hits else speaker.mention


def _cue_candidates(art: _Article, region: Span) -> list[Token]:
    out = []
    for t in region:
        if art.in_quote(t.idx, t.idx + len(t.text)):
            continue
        if cues.is_cue(t):
            out.append(t)
            continue
        # "Jones disagreed: “...”" — any verb that introduces a quote after a colon.
        nxt = t.nbor() if t.i + 1 < len(t.doc) else None
        if t.pos_ == "VERB" and nxt is not None and nxt.text == ":":
            out.append(t)
    return out


def _best_cue(art: _Article, piece: Piece, found: list[Token]) -> Token:
    """The cue the quote hangs from in the parse (nearest such, not a relative clause's), else
    the nearest cue in its sentences."""
    inside = art.doc.char_span(piece.mark.start, piece.mark.end, alignment_mode="expand")
    above: set[int] = set()
    if inside is not None:
        for t in inside:
            above.update(a.i for a in t.ancestors)

    def rank(t: Token) -> tuple[int, int]:
        governs = t.i in above and t.dep_ != "relcl"
        return (0 if governs else 1, _distance(t, piece))

    return min(found, key=rank)


def _outermost_cue(art: _Article, cue: Token) -> Token:
    """A phrase quoted inside nested reporting belongs to the outermost reporter: in "Flynn
    said Trump was right when he said “...”", the attribution is Flynn's."""
    best = cue
    for up in cue.ancestors:
        if cues.is_cue(up) and not art.in_quote(up.idx, up.idx + 1) and cues.speaker_head(up):
            best = up
    # "Mr. Obama said, a majority of Americans have come to believe “...”": the reporter
    # set in as a parenthetical hangs below the clause it reports.
    for up in [best, *best.ancestors]:
        for c in up.children:
            aside = c.dep_ == "parataxis" and c.i < cue.i and cues.is_cue(c)
            if aside and not art.in_quote(c.idx, c.idx + 1) and cues.speaker_head(c):
                return c
    return best


def _distance(token: Token, piece: Piece) -> int:
    pos = token.idx
    if pos < piece.mark.open_at:
        return piece.mark.open_at - pos
    return max(0, pos - piece.mark.close_at)


def _pronoun(art: _Article, token: Token) -> Speaker:
    """A pronoun speaker: its own words as the mention, the last fitting name as the name."""
    mention = (token.idx, token.idx + len(token.text))
    earlier = [s for pos, s in art.subjects if pos < token.idx]
    resolved = speakers.resolve_pronoun(token.lower_, earlier)
    named = resolved or Speaker(token.text, mention, token.lower_ in speakers.PERSON_PRONOUNS)
    return Speaker(named.name, mention, named.person)


def _speaker_at(art: _Article, cue: Token) -> tuple[Speaker | None, tuple[int, int] | None]:
    head = cues.speaker_head(cue, lambda t: not art.in_quote(t.idx, t.idx + len(t.text)))
    if head is None or art.in_quote(head.idx, head.idx + len(head.text)):
        found = _surface_speaker(art, cue)
        return found, found.mention if found else None
    found = _pronoun(art, head) if head.lower_ in _PRONOUNS else speakers.describe(head, art.book)
    relative = next((c for c in cue.children if c.dep_ == "nsubj" and c.lower_ == "who"), None)
    if relative is not None and cue.dep_ == "relcl":
        # "McConnell, ..., who in 2010 said": the one named speaks, "who" refers to them here.
        at = (relative.idx, relative.idx + len(relative.text))
        return Speaker(found.name, at, found.person), at
    return found, found.mention


_PRONOUNS = speakers.PERSON_PRONOUNS | speakers.GROUP_PRONOUNS | {"i"}
_NOT_NAMES = lexicon(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight"
)
_STOP_POS = frozenset({"VERB", "AUX", "SCONJ", "ADP", "CCONJ", "PART"})


def _nominal_run(art: _Article, indexes: range) -> list[Token]:
    run: list[Token] = []
    for i in indexes:
        t = art.doc[i]
        if (
            t.is_punct
            or t.is_space
            or (t.pos_ in _STOP_POS and not t.is_title)  # "Tulsa" tagged as a verb
            or t.lower_ in _NOT_NAMES
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
        elif t.text == ")":
            j = i
            while j >= 0 and doc[j].text != "(" and i - j < 8:
                j -= 1
            i = j - 1 if j >= 0 and doc[j].text == "(" else i
            if i == j - 1:
                continue
            return i
        elif t.text == "," and i >= 2:
            # ", R-Ky.," or an apposition ", the chief executive of the League,"
            j = i - 1
            while j >= 0 and doc[j].text != "," and i - j < 12:
                j -= 1
            aside = doc[j + 1 : i] if j >= 0 else None
            short = aside is not None and (
                len(aside) <= 3
                or (aside[0].pos_ == "DET" and not any(w.pos_ == "VERB" for w in aside))
            )
            if j >= 0 and doc[j].text == "," and short:
                i = j - 1
                continue
            return i
        else:
            return i
    return i


def _opens_clause(doc: Doc, i: int) -> bool:
    """True when a speaker phrase may start after token ``i``: at the start, or after a quote
    mark, a comma, a colon or a dash."""
    return (
        i < 0
        or doc[i].is_quote
        or doc[i].text in {",", ":", ".", "!", "?", ";", "\u2014", "--", "\n"}
        or doc[i].is_space
    )


def _surface_speaker(art: _Article, cue: Token) -> Speaker | None:
    """When the parse gives the cue no subject: the noun phrase right before the cue
    (“...,” Tulsa police Chief Chuck Jordan said) or right after it (said Chuck Jordan)."""
    i = _skip_aside(art.doc, cue.i - 1)
    left = list(reversed(_nominal_run(art, range(i, -1, -1))))
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
        if len(run) == 1 and run[0].lower_ in _PRONOUNS:
            return _pronoun(art, run[0])
        mention = (run[0].idx, run[-1].idx + len(run[-1].text))
        chain = speakers.proper_chain(art.doc, run[0].i, run[-1].i)
        if chain is None:
            return Speaker(art.text[mention[0] : mention[1]], mention, False)
        words = [t.text for t in art.doc[chain[0] : chain[1] + 1]]
        return Speaker(" ".join(art.book.fullest(words)), mention, art.book.is_person(words))
    return None


_LABEL = re.compile(r"[\"\u201c]?\s*([A-Z][A-Z.'\- ]{1,30}[A-Z]):\s")


_HEADLINE_LABEL = re.compile(r"([A-Z][\w.'\u2019\-]*(?: [A-Z][\w.'\u2019\-]*){0,3}):\s")


def _label_speaker(art: _Article, paragraph: int) -> Speaker | None:
    """The speaker of a transcript paragraph ("PENCE: Well, look ..."), or of a headline that
    opens with a name and a colon ("Pence: Flowers Won't Be at Debate, Trump Was ‘Mocking’")."""
    start = art.paragraphs[paragraph][0]
    m = _LABEL.match(art.text, start)
    if m is not None:
        return Speaker(m.group(1).title(), (m.start(1), m.end(1)), True)
    return _headline_speaker(art, paragraph)


def _headline_speaker(art: _Article, paragraph: int) -> Speaker | None:
    start = art.paragraphs[paragraph][0]
    if art.title is None or start != art.title[0]:
        return None
    m = _HEADLINE_LABEL.match(art.text, start)
    if m is None:
        return None
    words = m.group(1).split()
    return Speaker(" ".join(art.book.fullest(words)), (m.start(1), m.end(1)), True)


def _kind(art: _Article, piece: Piece) -> str:
    """Direct when the quote stands as speech (starts a sentence, or follows a cue and a comma
    or colon with a capital); partial when it is a phrase inside the writer's own sentence."""
    text = art.text
    i = piece.mark.open_at - 1
    p_start = art.paragraphs[piece.paragraph][0]
    while i >= p_start and text[i].isspace():
        i -= 1
    if i < p_start or text[i] in _SENTENCE_END:
        return "direct"
    first = text[piece.mark.start : piece.mark.start + 1]
    words = len(text[piece.mark.start : piece.mark.end].split())
    if text[i] == "," and first.isupper() and words >= 4:
        return "direct"
    return "partial"


def _attach(art: _Article) -> None:
    """Give each piece its kind, cue and speaker."""
    previous: Piece | None = None
    for piece in art.pieces:
        piece.kind = _kind(art, piece)
        region = _region(art, piece)
        found = _cue_candidates(art, region) if region is not None else []
        label = _label_speaker(art, piece.paragraph)
        headline = label is not None and label == _headline_speaker(art, piece.paragraph)
        if label is not None and (headline or piece.mark.open_at <= label.mention[0]):
            piece.speaker, piece.mention, piece.labelled = label, label.mention, True
        elif found:
            piece.cue = _best_cue(art, piece, found)
            piece.cue = _outermost_cue(art, piece.cue)
            piece.speaker, piece.mention = _speaker_at(art, piece.cue)
        between = art.text[previous.mark.close_at : piece.mark.open_at] if previous else ""
        # "We will respond," he said, "at the right time." — one quote around its cue.
        interrupted = len(between) < 80 and not any(c in between for c in ".!?\n")
        same_run = previous is not None and (not previous.mark.closed or interrupted)
        if previous is not None and same_run and previous.kind == "direct":
            piece.kind = "direct"  # the rest of a quote interrupted by "he said"
        if piece.speaker is None:
            _fallback(art, piece, previous, same_run)
        previous = piece
    _share_runs(art.pieces)


def _inherit(art: _Article, piece: Piece, previous: Piece | None) -> bool:
    if previous is None or previous.speaker is None or piece.kind != "direct":
        return False
    piece.speaker = previous.speaker
    piece.mention = _latest_mention(art, previous.speaker, piece.mark.open_at)
    return True


def _fallback(art: _Article, piece: Piece, previous: Piece | None, same_run: bool) -> None:
    """A speaker for a quote with no cue in its sentences, from what comes before it: a
    transcript label, the same quote's other half, the speaker of the quote just before in the
    paragraph, the subject of the sentence that leads into it, or a "X said:" paragraph."""
    label = _label_speaker(art, piece.paragraph) or _signed(art, piece)
    if label is not None:
        piece.speaker, piece.mention = label, label.mention
        return
    same_paragraph = previous is not None and previous.paragraph == piece.paragraph
    if (same_run or same_paragraph) and _inherit(art, piece, previous):
        return
    p_start = art.paragraphs[piece.paragraph][0]
    if art.text[p_start : piece.mark.open_at].strip():
        lead = [(s, e) for s, e in art.sentences if p_start <= s < piece.mark.open_at]
        if lead and "\n" not in art.text[lead[-1][0] : piece.mark.open_at]:
            found = _subject_of(art, lead[-1], piece.mark.open_at)
            if found is not None:
                piece.speaker, piece.mention = found, found.mention
        return
    if piece.paragraph > 0:
        before = art.paragraphs[piece.paragraph - 1]
        if art.text[before[1] - 1] == ":":
            region = art.doc.char_span(*before, alignment_mode="expand")
            found_cues = _cue_candidates(art, region) if region is not None else []
            if found_cues:
                piece.cue = found_cues[-1]
                piece.speaker, piece.mention = _speaker_at(art, piece.cue)
                return
    near = previous is not None and (
        piece.paragraph - previous.paragraph <= 1 or not previous.mark.closed
    )
    if near:
        _inherit(art, piece, previous)


_SIGNATURE = re.compile(
    r"\s*[\u2015\u2014\u2013-]{1,2}\s*([A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3})\s*$"
)


def _signed(art: _Article, piece: Piece) -> Speaker | None:
    """A quote signed with a dash and a name at the end of its paragraph: “...” ― Krystal Correa."""
    p_end = art.paragraphs[piece.paragraph][1]
    m = _SIGNATURE.match(art.text[piece.mark.close_at + 1 : p_end])
    if m is None:
        return None
    start = piece.mark.close_at + 1 + m.start(1)
    words = m.group(1).split()
    name = " ".join(art.book.fullest(words))
    return Speaker(name, (start, start + len(m.group(1))), art.book.is_person(words))


def _subject_of(art: _Article, sentence: tuple[int, int], quote_at: int) -> Speaker | None:
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
    if subject.lower_ in speakers.PERSON_PRONOUNS:
        return _pronoun(art, subject)
    found = speakers.describe(subject, art.book)
    if subject.pos_ == "PROPN" or found.person or found.name != art.text[slice(*found.mention)]:
        return found  # a name, a person ("the spokeswoman"), or a name in apposition
    return None


def _share_runs(pieces: list[Piece]) -> None:
    """A quote run on over paragraphs has one speaker: the one any of its pieces names."""
    run: list[Piece] = []
    for piece in [*pieces, None]:
        if piece is not None and (not run or not run[-1].mark.closed):
            run.append(piece)
            continue
        named = next((p for p in run if p.cue is not None and p.speaker), None)
        for p in run:
            if named is not None and p.cue is None and not p.labelled:
                p.speaker, p.mention = named.speaker, named.mention
        run = [piece] if piece is not None else []


def _party(art: _Article, speaker: Speaker | None, mention: tuple[int, int] | None) -> Party | None:
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


def _clause_range(art: _Article, head: Token) -> tuple[int, int]:
    """Character range of a reported clause, without its trailing punctuation."""
    first, last = head.left_edge.i, head.right_edge.i
    doc = art.doc
    p_start, p_end = art.paragraphs[_paragraph(art.paragraphs, head.idx)]
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


def _indirect(art: _Article, used: set[int]) -> list[Reported]:
    """Indirect speech: each unused cue's reported clause, or what "according to X" frames."""
    out = []
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
            speaker, mention = _speaker_at(art, t)
            if speaker is None:
                continue
            out.append((rng, t, speaker, mention))
    # "X has vowed to ..., according to Reuters": the outer source's frame goes first, so the
    # inner verb does not take the whole sentence and leave Reuters out.
    return sorted(out, key=lambda r: r[1].lower_ != "according")


def _subjects(art: _Article) -> list[tuple[int, Speaker]]:
    """Named subjects in text order: the people and bodies a later pronoun may stand for."""
    out = []
    for start, end in art.paragraphs:
        span = art.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            subject = t.dep_ in ("nsubj", "nsubjpass") and (
                t.pos_ == "PROPN" or t.tag_ == "NNS" or speakers.is_person_noun(t)
            )
            if subject and not art.in_quote(t.idx, t.idx + len(t.text)):
                out.append((t.idx, speakers.describe(t, art.book)))
    return out


def extract(doc: Document, parsed: Parsed) -> tuple[list[Quote], list[Claim]]:
    """The article's quotes (direct, partial, indirect) and a reported claim for each statement."""
    text = doc.text
    paragraphs = [p for p in doc.paragraphs if doc.in_content(*p)]
    found = marks.find(text, paragraphs)
    pieces = [Piece(m, _paragraph(paragraphs, m.open_at)) for m in found]
    book = speakers.name_book(parsed.doc, paragraphs)
    art = _Article(text, parsed.doc, paragraphs, pieces, book, doc.sentences, doc.title)
    art.subjects = _subjects(art)
    _attach(art)
    for piece in art.pieces:
        if piece.speaker is not None:
            art.subjects.append((piece.mark.open_at, piece.speaker))
    art.subjects.sort(key=lambda x: x[0])

    quotes: list[Quote] = []
    claims: list[Claim] = []
    used: set[int] = set()
    previous: Piece | None = None
    for piece in art.pieces:
        if piece.kind == "partial" and piece.cue is None:
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
        claim_range = (span.start, span.end)
        if piece.cue is not None:
            used.add(piece.cue.i)
            head = cues.content_head(piece.cue)
            if piece.kind == "partial" and head is not None:
                clause = _clause_range(art, head)
                if clause[0] <= span.start and span.end <= clause[1]:
                    claim_range = clause
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
    dropped = {(q.start, q.end) for q in quotes if not notquotes.is_speech(parsed.doc, q)}
    quotes = [q for q in quotes if (q.start, q.end) not in dropped]
    claims = [c for c in claims if (c.start, c.end) not in dropped]
    return statements.join(parsed.doc, quotes, claims, _statement)


def _same_statement(art: _Article, before: Piece, piece: Piece) -> bool:
    """Two halves of one quote around its cue: same paragraph, same cue, only the cue between."""
    if before.cue is None or piece.cue is None or before.cue.i != piece.cue.i:
        return False
    between = art.text[before.mark.close_at + 1 : piece.mark.open_at]
    return before.paragraph == piece.paragraph and not any(c in between for c in ".!?")


def _paragraph(paragraphs: list[tuple[int, int]], pos: int) -> int:
    for n, (s, e) in enumerate(paragraphs):
        if s <= pos < e:
            return n
    return len(paragraphs) - 1
