"""The engines that run the per-article function over a stream: asyncio and worker processes.

Both keep a bounded number of articles in flight and pull the next one only when a slot frees,
so memory does not grow with the size of the input. Finished articles go to a ``Sink`` in the
main process, which is the only writer of the output.

- ``run_async``: one event loop, ``concurrency`` articles awaiting the model at once; for the
  LLM path, where the time is spent waiting on the server.
- ``run_processes``: ``workers`` processes, each with its own backend (spaCy loaded once, in the
  parent before forking, so workers share it), fed batches of articles; for the rules backend,
  where the time is CPU.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import logging
import multiprocessing
import signal
from collections.abc import Callable, Coroutine, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from summarizer.backends.base import Backend, failures_named
from summarizer.bulk.accounting import Tally
from summarizer.bulk.inputs import Item
from summarizer.bulk.progress import Progress
from summarizer.bulk.ratelimit import RateLimiter
from summarizer.bulk.store import Store
from summarizer.bulk.work import Job, Outcome, Worker
from summarizer.errors import ConfigError, ExtractionError
from summarizer.loading import Loaded, source_for
from summarizer.pipeline import prepare, run
from summarizer.settings import Settings

if TYPE_CHECKING:
    from summarizer.bulk.sqlite import ResultsDB

log = logging.getLogger(__name__)
BackendFactory = Callable[[Settings], Backend]
WARM_UP_TEXT = 'Officials met on Monday. "We are ready," the minister said in a statement.'


class Interrupted(Exception):
    """The run was stopped by a signal; ``signum`` says which (SIGINT, SIGTERM)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@dataclass
class Sink:
    """Where finished articles go: the output file, the database, the tally and the progress."""

    store: Store
    tally: Tally
    progress: Progress
    db: ResultsDB | None = None

    def accept(self, o: Outcome) -> None:
        self.store.write(o.line)
        if self.db is not None:
            self.db.add_line(o.line)
        self.tally.add(o.ok, o.cached, o.requests, o.prompt_tokens, o.completion_tokens)
        self.tally.batch_prompt_tokens += o.batch_prompt_tokens
        self.tally.batch_completion_tokens += o.batch_completion_tokens
        self.progress.update()


def make_worker(job: Job, factory: BackendFactory, base_urls: tuple[str, ...] = ()) -> Worker:
    """A ``Worker`` with one backend per ``--base-url`` server (or one for the settings)."""
    settings = [job.settings.with_options(base_url=u) for u in base_urls] or [job.settings]
    return Worker(job, [factory(s) for s in settings])


def fresh(items: Iterable[Item], done: set[str], tally: Tally) -> Iterator[Item]:
    """The items still to do: not already ok in the output, not a repeat of an id in this run."""
    seen: set[str] = set()
    for item in items:
        if item.id in done:
            tally.skipped += 1
        elif item.id in seen:
            tally.duplicate += 1
            if tally.duplicate <= 3:
                log.warning("%s: duplicate id %r skipped", item.origin, item.id)
        else:
            seen.add(item.id)
            yield item


def preload(backends: Sequence[Backend]) -> None:
    """The backend's one-off set-up before the first article (the LLM backend: importing its
    client libraries, the SDK's resource modules, instructor's schema): an import inside the
    event loop stalls every task for seconds (and bunches up rate-limited requests); forked
    workers then share what was loaded."""
    for backend in backends[:1]:
        with failures_named(backend.name):
            backend.warm_up()
    settle()


def settle() -> None:
    """Freeze what start-up built (modules, the SDK's classes, spaCy's model): it lives as long
    as the process, so the collector need not walk it again. Full collections paused a run for
    120-210 ms each, ~15 ms frozen; forked workers also keep sharing those pages (the ``gc``
    docs advise freezing right before ``fork``)."""
    gc.freeze()


def run_async(
    items: Iterable[Item],
    worker: Worker,
    sink: Sink,
    *,
    concurrency: int,
    limiter: RateLimiter | None = None,
) -> None:
    """Run with asyncio; raises ``Interrupted`` after cancelling in-flight work on a signal."""
    preload(worker.backends)
    asyncio.run(_run_async(items, worker, sink, concurrency, limiter))


async def _run_async(
    items: Iterable[Item],
    worker: Worker,
    sink: Sink,
    concurrency: int,
    limiter: RateLimiter | None,
) -> None:
    loop = asyncio.get_running_loop()
    main = asyncio.current_task()
    assert main is not None
    stop: list[BaseException] = []
    slots = asyncio.Semaphore(concurrency)
    tasks: set[asyncio.Task[None]] = set()

    def halt(exc: BaseException) -> None:
        if not stop:
            stop.append(exc)
            main.cancel()

    async def one(item: Item) -> None:
        try:
            sink.accept(await worker.aprocess(item, limiter))
        except ConfigError as exc:
            halt(exc)
        finally:
            slots.release()

    signals = (signal.SIGINT, signal.SIGTERM)
    for sig in signals:
        loop.add_signal_handler(sig, halt, Interrupted(sig))
    try:
        for n, item in enumerate(items):
            await slots.acquire()
            if n == 0 and limiter is not None:
                # The first request pays the client libraries' lazy set-up (a second or more
                # with the loop blocked); run it alone so the requests after it keep the spacing.
                await one(item)
                limiter.restart()
                continue
            await start(tasks, one(item))
        while tasks:
            await asyncio.wait(set(tasks))
    except asyncio.CancelledError:
        if not stop:
            raise
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise stop[0] from None
    finally:
        for sig in signals:
            loop.remove_signal_handler(sig)
        await worker.aclose()


async def start(running: set[asyncio.Task[None]], work: Coroutine[Any, Any, None]) -> None:
    """Run ``work`` as a task in ``running`` and give it a turn of the loop at once. At start-up
    ``concurrency`` articles are let in together: without the turn each built its request before
    the first one's connection could go out (the first request left after 32 articles' CPU,
    ~0.1 s, in each worker). Later it lets finished requests through while inputs are read."""
    task = asyncio.create_task(work)
    running.add(task)
    task.add_done_callback(running.discard)
    await asyncio.sleep(0)


# --- worker processes -------------------------------------------------------------------------

_WORKER: Worker | None = None


def _init_process(job: Job, factory: BackendFactory, base_urls: tuple[str, ...]) -> None:
    """In each worker: leave Ctrl-C to the parent, one BLAS thread, and build the backend once.

    The workers already fill the cores: BLAS threads of their own (spaCy's matrix products) only
    spin against each other (measured: 45% more CPU for the same wall time with one worker).
    """
    global _WORKER
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER = make_worker(job, factory, base_urls)
    for backend in _WORKER.backends:
        with failures_named(backend.name):  # a no-op when the parent's was shared; else its own
            backend.warm_up()


def _run_batch(batch: list[Item]) -> list[Outcome]:
    assert _WORKER is not None, "worker process not initialised"
    return _WORKER.process_batch(batch)


def warm_up(worker: Worker) -> None:
    """Load the backend's models in the parent, so forked workers share them (copy-on-write),
    when it can be shared (``share_warm_up``); a CPU-bound one also runs a short text, which
    loads what the first article would. Not for a server's model: a request costs money."""
    backend = worker.backends[0]
    if backend.share_warm_up:
        with failures_named(backend.name):
            backend.warm_up()
    if backend.share_warm_up and backend.bound == "cpu":
        loaded = Loaded(WARM_UP_TEXT, source_for(WARM_UP_TEXT))
        try:
            run(prepare(loaded, worker.job.settings), backend)
        except ConfigError:
            raise
        except Exception as exc:  # each article will report it properly
            log.warning("backend warm-up failed: %s", exc)
    settle()


def _raise_interrupt(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def run_processes(
    items: Iterable[Item],
    job: Job,
    factory: BackendFactory,
    sink: Sink,
    *,
    workers: int,
    batch_size: int,
    base_urls: tuple[str, ...] = (),
) -> None:
    """Run in ``workers`` forked processes, at most two batches per worker in flight."""
    warm_up(make_worker(job, factory, base_urls))
    ctx = multiprocessing.get_context("fork")
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    pool = ProcessPoolExecutor(
        workers, mp_context=ctx, initializer=_init_process, initargs=(job, factory, base_urls)
    )
    pending: set[Future[list[Outcome]]] = set()
    try:
        for batch in batches(items, batch_size):
            pending.add(pool.submit(_run_batch, batch))
            while len(pending) >= 2 * workers:
                pending = _drain(pending, sink)
        while pending:
            pending = _drain(pending, sink)
    except KeyboardInterrupt:
        _stop(pool)
        raise Interrupted(signal.SIGINT) from None
    except BrokenProcessPool:
        _stop(pool)
        raise ExtractionError(
            "a worker process died (out of memory?); finished articles are kept, re-run to resume"
        ) from None
    except BaseException:  # Interrupted (SIGTERM), a ConfigError from a worker
        _stop(pool)
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
    pool.shutdown()


def _drain(pending: set[Future[list[Outcome]]], sink: Sink) -> set[Future[list[Outcome]]]:
    done, rest = wait(pending, timeout=1.0, return_when=FIRST_COMPLETED)
    for future in done:
        for outcome in future.result():
            sink.accept(outcome)
    sink.progress.update()
    return rest


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel queued batches and end the workers now (their in-flight articles are dropped)."""
    for child in multiprocessing.active_children():
        child.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
