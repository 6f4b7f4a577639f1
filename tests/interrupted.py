"""A hand-written result (not a backend's) with one quote interrupted by its cue: one item in
two parts, for the tests of every view and store of discontinuous items."""

from __future__ import annotations

from summarizer.loading import source_for
from summarizer.models import Claim, Extraction, Meta, Party, Quote, Span
from summarizer.spans import join_parts, make_span

TEXT = 'Title\n\n"We will respond," the minister said, "at the right time."\n'
FIRST = "We will respond,"
SECOND = "at the right time."
WORDS = f"{FIRST} {SECOND}"


def interrupted(aid: str = "interrupted") -> Extraction:
    """The result, its text carried in ``source.text`` so the HTML view can highlight it."""
    first = make_span(TEXT, TEXT.index(FIRST), TEXT.index(FIRST) + len(FIRST))
    second = make_span(TEXT, TEXT.index(SECOND), TEXT.index(SECOND) + len(SECOND))
    parts = [first, second]
    cue = make_span(TEXT, TEXT.index("said"), TEXT.index("said") + 4)
    mention = make_span(TEXT, TEXT.index("the minister"), TEXT.index(" said"))
    speaker = Party(name="the minister", mention=mention)
    quote = Quote(
        text=join_parts(parts), start=first.start, end=second.end, parts=parts, kind="direct",
        speaker=speaker, cue=cue,
    )  # fmt: skip
    claim = Claim(
        text=join_parts(parts), start=first.start, end=second.end, parts=parts,
        statement="We will respond at the right time", claimant=speaker, kind="reported",
    )  # fmt: skip
    source = source_for(TEXT, source_id=aid).model_copy(update={"text": TEXT})
    return Extraction(source=source, quotes=[quote], claims=[claim], meta=Meta(backend="rules"))


def part_texts(parts: list[Span] | None) -> list[str]:
    return [TEXT[p.start : p.end] for p in parts or []]
