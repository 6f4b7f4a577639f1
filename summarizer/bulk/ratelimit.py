"""Client-side rate limits (requests and tokens per minute) as token buckets.

A run that knows its provider's limits waits here instead of bouncing off 429s and burning
retries. Requests are spaced evenly (a bucket of one), and tokens may burst by at most one
second's worth, so a run never fires a minute's budget at once: providers enforce their limits
over short windows too.
"""

from __future__ import annotations

import asyncio
import time


class Bucket:
    """``rate_per_minute`` units refilled continuously, up to ``capacity``; a debt (negative
    level, after a request used more than estimated) delays later callers."""

    def __init__(self, rate_per_minute: float, capacity: float) -> None:
        self.rate = rate_per_minute / 60.0
        self.capacity = max(1.0, capacity)
        self.level = self.capacity
        self.stamp = time.monotonic()

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
    """Requests-per-minute and tokens-per-minute limits shared by all tasks of a run."""

    def __init__(self, rpm: float | None = None, tpm: float | None = None) -> None:
        self.requests = Bucket(rpm, 1) if rpm else None
        self.tokens = Bucket(tpm, tpm / 60) if tpm else None
        self._lock = asyncio.Lock()

    async def acquire(self, tokens: float) -> None:
        """Wait until one request of about ``tokens`` tokens fits both limits, then take it."""
        async with self._lock:  # first come, first served
            while True:
                wait = max(
                    self.requests.wait_time(1) if self.requests else 0.0,
                    self.tokens.wait_time(tokens) if self.tokens else 0.0,
                )
                if wait <= 0:
                    break
                await asyncio.sleep(wait)
            if self.requests:
                self.requests.take(1)
            if self.tokens:
                self.tokens.take(tokens)

    def settle(self, requests: int, tokens: float) -> None:
        """Charge what an article really used beyond its estimate (re-asks, retries, long output)."""
        if self.requests and requests > 1:
            self.requests.take(requests - 1)
        if self.tokens:
            self.tokens.take(tokens)

    def restart(self) -> None:
        """After a request whose sending was delayed (the first one, paying set-up costs): count
        the spacing from now, not from when it was let through."""
        for bucket in (self.requests, self.tokens):
            if bucket is not None:
                bucket.empty()


def estimate_tokens(text: str) -> int:
    """Tokens an article's request will count against a limit: its text, the fixed prompt and
    room for the answer (providers count the requested completion budget up front)."""
    return len(text) // 4 + 2_500
