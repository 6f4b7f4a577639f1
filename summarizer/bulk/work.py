"""One article in, one output line out: the per-article function every engine runs.

Loading, the cache, the pipeline and the error policy live here once, so the asyncio, process
and Ray engines write the same lines. An article that cannot be read or extracted becomes a
``status: "error"`` line with the reason; only a configuration error (no API key, unknown
model) stops the run, since every other article would fail the same way.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summarizer import loading
from summarizer.backends.base import Backend
from summarizer.bulk.cache import Cache, key
from summarizer.bulk.inputs import Item
from summarizer.bulk.ratelimit import RateLimiter, estimate_tokens
from summarizer.errors import ConfigError, InputError, SummarizerError
from summarizer.models import Extraction
from summarizer.pipeline import arun, assemble, prepare, run
from summarizer.settings import Settings


@dataclass(frozen=True)
class Job:
    """What every article of a run shares; plain data, so it travels to worker processes."""

    settings: Settings
    max_bytes: int = loading.DEFAULT_MAX_BYTES
    encoding: str = "utf-8"
    cache_dir: str | None = None
    article_timeout: float | None = None  # seconds one article may take, retries and re-asks in


@dataclass
class Outcome:
    """One finished article: its output line and what it cost."""

    id: str
    ok: bool
    line: str
    cached: bool = False
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    batch_prompt_tokens: int = 0  # of the above, paid at batch prices (``--batch``)
    batch_completion_tokens: int = 0


def load_item(item: Item, job: Job) -> loading.Loaded:
    """The article's text and source, through ``summarizer.loading`` (HTML included)."""
    if item.error:
        raise InputError(item.error)
    if item.path is not None:
        return loading.load(
            item.path, max_bytes=job.max_bytes, encoding=job.encoding, source_id=item.id
        )
    if item.html is not None:
        return loading.from_html(item.html, name=item.origin, source_id=item.id)
    data = (item.text or "").encode("utf-8")
    if len(data) > job.max_bytes:
        raise InputError(f"{item.origin}: larger than the {job.max_bytes:,}-byte limit")
    text = loading.decode(data, name=item.origin)
    return loading.Loaded(text, loading.source_for(text, source_id=item.id))


def ok_line(item_id: str, result: Extraction, cached: bool) -> str:
    """``{"id", "status": "ok", "cached", ...the summarise --format json contract}``."""
    body = result.model_dump_json()
    return f'{{"id":{_json_str(item_id)},"status":"ok","cached":{str(cached).lower()},{body[1:]}'


def error_line(item: Item, reason: str) -> str:
    return (
        f'{{"id":{_json_str(item.id)},"status":"error","error":{_json_str(reason)},'
        f'"origin":{_json_str(item.origin)}}}'
    )


def failed(item: Item, exc: BaseException) -> Outcome:
    """The error line for ``item``, with what its model calls cost before they failed."""
    spent = exc.spent if isinstance(exc, SummarizerError) else (0, 0, 0)
    return Outcome(item.id, False, error_line(item, _reason(exc)), False, *spent)


def _json_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, SummarizerError):
        return str(exc)
    return f"{exc.__class__.__name__}: {exc}"


class Worker:
    """Runs the per-article function with one backend (or several, one per server)."""

    def __init__(self, job: Job, backends: Sequence[Backend]) -> None:
        self.job = job
        self.backends = list(backends)
        # Only backends that name a cache identity are cached (model calls: they cost money and
        # are keyed by a prompt version; the rules backend is free and has no version to key on).
        self.identity = self.backends[0].cache_identity if self.backends else None
        wanted = job.cache_dir is not None and self.identity is not None
        self.cache = Cache(Path(job.cache_dir)) if wanted and job.cache_dir else None
        self._next = 0
        self._busy = [0] * len(self.backends)

    def _pick(self) -> int:
        """The least busy backend (several ``--base-url`` servers share the load)."""
        n = len(self.backends)
        i = min(range(n), key=lambda b: (self._busy[b], (b - self._next) % n))
        self._next = (i + 1) % len(self.backends)
        return i

    def _key(self, text: str) -> str | None:
        if self.cache is None or self.identity is None:
            return None
        return key(text, self.job.settings, self.identity)

    def _from_cache(self, item: Item, loaded: loading.Loaded, k: str | None) -> Outcome | None:
        hit = self.cache.get(k) if self.cache is not None and k else None
        if hit is None:
            return None
        try:
            result = Extraction.model_validate_json(hit)
        except ValueError:
            return None  # an entry from an older contract: extract again
        result.source = loaded.source
        return Outcome(item.id, True, ok_line(item.id, result, cached=True), cached=True)

    def _done(self, item: Item, result: Extraction, k: str | None) -> Outcome:
        if self.cache is not None and k:
            self.cache.put(k, result.model_dump_json())
        u = result.meta.usage
        return Outcome(
            item.id,
            True,
            ok_line(item.id, result, cached=False),
            requests=u.requests,
            prompt_tokens=u.prompt_tokens,
            completion_tokens=u.completion_tokens,
        )

    def process(self, item: Item) -> Outcome:
        """The per-article function, synchronously (process and Ray engines)."""
        try:
            loaded = load_item(item, self.job)
            k = self._key(loaded.text)
            hit = self._from_cache(item, loaded, k)
            if hit is not None:
                return hit
            b = self._pick()
            self._busy[b] += 1
            try:
                result = run(prepare(loaded, self.job.settings), self.backends[b])
            finally:
                self._busy[b] -= 1
            return self._done(item, result, k)
        except ConfigError:
            raise
        except Exception as exc:  # one bad article must not stop a run of thousands
            return failed(item, exc)

    async def aprocess(self, item: Item, limiter: RateLimiter | None = None) -> Outcome:
        """The per-article function for asyncio: the same steps, the model call awaited, within
        ``job.article_timeout``: an article past it is an error line and frees its slot."""
        cap = self.job.article_timeout
        if not cap:
            return await self._aprocess(item, limiter)
        try:
            return await asyncio.wait_for(self._aprocess(item, limiter), cap)
        except TimeoutError:
            reason = (
                f"gave up after the {cap:g} s --article-timeout (requests, retries and re-asks)"
            )
            return Outcome(item.id, False, error_line(item, reason))

    async def _aprocess(self, item: Item, limiter: RateLimiter | None) -> Outcome:
        try:
            # Loading runs on the loop: a thread hop per article costs more in GIL hand-offs
            # (milliseconds each, per article, under load) than reading a file does.
            loaded, k, hit = self._load_and_look_up(item)
            if hit is not None:
                return hit
            doc = prepare(loaded, self.job.settings)
            if limiter is not None:
                estimate = estimate_tokens(loaded.text)
                await limiter.acquire(estimate)
            b = self._pick()
            self._busy[b] += 1
            try:
                result = await arun(doc, self.backends[b])
            finally:
                self._busy[b] -= 1
            if limiter is not None:
                u = result.meta.usage
                limiter.settle(u.requests, u.prompt_tokens + u.completion_tokens - estimate)
            return self._done(item, result, k)
        except ConfigError:
            raise
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            return failed(item, exc)

    async def aclose(self) -> None:
        """Release the backends' hold on the running event loop; call it before the loop ends."""
        for backend in self.backends:
            await backend.aclose()

    def _load_and_look_up(self, item: Item) -> tuple[loading.Loaded, str | None, Outcome | None]:
        loaded = load_item(item, self.job)
        k = self._key(loaded.text)
        return loaded, k, self._from_cache(item, loaded, k)

    def process_batch(self, items: Sequence[Item]) -> list[Outcome]:
        """A batch of articles (process and Ray engines): an I/O-bound backend's run
        concurrently inside; a CPU-bound one gets them together through ``extract_many`` (rules:
        one ``nlp.pipe`` stream), unless they are cached or chunked one by one."""
        backend = self.backends[0]
        if backend.bound == "io" and len(items) > 1:

            async def _all() -> list[Outcome]:
                try:
                    return list(await asyncio.gather(*(self.aprocess(i) for i in items)))
                finally:
                    await self.aclose()

            return asyncio.run(_all())
        if self.cache is not None or backend.input_budget is not None or len(items) < 2:
            return [self.process(i) for i in items]
        outcomes: list[Outcome | None] = [None] * len(items)
        docs, where = [], []
        for n, item in enumerate(items):
            try:
                docs.append(prepare(load_item(item, self.job), self.job.settings))
                where.append(n)
            except ConfigError:
                raise
            except Exception as exc:
                outcomes[n] = failed(item, exc)
        started = time.perf_counter()
        try:
            drafts = backend.extract_many(docs) if docs else []
        except ConfigError:
            raise
        except Exception:  # one article broke the batch: redo them one by one to find it
            for n in where:
                outcomes[n] = self.process(items[n])
            return [o for o in outcomes if o is not None]
        share = (time.perf_counter() - started) / max(1, len(docs))
        for n, doc, draft in zip(where, docs, drafts, strict=True):
            try:
                result = assemble(doc, backend.name, draft, time.perf_counter() - share)
                outcomes[n] = self._done(items[n], result, None)
            except Exception as exc:
                outcomes[n] = failed(items[n], exc)
        return [o for o in outcomes if o is not None]
