"""Client-side rate limits, on a fake clock: requests are spaced, token debts delay callers."""

from __future__ import annotations

import asyncio

import pytest

from summarizer.bulk import ratelimit
from summarizer.bulk.ratelimit import RateLimiter, estimate_tokens


class FakeClock:
    """``time.monotonic`` and ``asyncio.sleep`` on a clock that only moves when slept on."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.starts: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    c = FakeClock()
    monkeypatch.setattr(ratelimit.time, "monotonic", c.monotonic)
    monkeypatch.setattr(ratelimit.asyncio, "sleep", c.sleep)
    return c


async def _starts(limiter: RateLimiter, clock: FakeClock, n: int, tokens: float = 1) -> list[float]:
    starts = []
    for _ in range(n):
        await limiter.acquire(tokens)
        starts.append(round(clock.now - 1000.0, 6))
    return starts


def test_rpm_spaces_requests_evenly_with_no_burst(clock: FakeClock) -> None:
    limiter = RateLimiter(rpm=120)
    assert asyncio.run(_starts(limiter, clock, 4)) == [0.0, 0.5, 1.0, 1.5]


def test_tpm_allows_one_seconds_worth_then_waits(clock: FakeClock) -> None:
    limiter = RateLimiter(tpm=6_000)  # 100 tokens a second
    assert asyncio.run(_starts(limiter, clock, 3, tokens=100)) == [0.0, 1.0, 2.0]


def test_usage_beyond_the_estimate_is_a_debt_that_delays_the_next_request(
    clock: FakeClock,
) -> None:
    limiter = RateLimiter(rpm=60, tpm=6_000)

    async def scenario() -> list[float]:
        await limiter.acquire(100)
        limiter.settle(requests=3, tokens=300)  # two re-asks and 300 more tokens than estimated
        return await _starts(limiter, clock, 1, tokens=100)

    # requests: 2 extra requests owed at 1/s -> level -2, the next one at +3 s;
    # tokens: level -300 at 100/s -> the next 100 at +4 s; the later of the two wins
    assert asyncio.run(scenario()) == [4.0]


def test_concurrent_callers_are_served_in_turn(clock: FakeClock) -> None:
    limiter = RateLimiter(rpm=60)

    async def scenario() -> list[float]:
        order: list[float] = []

        async def one() -> None:
            await limiter.acquire(1)
            order.append(clock.now - 1000.0)

        await asyncio.gather(*(one() for _ in range(3)))
        return order

    assert asyncio.run(scenario()) == [0.0, 1.0, 2.0]


def test_estimate_counts_text_prompt_and_answer_room() -> None:
    assert estimate_tokens("x" * 4000) == 1000 + 2500


def test_restart_counts_the_spacing_from_now(clock: FakeClock) -> None:
    limiter = RateLimiter(rpm=60)

    async def scenario() -> list[float]:
        await limiter.acquire(1)
        clock.now += 5.0  # the first request took 5 s to go out (client set-up)
        limiter.restart()
        return await _starts(limiter, clock, 2)

    assert asyncio.run(scenario()) == [6.0, 7.0]
