"""``summarizer bulk``: many articles to one JSONL file, concurrently, resumably, with a cache."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from summarizer.commands.options import (
    AssistOpt,
    DateOpt,
    EncodingOpt,
    MaxBytesOpt,
    MaxTokensOpt,
    ModelOpt,
    ModeOpt,
    RetriesOpt,
    TemperatureOpt,
    TimeoutOpt,
    VerboseOpt,
    configure_logging,
    parse_date,
)


def bulk_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (.txt .md .html .htm, recursively), JSONL or CSV with "
            "'id' and 'text' (or 'html'), or '-' for JSONL on stdin."
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Results, one JSON line per article (appended).")
    ],
    model: ModelOpt = None,
    base_url: Annotated[
        list[str] | None,
        typer.Option(
            help="An OpenAI-compatible server; repeat it to spread the run over several. "
            "Env: OPENAI_BASE_URL."
        ),
    ] = None,
    mode: ModeOpt = "tools",
    timeout: TimeoutOpt = 60.0,
    temperature: TemperatureOpt = None,
    max_retries: RetriesOpt = 2,
    max_tokens: MaxTokensOpt = None,
    assist: AssistOpt = None,
    date_: DateOpt = None,
    engine: Annotated[
        str,
        typer.Option(help="auto (async for an LLM, process for rules), async, process or ray."),
    ] = "auto",
    concurrency: Annotated[int, typer.Option(help="Articles awaiting the model at once.")] = 16,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Worker processes, each with its own event loop (LLM) or spaCy (rules). "
            "Default: CPUs."
        ),
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per worker batch.")] = 8,
    rpm: Annotated[float | None, typer.Option(help="Stay under this many requests/minute.")] = None,
    tpm: Annotated[float | None, typer.Option(help="Stay under this many tokens/minute.")] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option(help="Cache of extractions. Default: $XDG_CACHE_HOME/summarizer/bulk."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write it.")
    ] = False,
    prices: Annotated[
        Path | None,
        typer.Option(help='USD per 1M tokens: {"model": {"input": 0.15, "output": 0.6}}.'),
    ] = None,
    db: Annotated[
        Path | None, typer.Option(help="Also write articles, quotes, claims, events to SQLite.")
    ] = None,
    ray_address: Annotated[
        str | None, typer.Option(help="An existing Ray cluster for --engine ray.")
    ] = None,
    article_timeout: Annotated[
        float,
        typer.Option(
            help="Seconds one article may take, its retries and re-asks included; past it, an "
            "error line and the run goes on. 0: no cap."
        ),
    ] = 600.0,
    batch: Annotated[
        bool,
        typer.Option(
            "--batch",
            help="Through the Batch API (/v1/files, /v1/batches): half price, answers within "
            "24 h. Close the terminal and re-run the same command to collect.",
        ),
    ] = False,
    batch_reask: Annotated[
        str,
        typer.Option(
            help="Answers that fail validation: re-asked 'live' or in a follow-up 'batch'."
        ),
    ] = "live",
    batch_cancel: Annotated[
        bool,
        typer.Option(
            "--batch-cancel",
            help="Cancel this output's batches in flight, collect what they answered.",
        ),
    ] = False,
    batch_max_requests: Annotated[
        int, typer.Option(help="Requests per batch file (the API's limit: 50,000).")
    ] = 50_000,
    batch_max_bytes: Annotated[
        int, typer.Option(help="Bytes per batch file (the API's limit: 200 MB).")
    ] = 200 * 1024 * 1024,
    batch_poll: Annotated[
        float, typer.Option(help="Longest wait between two looks at the batches, in seconds.")
    ] = 60.0,
    max_bytes: MaxBytesOpt = 5_000_000,
    encoding: EncodingOpt = "utf-8",
    verbose: VerboseOpt = 0,
) -> None:
    """Extract many articles into a JSONL file; re-run the same command to resume."""
    configure_logging(verbose)
    from summarizer.bulk.accounting import Tally, load_prices, summary_line
    from summarizer.bulk.cache import default_dir
    from summarizer.bulk.run import BulkOptions, run_bulk
    from summarizer.bulk.runner import Interrupted
    from summarizer.bulk.work import Job
    from summarizer.settings import Settings

    price_table = load_prices(prices)
    urls = tuple(base_url or ())
    settings = Settings.from_env(
        model=model,
        options={
            "base_url": urls[0] if urls else None,
            "mode": mode,
            "timeout": timeout,
            "temperature": temperature,
        },
        max_retries=max_retries,
        max_tokens=max_tokens,
        assist=assist,
        anchor_date=parse_date(date_),
    )
    cache = None if no_cache else str(cache_dir or default_dir())
    options = BulkOptions(
        inputs=inputs,
        output=output,
        job=Job(
            settings,
            max_bytes=max_bytes,
            encoding=encoding,
            cache_dir=cache,
            article_timeout=article_timeout or None,
        ),
        engine=engine,
        concurrency=concurrency,
        workers=workers or os.cpu_count() or 1,
        batch_size=batch_size,
        rpm=rpm,
        tpm=tpm,
        db=db,
        ray_address=ray_address,
        base_urls=urls if len(urls) > 1 else (),
    )
    if batch or batch_cancel:  # only then: a live run reaches its first request sooner
        from summarizer.bulk.batch.engine import BatchOptions

        options.batch = BatchOptions(
            reask=batch_reask,
            cancel=batch_cancel,
            max_requests=batch_max_requests,
            max_bytes=batch_max_bytes,
            poll_min=min(2.0, batch_poll),
            poll_max=batch_poll,
        )
    interrupted: Interrupted | None = None
    tally = Tally()
    try:
        tally = run_bulk(options, tally=tally)
    except Interrupted as exc:
        interrupted = exc
    print(
        summary_line(tally, settings.model, price_table, interrupted=bool(interrupted)),
        file=sys.stderr,
    )
    if interrupted is not None:
        raise typer.Exit(128 + interrupted.signum)
    if tally.error:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("bulk")(bulk_command)
