"""Long articles are split for the model's budget and merged back without repeats.

The backends here are hand-written test doubles, not models: for every sentence they are shown
that contains a quoted phrase they report that quote, a claim over the sentence and an event
with the sentence as evidence, and they record which sentences each call received.
"""

from __future__ import annotations

import asyncio
import itertools
import re
from dataclasses import dataclass, field

import pytest
from fake_openai import FakeOpenAI, Received, Reply, tool_reply

from summarizer import chunking
from summarizer.backends.base import BackendBase, Bound, Draft
from summarizer.backends.llm.budget import budget_for
from summarizer.document import Document
from summarizer.loading import Loaded, source_for
from summarizer.models import Casualties, Claim, Event, Party, Quote, Span, Usage
from summarizer.pipeline import arun, prepare, run
from summarizer.settings import Settings


def article(paragraphs: int = 12, sentences: int = 3) -> str:
    lines = ["Council approves the harbour plan"]
    for p in range(paragraphs):
        lines.append(
            " ".join(
                f'Speaker {p}-{s} told the meeting that the plan was "number {p} {s} in the list" '
                f"and that the work would start before the summer holidays."
                for s in range(sentences)
            )
        )
    return "\n\n".join(lines) + "\n"


def document(text: str, model: str = "openai/gpt-4o-mini") -> Document:
    return prepare(Loaded(text, source_for(text)), Settings(model=model))


def draft_for(doc: Document) -> Draft:
    quotes, claims, events = [], [], []
    for start, end in doc.sentences:
        m = re.search(r'"([^"]+)"', doc.text[start:end])
        if not m:
            continue
        qs, qe = start + m.start(1), start + m.end(1)
        quotes.append(Quote(text=doc.text[qs:qe], start=qs, end=qe, kind="direct"))
        sentence = doc.text[start:end]
        told = start + sentence.index("told")
        claims.append(
            Claim(text=sentence, start=start, end=end, statement=sentence, kind="reported")
        )
        events.append(
            Event(
                description=sentence[:30],
                type="statement",
                trigger=Span(text="told", start=told, end=told + 4),
                evidence=[Span(text=sentence, start=start, end=end)],
            )
        )
    return Draft(
        quotes=quotes,
        claims=claims,
        events=events,
        usage=Usage(prompt_tokens=100, completion_tokens=10, requests=1),
        warnings=[f"chunk of {len(doc.sentences)}"],
        model="fake",
    )


@dataclass
class RecordingBackend(BackendBase):
    """CPU-bound double with a model's settings, so it has a model's budget (none for rules)."""

    settings: Settings
    name: str = "llm"
    calls: list[list[tuple[int, int]]] = field(default_factory=list)

    @property
    def input_budget(self) -> int | None:  # type: ignore[override]
        if self.settings.model in (None, "rules"):
            return None
        return budget_for(self.settings.model or "", self.settings.max_input_tokens)

    def extract(self, doc: Document) -> Draft:
        self.calls.append(list(doc.sentences))
        return draft_for(doc)


@dataclass
class AsyncRecordingBackend(RecordingBackend):
    """I/O-bound: its chunks go concurrently, through ``aextract``."""

    bound: Bound = "io"
    in_flight: int = 0
    most_in_flight: int = 0

    async def aextract(self, doc: Document) -> Draft:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        await asyncio.sleep(0)  # let the other chunks start: they must overlap in flight
        await asyncio.sleep(0)
        self.calls.append(list(doc.sentences))
        self.in_flight -= 1
        return draft_for(doc)


def test_short_article_is_one_call_with_every_sentence() -> None:
    doc = document(article(paragraphs=2))
    backend = RecordingBackend(Settings(model="openai/gpt-4o-mini"))
    result = run(doc, backend)
    assert backend.calls == [doc.sentences]
    assert len(result.quotes) == 6
    assert not any("chunks" in w for w in result.meta.warnings)


def test_rules_backend_has_no_budget() -> None:
    doc = document(article(paragraphs=40), model="rules")
    backend = RecordingBackend(Settings(model="rules", max_input_tokens=50))
    run(doc, backend)
    assert len(backend.calls) == 1


def test_long_article_is_split_at_paragraphs_with_overlap_and_merged_once() -> None:
    doc = document(article())
    budget = 300
    backend = RecordingBackend(Settings(model="openai/gpt-4o-mini", max_input_tokens=budget))
    result = run(doc, backend)
    calls = backend.calls
    assert len(calls) > 2
    # within budget, and every sentence sent at least once, in order
    for call in calls:
        cost = sum(chunking.estimate_tokens(doc.text[s:e]) + 2 for s, e in call)
        assert cost <= budget
        assert call == sorted(call)
    sent = {s for call in calls for s in call}
    assert sent == set(doc.sentences)
    # consecutive chunks overlap; the new part of each starts a paragraph
    starts = {p[0] for p in doc.paragraphs}
    for before, after in itertools.pairwise(calls):
        shared = [s for s in after if s in before]
        assert shared, "consecutive chunks must overlap"
        fresh = [s for s in after if s not in before]
        assert fresh[0][0] in starts
    # merged: each quote, claim and event once, offsets into the whole article
    assert len(result.quotes) == 36
    assert len({(q.start, q.end) for q in result.quotes}) == 36
    assert len(result.claims) == 36
    assert len(result.events) == 36
    for q in result.quotes:
        assert doc.text[q.start : q.end] == q.text
    assert result.meta.usage.requests == len(calls)
    assert result.meta.usage.prompt_tokens == 100 * len(calls)
    assert (
        f"long article: extracted in {len(calls)} overlapping chunks of at most {budget} tokens"
        in result.meta.warnings
    )
    assert sum(w.startswith("chunk of") for w in result.meta.warnings) == len(calls)


def test_a_paragraph_over_budget_is_split_at_sentences() -> None:
    doc = document(article(paragraphs=1, sentences=12))
    backend = RecordingBackend(Settings(model="openai/gpt-4o-mini", max_input_tokens=200))
    result = run(doc, backend)
    assert len(backend.calls) > 2
    assert len(result.quotes) == 12


def test_async_chunks_run_concurrently_within_the_bound() -> None:
    doc = document(article(paragraphs=30))
    backend = AsyncRecordingBackend(Settings(model="openai/gpt-4o-mini", max_input_tokens=200))
    result = asyncio.run(arun(doc, backend))
    assert len(backend.calls) > chunking.MAX_CONCURRENT_CHUNKS
    assert 1 < backend.most_in_flight <= chunking.MAX_CONCURRENT_CHUNKS
    assert len(result.quotes) == 90


def test_sync_run_uses_aextract_when_there_is_one() -> None:
    doc = document(article())
    backend = AsyncRecordingBackend(Settings(model="openai/gpt-4o-mini", max_input_tokens=300))
    result = run(doc, backend)
    assert backend.most_in_flight > 1
    assert len(result.quotes) == 36


def test_merge_keeps_the_longer_span_and_fills_its_missing_fields() -> None:
    text = 'He said "we will rebuild the harbour and the road" on Monday.'
    full = (text.index("we"), text.index('road"') + 4)
    part = (full[0], text.index(" and"))
    speaker = Party(name="Tom Reyes")
    first = Draft(
        quotes=[
            Quote(
                text=text[part[0] : part[1]],
                start=part[0],
                end=part[1],
                kind="partial",
                speaker=speaker,
            )
        ]
    )
    second = Draft(
        quotes=[Quote(text=text[full[0] : full[1]], start=full[0], end=full[1], kind="direct")]
    )
    merged = chunking.merge([first, second])
    assert len(merged.quotes) == 1
    q = merged.quotes[0]
    assert (q.start, q.end, q.kind) == (*full, "direct")
    assert q.speaker == speaker


def test_merge_joins_the_same_event_seen_by_two_chunks() -> None:
    text = "A blast killed two people. Police said five were hurt in the blast."
    trig = Span(text="blast", start=2, end=7)
    one = Span(text="A blast killed two people.", start=0, end=26)
    two = Span(text=text[27:], start=27, end=len(text))
    a = Event(
        description="blast",
        type="attack",
        trigger=trig,
        evidence=[one],
        casualties=Casualties(killed=2),
    )
    b = Event(
        description="blast",
        type="attack",
        trigger=trig,
        evidence=[one, two],
        casualties=Casualties(injured=5),
        location=Party(name="Elling"),
    )
    merged = chunking.merge([Draft(events=[a]), Draft(events=[b])])
    assert len(merged.events) == 1
    ev = merged.events[0]
    assert ev.evidence == [one, two]
    assert ev.casualties == Casualties(killed=2, injured=5)
    assert ev.location == Party(name="Elling")


def test_items_of_one_chunk_are_never_merged_with_each_other() -> None:
    text = "Officials said the bridge was unsafe and would close."
    outer = Claim(text=text, start=0, end=len(text), statement=text, kind="reported")
    inner_text = "the bridge was unsafe"
    s = text.index(inner_text)
    inner = Claim(
        text=inner_text, start=s, end=s + len(inner_text), statement=inner_text, kind="reported"
    )
    merged = chunking.merge([Draft(claims=[outer, inner]), Draft()])
    assert len(merged.claims) == 2


@pytest.mark.slow
def test_llm_backend_chunks_against_a_fake_server(fake_openai: FakeOpenAI) -> None:
    """The real LLM backend, one HTTP request per chunk; the server's answers are hand-written
    from the numbered sentences each request carries (a test double, not a model)."""
    from summarizer.backends.openai import LLMBackend

    def answer(received: Received) -> Reply:
        prompt = received.json()["messages"][-1]["content"]
        quotes = [
            {"sentence": int(n), "text": words, "kind": "direct", "speaker": "a speaker"}
            for n, words in re.findall(r'^\[(\d+)\] .*?"([^"]+)"', prompt, re.M)
        ]
        body = {
            "summary": {"headline": "Harbour plan", "text": "The plan passed.", "key_points": [1]},
            "events": [],
            "claims": [],
            "quotes": quotes,
        }
        return tool_reply(body, prompt_tokens=50, completion_tokens=5)

    fake_openai.default = answer
    doc = document(article())
    settings = Settings(model="m", options={"base_url": fake_openai.url}, max_input_tokens=300)
    result = run(doc, LLMBackend(settings))
    chunks = chunking.plan(doc, 300)
    assert len(fake_openai.requests) == len(chunks) > 2
    assert len(result.quotes) == 36
    assert all(doc.text[q.start : q.end] == q.text for q in result.quotes)
    assert result.meta.usage.prompt_tokens == 50 * len(chunks)
    assert result.summary.headline == "Harbour plan"
