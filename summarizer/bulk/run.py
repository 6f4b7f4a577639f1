"""A whole bulk run: inputs, resume, engine, output, database, progress and the summary line."""

from __future__ import annotations

import itertools
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.backends.base import Backend
from summarizer.bulk import inputs
from summarizer.bulk.accounting import Tally
from summarizer.bulk.progress import Progress
from summarizer.bulk.ratelimit import RateLimiter
from summarizer.bulk.runner import (
    BackendFactory,
    Sink,
    fresh,
    make_worker,
    run_async,
    run_processes,
)
from summarizer.bulk.store import Store
from summarizer.bulk.work import Job
from summarizer.errors import ConfigError, InputError

if TYPE_CHECKING:
    from summarizer.bulk.batch.engine import BatchOptions

ENGINES = ("auto", "async", "process", "ray")


@dataclass
class BulkOptions:
    """Everything ``summarizer bulk`` was asked to do."""

    inputs: list[str]
    output: Path
    job: Job
    engine: str = "auto"
    concurrency: int = 16
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    batch_size: int = 8
    rpm: float | None = None
    tpm: float | None = None
    db: Path | None = None
    ray_address: str | None = None
    base_urls: tuple[str, ...] = ()
    progress: bool | None = None
    progress_every: float = 10.0
    batch: BatchOptions | None = None  # ``--batch``: through the Batch API instead of live


def engine_for(options: BulkOptions, backend: Backend) -> str:
    """``auto``: asyncio for an I/O-bound backend (a model called over the network), worker
    processes for a CPU-bound one (rules, a model in process)."""
    if options.engine != "auto":
        return options.engine
    return "async" if backend.bound == "io" else "process"


def _validate(o: BulkOptions, engine: str) -> None:
    if o.engine not in ENGINES:
        raise ConfigError(f"--engine: expected one of {', '.join(ENGINES)}, got {o.engine!r}")
    for name, value in (
        ("--concurrency", o.concurrency),
        ("--workers", o.workers),
        ("--batch-size", o.batch_size),
    ):
        if value < 1:
            raise ConfigError(f"{name}: must be at least 1, got {value}")
    if o.job.article_timeout is not None and o.job.article_timeout <= 0:
        raise ConfigError(f"--article-timeout: must be positive, got {o.job.article_timeout}")
    for name, rate in (("--rpm", o.rpm), ("--tpm", o.tpm)):
        if rate is not None and rate <= 0:
            raise ConfigError(f"{name}: must be positive, got {rate}")
    if (o.rpm or o.tpm) and (engine != "async" or o.batch is not None):
        raise ConfigError("--rpm/--tpm apply to the async engine (an LLM model); drop them here")
    if o.ray_address and engine != "ray":
        raise ConfigError("--ray-address needs --engine ray")
    if o.batch is not None:
        if engine != "async":
            raise ConfigError("--batch needs a model (--model openai/... or --base-url)")
        if "-" in o.inputs:
            raise ConfigError("--batch reads its inputs again when answers arrive: not '-'")
        if o.batch.max_requests < 1 or o.batch.max_bytes < 1:
            raise ConfigError("--batch-max-requests/--batch-max-bytes: must be at least 1")


def run_bulk(
    options: BulkOptions, factory: BackendFactory | None = None, tally: Tally | None = None
) -> Tally:
    """Run and return the tally (``tally`` if given, so a caller still has it when the run
    raises ``runner.Interrupted`` after saving what finished)."""
    from summarizer.backends import registry

    factory = factory or registry.create
    engine = engine_for(options, factory(options.job.settings))
    _validate(options, engine)
    inputs.check(options.inputs)
    stream = inputs.iter_items(options.inputs)
    first = next(stream, None)
    if first is None:
        raise InputError(f"no articles found in {', '.join(options.inputs)}")
    items = itertools.chain([first], stream)

    store = Store(options.output)
    resume = store.open()
    tally = tally if tally is not None else Tally()
    progress = Progress(tally, every=options.progress_every, rich=options.progress)
    db = None
    try:
        if options.db is not None:
            from summarizer.bulk.sqlite import ResultsDB

            db = ResultsDB(options.db)
            db.catch_up(options.output, resume.ok)
        if "-" not in options.inputs:
            threading.Thread(
                target=lambda: progress.set_total(inputs.count(options.inputs)), daemon=True
            ).start()
        sink = Sink(store, tally, progress, db)
        todo = fresh(items, resume.ok, tally)
        limited = bool(options.rpm or options.tpm)
        if options.batch is not None:
            from summarizer.bulk.batch.engine import BatchRun

            run = BatchRun(
                options.job, factory, sink, options.output, options.batch,
                concurrency=options.concurrency,
            )  # fmt: skip
            run.run(todo, lambda: inputs.iter_items(options.inputs))
        elif engine == "async" and options.workers == 1:
            limiter = RateLimiter(options.rpm, options.tpm) if limited else None
            worker = make_worker(options.job, factory, options.base_urls)
            run_async(todo, worker, sink, concurrency=options.concurrency, limiter=limiter)
        elif engine == "async":
            from summarizer.bulk.async_pool import run_async_processes

            run_async_processes(
                todo, options.job, factory, sink,
                workers=min(options.workers, options.concurrency),
                concurrency=options.concurrency, base_urls=options.base_urls,
                limiter=RateLimiter(options.rpm, options.tpm, shared=True) if limited else None,
            )  # fmt: skip
        elif engine == "process":
            run_processes(
                todo, options.job, factory, sink,
                workers=options.workers, batch_size=options.batch_size, base_urls=options.base_urls,
            )  # fmt: skip
        else:
            from summarizer.bulk.ray_engine import run_ray

            run_ray(
                todo, options.job, factory, sink,
                workers=options.workers, batch_size=options.batch_size,
                address=options.ray_address, base_urls=options.base_urls,
            )  # fmt: skip
    finally:
        progress.close()
        store.close()
        if db is not None:
            db.close()
    return tally
