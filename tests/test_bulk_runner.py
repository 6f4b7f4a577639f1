"""The engines' own pieces: how a new article's task is started on the event loop."""

from __future__ import annotations

import asyncio

from summarizer.bulk.runner import start


def test_a_started_article_runs_up_to_its_first_wait_before_the_next_is_let_in() -> None:
    """At start-up every slot is free: each article must get as far as its request (its first
    wait) before the next one is made, so the first request is not held behind the others."""
    steps: list[str] = []

    async def article(n: int) -> None:
        steps.append(f"{n} sent")
        await asyncio.sleep(0.01)
        steps.append(f"{n} answered")

    async def main() -> list[str]:
        running: set[asyncio.Task[None]] = set()
        for n in range(3):
            await start(running, article(n))
            assert len(running) == n + 1
        seen = list(steps)
        await asyncio.wait(running)
        assert not running  # finished tasks leave the set
        return seen

    assert asyncio.run(main()) == ["0 sent", "1 sent", "2 sent"]
    assert sorted(steps[3:]) == ["0 answered", "1 answered", "2 answered"]
