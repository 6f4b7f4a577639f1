"""Long articles: split for a model's input budget, extract chunk by chunk, merge the drafts.

A chunk is a ``Document`` that shares the article's ``text`` but carries a run of its sentences
(whole paragraphs when they fit, sentence boundaries otherwise), so every offset a backend
computes is already relative to the whole article. Consecutive chunks overlap by a couple of
sentences so a quote or an event that straddles a boundary is seen whole at least once; the
merge then reports each span once. Only model backends have a budget: the rules backend reads
any length in one pass. The budget is the backend's ``input_budget``; an I/O-bound backend
gets its chunks concurrently, a CPU-bound one one after another.
"""

from __future__ import annotations

import asyncio
import math
from bisect import bisect_right
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TypeVar

from summarizer.backends.base import Backend, Draft
from summarizer.document import Document
from summarizer.models import Casualties, Claim, Event, Party, Quote, Span, Summary, Usage

Item = TypeVar("Item", Quote, Claim)
CHARS_PER_TOKEN = 4
# Per sentence the prompt adds its number and a line break: "[12] ".
TOKENS_PER_SENTENCE = 2
OVERLAP_SENTENCES = 2
MAX_CONCURRENT_CHUNKS = 4


def estimate_tokens(text: str) -> int:
    """A model-independent estimate (~4 characters a token for English news)."""
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def _cost(doc: Document, i: int) -> int:
    start, end = doc.sentences[i]
    return estimate_tokens(doc.text[start:end]) + TOKENS_PER_SENTENCE


def _units(doc: Document) -> list[list[int]]:
    """Sentence indices grouped by the paragraph they start in, in order."""
    starts = [p[0] for p in doc.paragraphs]
    units: dict[int, list[int]] = {}
    for i, (start, _) in enumerate(doc.sentences):
        p = bisect_right(starts, start) - 1
        inside = p >= 0 and start < doc.paragraphs[p][1]
        units.setdefault(p if inside else -1 - i, []).append(i)
    return list(units.values())


def plan(doc: Document, budget: int, overlap: int = OVERLAP_SENTENCES) -> list[list[int]]:
    """Sentence indices of each chunk: whole paragraphs while they fit, else sentences.

    Each chunk after the first repeats the last ``overlap`` sentences of the one before (when
    they fit). One sentence longer than the budget is a chunk of its own: it cannot be split
    without cutting a quote or a claim in two.
    """
    if sum(_cost(doc, i) for i in range(len(doc.sentences))) <= budget:
        return [list(range(len(doc.sentences)))]
    pieces: list[list[int]] = []
    for unit in _units(doc):
        if sum(_cost(doc, i) for i in unit) <= budget:
            pieces.append(unit)
        else:
            pieces.extend([i] for i in unit)
    chunks: list[list[int]] = []
    current: list[int] = []
    used = 0
    fresh = False  # does ``current`` hold anything beyond the overlap it started with?
    for piece in pieces:
        cost = sum(_cost(doc, i) for i in piece)
        if current and fresh and used + cost > budget:
            chunks.append(current)
            carry = _carry(doc, current, budget - cost, overlap)
            current, used, fresh = carry, sum(_cost(doc, i) for i in carry), False
        current = current + piece
        used += cost
        fresh = True
    if fresh:
        chunks.append(current)
    return chunks


def _carry(doc: Document, chunk: list[int], room: int, overlap: int) -> list[int]:
    """The tail of ``chunk`` to repeat at the start of the next one, within ``room`` tokens."""
    carry: list[int] = []
    for i in reversed(chunk[-overlap:] if overlap else []):
        if _cost(doc, i) > room:
            break
        carry.insert(0, i)
        room -= _cost(doc, i)
    return carry


def sub_document(doc: Document, indices: Sequence[int]) -> Document:
    """A chunk: the same text and offsets, only the chosen sentences and their paragraphs."""
    sentences = [doc.sentences[i] for i in indices]
    paragraphs = [p for p in doc.paragraphs if any(p[0] <= s < p[1] for s, _ in sentences)]
    return replace(doc, sentences=sentences, paragraphs=paragraphs)


def chunks_for(doc: Document, backend: Backend) -> list[Document]:
    """The documents to send: the article itself when it fits the backend's budget."""
    budget = backend.input_budget
    if budget is None or not doc.sentences:
        return [doc]
    planned = plan(doc, budget)
    if len(planned) == 1:
        return [doc]
    return [sub_document(doc, idx) for idx in planned]


def extract(doc: Document, backend: Backend) -> Draft:
    """``backend.extract(doc)``, in chunks when the article is over the backend's budget."""
    chunks = chunks_for(doc, backend)
    if len(chunks) == 1:
        return backend.extract(doc)
    if backend.bound == "cpu":
        drafts = [backend.extract(c) for c in chunks]
    elif not _loop_running():
        drafts = asyncio.run(_gather(chunks, backend, close=True))
    else:
        with ThreadPoolExecutor(max_workers=MAX_CONCURRENT_CHUNKS) as pool:
            drafts = list(pool.map(backend.extract, chunks))
    return merge(drafts, budget=backend.input_budget)


async def aextract(doc: Document, backend: Backend) -> Draft:
    """``extract`` for asyncio callers, through the backend's ``aextract``."""
    chunks = chunks_for(doc, backend)
    drafts = await _gather(chunks, backend)
    return drafts[0] if len(chunks) == 1 else merge(drafts, budget=backend.input_budget)


async def _gather(chunks: list[Document], backend: Backend, *, close: bool = False) -> list[Draft]:
    """The chunks' drafts, at most ``MAX_CONCURRENT_CHUNKS`` at once (one at a time for a
    CPU-bound backend); ``close``: the loop is ours and ends here, so the backend's hold on it
    is released too."""
    bound = asyncio.Semaphore(MAX_CONCURRENT_CHUNKS if backend.bound == "io" else 1)

    async def one(chunk: Document) -> Draft:
        async with bound:
            return await backend.aextract(chunk)

    try:
        return list(await asyncio.gather(*(one(c) for c in chunks)))
    finally:
        if close:
            await backend.aclose()


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


# --- merging -------------------------------------------------------------------------------


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _same_stretch(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two spans are the same item when they share at least half of the shorter one."""
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and _overlap(a, b) * 2 >= shorter


def _fill(first: Item, other: Item, fields: Sequence[str]) -> Item:
    """``first`` with its empty ``fields`` taken from ``other``."""
    update = {f: getattr(other, f) for f in fields if getattr(first, f) is None}
    update = {f: v for f, v in update.items() if v is not None}
    return first.model_copy(update=update) if update else first


def _merge_spans(items: list[tuple[int, Item]], fields: Sequence[str]) -> list[Item]:
    """Items (chunk number, item) from all chunks, each stretch of text once.

    Items of the same chunk are the backend's own choice and all kept; an item from another
    chunk that covers the same stretch is the same item seen twice: the longer span wins (it was
    seen with more context) and lends its missing fields.
    """
    kept: list[tuple[int, Item]] = []
    for chunk, item in items:
        span = (item.start, item.end)
        for k, (other_chunk, other) in enumerate(kept):
            if other_chunk == chunk or not _same_stretch(span, (other.start, other.end)):
                continue
            if item.end - item.start > other.end - other.start:
                kept[k] = (other_chunk, _fill(item, other, fields))
            else:
                kept[k] = (other_chunk, _fill(other, item, fields))
            break
        else:
            kept.append((chunk, item))
    return sorted((item for _, item in kept), key=lambda x: (x.start, x.end))


def _event_spans(ev: Event) -> list[tuple[int, int]]:
    spans = [(s.start, s.end) for s in ev.evidence]
    return spans + ([(ev.trigger.start, ev.trigger.end)] if ev.trigger else [])


def _same_event(a: Event, b: Event) -> bool:
    if a.trigger and b.trigger:
        return _same_stretch((a.trigger.start, a.trigger.end), (b.trigger.start, b.trigger.end))
    return a.type == b.type and any(
        _overlap(x, y) for x in _event_spans(a) for y in _event_spans(b)
    )


def _parties(a: list[Party], b: list[Party]) -> list[Party]:
    names = {p.name.lower() for p in a}
    return a + [p for p in b if p.name.lower() not in names]


def _spans(a: list[Span], b: list[Span]) -> list[Span]:
    seen = {(s.start, s.end) for s in a}
    return sorted(a + [s for s in b if (s.start, s.end) not in seen], key=lambda s: s.start)


def _most(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _join_events(a: Event, b: Event) -> Event:
    return a.model_copy(
        update={
            "trigger": a.trigger or b.trigger,
            "actors": _parties(a.actors, b.actors),
            "targets": _parties(a.targets, b.targets),
            "location": a.location or b.location,
            "time": a.time if a.time.date or not b.time.date else b.time,
            "casualties": Casualties(
                killed=_most(a.casualties.killed, b.casualties.killed),
                injured=_most(a.casualties.injured, b.casualties.injured),
            ),
            "evidence": _spans(a.evidence, b.evidence),
        }
    )


def _merge_events(items: list[tuple[int, Event]]) -> list[Event]:
    kept: list[tuple[int, Event]] = []
    for chunk, ev in items:
        for k, (other_chunk, other) in enumerate(kept):
            if other_chunk != chunk and _same_event(other, ev):
                kept[k] = (other_chunk, _join_events(other, ev))
                break
        else:
            kept.append((chunk, ev))
    return [ev for _, ev in kept]


def merge(drafts: Sequence[Draft], *, budget: int | None = None) -> Draft:
    """One draft from the chunks' drafts: every stretch of text reported once, usage summed."""
    quotes = _merge_spans(
        [(n, q) for n, d in enumerate(drafts) for q in d.quotes], ("speaker", "cue")
    )
    claims = _merge_spans([(n, c) for n, d in enumerate(drafts) for c in d.claims], ("claimant",))
    events = _merge_events([(n, e) for n, d in enumerate(drafts) for e in d.events])
    points = _spans([], [p for d in drafts for p in d.summary.key_points])
    texts = list(dict.fromkeys(d.summary.text.strip() for d in drafts if d.summary.text.strip()))
    headline = next((d.summary.headline for d in drafts if d.summary.headline), "")
    warnings = [w for d in drafts for w in d.warnings]
    note = f"long article: extracted in {len(drafts)} overlapping chunks"
    warnings.append(note + (f" of at most {budget} tokens" if budget else ""))
    first = drafts[0]
    return Draft(
        quotes=quotes,
        claims=claims,
        events=events,
        summary=Summary(headline=headline, text=" ".join(texts), key_points=points),
        usage=Usage(
            prompt_tokens=sum(d.usage.prompt_tokens for d in drafts),
            completion_tokens=sum(d.usage.completion_tokens for d in drafts),
            requests=sum(d.usage.requests for d in drafts),
        ),
        warnings=warnings,
        model=first.model,
        prompt_version=first.prompt_version,
    )
