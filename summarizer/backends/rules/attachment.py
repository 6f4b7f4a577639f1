"""Attachment: each quoted piece gets its kind, its cue and its speaker.

A piece is tied to the nearest reporting cue outside any quote in its sentences (the one it
hangs from in the parse first), else to the speaker of the quote just before it (a quote run on
over paragraphs or interrupted by "he said"), else to a speaker the words around it give
(``speakers``). A phrase quoted inside nested reporting belongs to the outermost reporter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer import marks
from summarizer.backends.rules import cues
from summarizer.backends.rules.lexicon.speech import CONTENT_PREPOSITIONS
from summarizer.backends.rules.speakers import (
    headline_speaker,
    label_speaker,
    latest_mention,
    signed,
    speaker_at,
    subject_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from summarizer.backends.rules.article import Article, Piece


def attach(art: Article) -> None:
    """Give each piece its kind, cue and speaker."""
    previous: Piece | None = None
    for piece in art.pieces:
        piece.kind = marks.kind(art.text, piece.mark, art.paragraphs[piece.paragraph][0])
        if not _labelled(art, piece):
            _cued(art, piece)
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


def _labelled(art: Article, piece: Piece) -> bool:
    """Give a transcript line, a headline's "Name:" or a signed line its speaker, which
    nothing overrides; True when the piece is one of those."""
    label = label_speaker(art, piece.paragraph)
    headline = label is not None and label == headline_speaker(art, piece.paragraph)
    if label is not None and (headline or piece.mark.open_at <= label.mention[0]):
        piece.speaker, piece.mention, piece.labelled = label, label.mention, True
        return True
    signature = signed(art, piece) if _opens_line(art, piece) else None
    if signature is None:
        return False
    # A line that is all quote and a signature ("“...” ― Maria Olsen") stands as speech.
    piece.kind, piece.labelled = "direct", True
    piece.speaker, piece.mention = signature, signature.mention
    return True


def _cued(art: Article, piece: Piece) -> None:
    """The piece's cue among the reporting verbs of its sentences, and that cue's speaker."""
    region = _region(art, piece)
    found = cue_candidates(art, region) if region is not None else []
    if not found:
        return
    piece.cue = _best_cue(art, piece, found)
    # A passage that stands as speech keeps a cue that names its own speaker ("..., and when
    # pressed, the mother of three replied, “...”"); a phrase goes to the outermost reporter.
    if piece.kind == "partial" or cues.own_speaker(piece.cue) is None:
        piece.cue = _outermost_cue(art, piece.cue)
    piece.speaker, piece.mention = speaker_at(art, piece.cue)


def _opens_line(art: Article, piece: Piece) -> bool:
    """Nothing but spaces before the piece's opening mark on its line."""
    line_start = art.text.rfind("\n", 0, piece.mark.open_at) + 1
    return not art.text[line_start : piece.mark.open_at].strip()


def _region(art: Article, piece: Piece) -> Span | None:
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


def _trails(art: Article, piece: Piece, sentence: tuple[int, int]) -> bool:
    """True for the attribution after a quote that ends a sentence with its own mark:
    “Who would have believed it?” Trump said."""
    said = art.text[piece.mark.start : piece.mark.end].rstrip()
    if not said.endswith(("?", "!")) or art.text[piece.mark.close_at + 1 : sentence[0]].strip():
        return False
    head = art.doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
    return head is not None and any(cues.is_cue(t) for t in head[:6])


def cue_candidates(art: Article, region: Span) -> list[Token]:
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


def _best_cue(art: Article, piece: Piece, found: list[Token]) -> Token:
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


def _outermost_cue(art: Article, cue: Token) -> Token:
    """A phrase quoted inside nested reporting belongs to the outermost reporter: in "Flynn
    said Trump was right when he said “...”", the attribution is Flynn's."""
    best = cue
    below = cue
    for up in cue.ancestors:
        if (
            _reports(below)
            and cues.is_cue(up)
            and not art.in_quote(up.idx, up.idx + 1)
            and cues.speaker_head(up)
        ):
            best = up
        below = up
    # "Mr. Obama said, a majority of Americans have come to believe “...”": the reporter
    # set in as a parenthetical hangs below the clause it reports.
    for up in [best, *best.ancestors]:
        for c in up.children:
            aside = c.dep_ == "parataxis" and c.i < cue.i and cues.is_cue(c)
            if aside and not art.in_quote(c.idx, c.idx + 1) and cues.speaker_head(c):
                return c
    return best


# How what a verb reports hangs from it: its clause, infinitive, object, aside, or the object of
# an "about"/"of"; not a clause of time or reason ("as Trump went on about “...”, Melanie said
# yes"), nor another verb joined to it ("Putney said ..., but he said “...”").
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "csubj", "parataxis"})


def _reports(child: Token) -> bool:
    """True when ``child`` hangs from its head as (the start of) what the head reports."""
    if child.dep_ == "prep":
        return child.lower_ in CONTENT_PREPOSITIONS
    return child.dep_ in _CONTENT_DEPS


def _distance(token: Token, piece: Piece) -> int:
    pos = token.idx
    if pos < piece.mark.open_at:
        return piece.mark.open_at - pos
    return max(0, pos - piece.mark.close_at)


def _inherit(art: Article, piece: Piece, previous: Piece | None) -> bool:
    if previous is None or previous.speaker is None or piece.kind != "direct":
        return False
    piece.speaker = previous.speaker
    piece.mention = latest_mention(art, previous.speaker, piece.mark.open_at)
    return True


def _fallback(art: Article, piece: Piece, previous: Piece | None, same_run: bool) -> None:
    """A speaker for a quote with no cue in its sentences, from what comes before it: a
    transcript label, the same quote's other half, the speaker of the quote just before in the
    paragraph, the subject of the sentence that leads into it, or a "X said:" paragraph."""
    label = label_speaker(art, piece.paragraph) or signed(art, piece)
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
            found = subject_of(art, lead[-1], piece.mark.open_at)
            if found is not None:
                piece.speaker, piece.mention = found, found.mention
        return
    if piece.paragraph > 0:
        before = art.paragraphs[piece.paragraph - 1]
        if art.text[before[1] - 1] == ":":
            region = art.doc.char_span(*before, alignment_mode="expand")
            found_cues = cue_candidates(art, region) if region is not None else []
            if found_cues:
                piece.cue = found_cues[-1]
                piece.speaker, piece.mention = speaker_at(art, piece.cue)
                return
    near = previous is not None and (
        piece.paragraph - previous.paragraph <= 1 or not previous.mark.closed
    )
    if near:
        _inherit(art, piece, previous)


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
