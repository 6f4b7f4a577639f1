"""The asyncio engine spread over worker processes, for LLM runs bigger than one core.

Every request costs the client CPU (building it, validating and grounding the answer), so at
high concurrency one event loop becomes the bottleneck long before the server does. Here each
of ``workers`` forked processes runs its own event loop with its share of ``concurrency``; the
parent reads the inputs, hands articles out through a bounded queue (so memory stays flat) and
is the only writer of the output. Client-side rate limits (``--rpm``/``--tpm``) are one budget
for all of them: a ``RateLimiter(shared=True)`` made here before forking.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import queue
import signal
from collections.abc import Iterable, Iterator, Sequence
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from typing import Any

from summarizer.bulk.inputs import Item
from summarizer.bulk.ratelimit import RateLimiter
from summarizer.bulk.runner import (
    BackendFactory,
    Interrupted,
    Sink,
    make_worker,
    preload,
    start,
)
from summarizer.bulk.work import Job, Worker
from summarizer.errors import ConfigError, ExtractionError

Message = tuple[
    str, int, Any
]  # ("ok", worker, Outcome) | ("fatal", worker, str) | ("done", worker, None)


def shares(concurrency: int, workers: int) -> list[int]:
    """``concurrency`` split over ``workers`` as evenly as possible (each at least 1)."""
    base, extra = divmod(concurrency, workers)
    return [max(1, base + (i < extra)) for i in range(workers)]


def _serve(
    index: int,
    job: Job,
    factory: BackendFactory,
    base_urls: tuple[str, ...],
    concurrency: int,
    tasks: Queue[Item | None],
    results: Queue[Message],
    limiter: RateLimiter | None = None,
) -> None:
    """A worker process: pull articles until the ``None`` sentinel, ``concurrency`` at a time."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        asyncio.run(
            _serve_async(
                index, make_worker(job, factory, base_urls), concurrency, tasks, results, limiter
            )
        )
    except ConfigError as exc:
        results.put(("fatal", index, str(exc)))
        return
    results.put(("done", index, None))


async def _serve_async(
    index: int,
    worker: Worker,
    concurrency: int,
    tasks: Queue[Item | None],
    results: Queue[Message],
    limiter: RateLimiter | None,
) -> None:
    loop = asyncio.get_running_loop()
    slots = asyncio.Semaphore(concurrency)
    running: set[asyncio.Task[None]] = set()

    async def one(item: Item) -> None:
        try:
            results.put(("ok", index, await worker.aprocess(item, limiter)))
        except ConfigError as exc:
            results.put(("fatal", index, str(exc)))
        finally:
            slots.release()

    parent = os.getppid()
    first = True

    def next_item() -> Item | None:
        """The next article, or None at the end, or when the parent died (SIGKILL): then the
        output has no writer, so stop pulling and let in-flight requests drain."""
        while True:
            try:
                return tasks.get(timeout=0.5)
            except queue.Empty:
                if os.getppid() != parent:
                    return None

    while True:
        await slots.acquire()
        try:  # usually an article is waiting: take it without a hop through a thread
            item = tasks.get_nowait()
        except queue.Empty:
            item = await loop.run_in_executor(None, next_item)
        if item is None:
            break
        if first and limiter is not None:
            # The first request pays this process's lazy client set-up with the loop blocked:
            # alone, and the shared spacing counted again from when it is done.
            first = False
            await one(item)
            limiter.restart()
            continue
        await start(running, one(item))
    if running:
        await asyncio.wait(running)
    await worker.aclose()


def run_async_processes(
    items: Iterable[Item],
    job: Job,
    factory: BackendFactory,
    sink: Sink,
    *,
    workers: int,
    concurrency: int,
    base_urls: tuple[str, ...] = (),
    limiter: RateLimiter | None = None,
) -> None:
    """Run with one event loop per worker process; raises ``Interrupted`` on a signal.
    ``limiter`` must be shared (``RateLimiter(shared=True)``): the workers draw on it."""
    # A configuration error shows here, before forking.
    parent = make_worker(job, factory, base_urls)
    preload(parent.backends)
    ctx = multiprocessing.get_context("fork")
    tasks: Queue[Item | None] = ctx.Queue(maxsize=max(workers, concurrency // 2))
    results: Queue[Message] = ctx.Queue()
    procs = [
        ctx.Process(
            target=_serve,
            args=(i, job, factory, base_urls, share, tasks, results, limiter),
            name=f"bulk-worker-{i}",
            daemon=True,
        )
        for i, share in enumerate(shares(concurrency, workers))
    ]
    for p in procs:
        p.start()
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    finished: set[int] = set()
    try:
        for item in _then_sentinels(items, len(procs)):
            _put(tasks, item, results, sink, procs, finished)
        while len(finished) < len(procs):
            _drain(results, sink, procs, finished, block=True)
    except KeyboardInterrupt:
        _stop(procs, tasks)
        raise Interrupted(signal.SIGINT) from None
    except BaseException:
        _stop(procs, tasks)
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
    for p in procs:
        p.join()


def _then_sentinels(items: Iterable[Item], n: int) -> Iterator[Item | None]:
    """The articles, then one ``None`` per worker to tell it the input has ended."""
    yield from items
    yield from [None] * n


def _put(
    tasks: Queue[Item | None],
    item: Item | None,
    results: Queue[Message],
    sink: Sink,
    procs: Sequence[BaseProcess],
    finished: set[int],
) -> None:
    """Hand one article to the workers, taking in finished ones while the queue is full."""
    while True:
        _drain(results, sink, procs, finished, block=False)
        try:
            tasks.put(item, timeout=0.05)
            return
        except queue.Full:
            continue


def _drain(
    results: Queue[Message],
    sink: Sink,
    procs: Sequence[BaseProcess],
    finished: set[int],
    *,
    block: bool,
) -> None:
    """Write every finished article waiting in ``results``; notice a worker that died."""
    while True:
        try:
            kind, index, value = results.get(timeout=0.5) if block else results.get_nowait()
        except queue.Empty:
            break
        block = False
        if kind == "ok":
            sink.accept(value)
        elif kind == "done":
            finished.add(index)
        else:
            raise ConfigError(value)
    sink.progress.update()
    for i, p in enumerate(procs):
        if i not in finished and p.exitcode is not None:
            raise ExtractionError(
                f"worker process {i} died (exit {p.exitcode}); finished articles are kept, "
                "re-run to resume"
            )


def _raise_interrupt(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def _stop(procs: Sequence[BaseProcess], tasks: Queue[Item | None]) -> None:
    """End the workers now: their in-flight articles are dropped (a re-run does them), and so
    are the articles still queued for them. Those may fill the pipe to the workers, and with no
    worker left to read it the queue's feeder thread would block writing them for ever, and
    the exit with it, which waits for that thread."""
    tasks.cancel_join_thread()
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(timeout=5)
