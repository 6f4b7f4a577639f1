"""One statement, one item: quoted pieces that make up one statement become one item in parts.

News prose cuts a statement around its cue (“We will respond,” she said, “at the right time.”),
runs it on after the cue's sentence (“It's finished,” she said. “In my head, anyway.”), carries
it over paragraphs (an opening mark on each, a closing mark only at the end) and strings partial
quotes along one reported clause (called her “disgusting” and “a con”). Each is one attribution
(PolNeAR, PARC 3.0), so each becomes one ``Quote`` whose ``parts`` are the pieces, and one
reported ``Claim`` in the same parts (a partial quotes' reported clause stays the one claim).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from summarizer import quotemarks
from summarizer.backends.rules.cues import is_cue
from summarizer.models import Claim, Party, Quote, Span
from summarizer.spans import join_parts

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A cue clause between two pieces of one statement is short: "said Rep. G.K. Butterfield
# (D-N.C.), head of the Congressional Black Caucus."
_MAX_GAP = 240


def _same_speaker(a: Quote, b: Quote) -> bool:
    if a.speaker is None or b.speaker is None:
        return b.speaker is None
    return a.speaker.name == b.speaker.name


def _cue_between(a: Quote, b: Quote) -> Span | None:
    """The cue of ``a`` or ``b`` when it stands between them."""
    for cue in (a.cue, b.cue):
        if cue is not None and a.end <= cue.start and cue.end <= b.start:
            return cue
    return None


def _runs_on(text: str, a: Quote, b: Quote) -> bool:
    """``a`` ends its paragraph without a closing mark and ``b`` opens the next one."""
    gap = text[a.end : b.start]
    return (
        "\n" in gap
        and not gap.strip(" \n\u00a0" + quotemarks.ALL)
        and text[a.end : a.end + 1] not in quotemarks.CLOSING + quotemarks.SINGLE_CLOSING + "\"'"
        and (a.cue is None or b.cue in (None, a.cue))
    )


def _between(doc: Doc, a: Quote, b: Quote) -> list[Token]:
    span = doc.char_span(a.end, b.start, alignment_mode="contract")
    return [t for t in span if not t.is_punct and not t.is_space] if span is not None else []


def joins(doc: Doc, text: str, a: Quote, b: Quote) -> bool:
    """True when quote ``b`` continues the statement of quote ``a`` just before it (``text``
    is the parsed text: ``Doc.text`` rebuilds it on every call)."""
    if a.kind == "indirect" or b.kind == "indirect" or not _same_speaker(a, b):
        return False
    if _runs_on(text, a, b):
        return True
    gap = text[a.end : b.start]
    if "\n" in gap or len(gap) > _MAX_GAP:
        return False
    words = _between(doc, a, b)
    if a.kind == "partial" and b.kind == "partial":
        return _partials_join(a, b, gap, words)
    return _pieces_join(a, b, gap, words)


def _partials_join(a: Quote, b: Quote, gap: str, words: list[Token]) -> bool:
    """Partial quotes strung along one reported clause: “disgusting” and “a con”; a verb
    between starts another clause ("and called for ...")."""
    return (
        a.cue is not None
        and a.cue == b.cue
        and not any(c in gap for c in ".!?;")
        and not any(t.pos_ in ("VERB", "AUX") for t in words)
    )


def _pieces_join(a: Quote, b: Quote, gap: str, words: list[Token]) -> bool:
    """Two quoted pieces in one paragraph with at most their cue clause between."""
    cue = _cue_between(a, b)
    if a.kind != b.kind and cue is None:
        return False
    if cue is not None and a.cue is not None and a.cue != cue:
        # The cue between is the second piece's own ("She says ... “...” She adds, “...”"):
        # the first has its cue elsewhere, so these are two statements.
        return False
    # A second reporting verb between ("he said, adding that “...”") starts another statement.
    if any(_reports(t, b) and (cue is None or t.idx != cue.start) for t in words):
        return False
    if cue is None:
        # "“...” “...”" in one paragraph with nothing but marks between: one speaker going on.
        return not gap.strip(" " + quotemarks.ALL) and b.cue in (None, a.cue)
    # Only the cue clause stands between: "“...,” said Caddell. “...”"; and the second piece
    # has no cue of its own elsewhere.
    return b.cue is None or b.cue == cue or b.cue == a.cue


def _reports(token: Token, b: Quote) -> bool:
    """A reporting verb between two pieces that reports something of its own, not one in a
    relative clause that only describes the speaker or the occasion ("said Peter Morgan, who
    has been challenging the industry.", "said at the dinner, where Clinton also spoke."),
    unless it is the second piece's cue or its clause reaches into it."""
    if not is_cue(token):
        return False
    if token.dep_ != "relcl" or (b.cue is not None and b.cue.start == token.idx):
        return True
    edge = token.right_edge
    return edge.idx + len(edge.text) > b.start


def _merged(group: list[Quote]) -> Quote:
    if len(group) == 1:
        return group[0]
    parts = [p for q in group for p in (q.parts or [Span(text=q.text, start=q.start, end=q.end)])]
    cue = next((q.cue for q in group if q.cue is not None), None)
    speaker = next((q.speaker for q in group if q.speaker is not None and q.cue is not None), None)
    kind = "direct" if any(q.kind == "direct" for q in group) else group[0].kind
    return group[0].model_copy(
        update={
            "kind": kind,
            "text": join_parts(parts),
            "start": parts[0].start,
            "end": parts[-1].end,
            "parts": parts,
            "cue": cue,
            "speaker": speaker or group[0].speaker,
        }
    )


Statement = Callable[[str, Party | None], str]


def join(
    doc: Doc, text: str, quotes: list[Quote], claims: list[Claim], statement: Statement
) -> tuple[list[Quote], list[Claim]]:
    """``quotes`` (in text order) with each statement's pieces joined into one item; the
    reported claims that restated its pieces become one claim in the same parts (``statement``
    paraphrases it), unless a reported clause already covers the whole statement."""
    out_quotes: list[Quote] = []
    out_claims = list(claims)
    for group in _groups(doc, text, quotes):
        merged = _merged(group)
        out_quotes.append(merged)
        if len(group) > 1:
            out_claims = _restated(out_claims, merged, statement)
    out_claims.sort(key=lambda c: c.start)
    return out_quotes, out_claims


def _groups(doc: Doc, text: str, quotes: list[Quote]) -> list[list[Quote]]:
    """The quotes in runs of one statement each; indirect speech stands alone."""
    groups: list[list[Quote]] = []
    pieces: list[Quote] | None = None  # the last group of quoted pieces
    for q in quotes:
        if q.kind == "indirect":
            groups.append([q])
            continue
        # Reported speech between two pieces is another statement, so it ends the group.
        barred = pieces is not None and any(
            o.kind == "indirect" and pieces[-1].end <= o.start < q.start for o in quotes
        )
        if pieces is not None and not barred and joins(doc, text, pieces[-1], q):
            pieces.append(q)
        else:
            pieces = [q]
            groups.append(pieces)
    return groups


def _restated(claims: list[Claim], merged: Quote, statement: Statement) -> list[Claim]:
    """``claims`` with the reported ones inside a joined statement replaced by one claim in
    its parts, unless another reported clause covers the whole statement."""
    reported = [c for c in claims if c.kind == "reported"]
    within = [c for c in reported if merged.start <= c.start and c.end <= merged.end]
    covered = any(
        c.start <= merged.start and merged.end <= c.end and c not in within for c in reported
    )
    out = [c for c in claims if c not in within]
    if not covered:
        out.append(
            Claim(
                text=merged.text,
                start=merged.start,
                end=merged.end,
                parts=merged.parts,
                statement=statement(merged.text, merged.speaker),
                claimant=merged.speaker,
                kind="reported",
            )
        )
    return out
