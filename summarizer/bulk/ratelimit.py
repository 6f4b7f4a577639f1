"""Client-side rate limits (requests and tokens per minute) as token buckets.

A run that knows its provider's limits waits here instead of bouncing off 429s and burning
retries. Requests are spaced evenly (a bucket of one), and tokens may burst by at most one
second's worth, so a run never fires a minute's budget at once: providers enforce their limits
over short windows too.

A run over several worker processes shares one budget: ``RateLimiter(shared=True)``, made
before forking, keeps the buckets in shared memory behind one lock (``multiprocessing.Array``),
and ``time.monotonic`` is the same clock in every process.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import time
from collections.abc import MutableSequence
from typing import Any, cast


class Bucket:
    """``rate_per_minute`` units refilled continuously, up to ``capacity``; a debt (negative
    level, after a request used more than estimated) delays later callers. Its level and time
    stamp live in ``store[at]`` and ``store[at + 1]`` (shared memory for a shared limiter)."""

    def __init__(
        self,
        rate_per_minute: float,
        capacity: float,
        store: MutableSequence[float] | None = None,
        at: int = 0,
    ) -> None:
        self.rate = rate_per_minute / 60.0
        self.capacity = max(1.0, capacity)
        self._store: MutableSequence[float] = store if store is not None else [0.0, 0.0]
        self._at = at
        self.level = self.capacity
        self.stamp = time.monotonic()

    @property
    def level(self) -> float:
        return self._store[self._at]

    @level.setter
    def level(self, value: float) -> None:
        self._store[self._at] = value

    @property
    def stamp(self) -> float:
        return self._store[self._at + 1]

    @stamp.setter
    def stamp(self, value: float) -> None:
        self._store[self._at + 1] = value

    def _refill(self) -> None:
        now = time.monotonic()
        self.level = min(self.capacity, self.level + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait_time(self, amount: float) -> float:
        """Seconds until ``amount`` can be taken (amounts above capacity wait for a full bucket)."""
        self._refill()
        need = min(amount, self.capacity)
        return 0.0 if self.level >= need else (need - self.level) / self.rate

    def take(self, amount: float) -> None:
        self._refill()
        self.level -= amount

    def empty(self) -> None:
        """Start refilling from nothing, now (the last request may have left only just now)."""
        self._refill()
        self.level = min(self.level, 0.0)


class RateLimiter:
    """Requests-per-minute and tokens-per-minute limits shared by all tasks of a run, and by
    all its worker processes when ``shared`` (make it before forking them)."""

    def __init__(
        self, rpm: float | None = None, tpm: float | None = None, *, shared: bool = False
    ) -> None:
        store: MutableSequence[float]
        self._guard: Any
        if shared:
            array = multiprocessing.get_context("fork").Array("d", 4)
            store, self._guard = cast(MutableSequence[float], array), array.get_lock()
        else:
            store, self._guard = [0.0] * 4, contextlib.nullcontext()
        self.requests = Bucket(rpm, 1, store, 0) if rpm else None
        self.tokens = Bucket(tpm, tpm / 60, store, 2) if tpm else None
        self._lock: asyncio.Lock | None = None

    async def acquire(self, tokens: float) -> None:
        """Wait until one request of about ``tokens`` tokens fits both limits, then take it."""
        if self._lock is None:  # made here: each process's event loop gets its own
            self._lock = asyncio.Lock()
        async with self._lock:  # first come, first served within a process
            while True:
                with self._guard:  # look and take at once across processes
                    wait = max(
                        self.requests.wait_time(1) if self.requests else 0.0,
                        self.tokens.wait_time(tokens) if self.tokens else 0.0,
                    )
                    if wait <= 0:
                        if self.requests:
                            self.requests.take(1)
                        if self.tokens:
                            self.tokens.take(tokens)
                        return
                await asyncio.sleep(wait)

    def settle(self, requests: int, tokens: float) -> None:
        """Charge what an article really used beyond its estimate (re-asks, retries, long output)."""
        with self._guard:
            if self.requests and requests > 1:
                self.requests.take(requests - 1)
            if self.tokens:
                self.tokens.take(tokens)

    def restart(self) -> None:
        """After a request whose sending was delayed (the first one, paying set-up costs): count
        the spacing from now, not from when it was let through."""
        with self._guard:
            for bucket in (self.requests, self.tokens):
                if bucket is not None:
                    bucket.empty()


def estimate_tokens(text: str) -> int:
    """Tokens an article's request will count against a limit: its text, the fixed prompt and
    room for the answer (providers count the requested completion budget up front)."""
    return len(text) // 4 + 2_500
