"""The `summarizer` command line: thin wiring from flags to ``summarizer.pipeline``.

Only typer is imported at start-up; everything heavy is imported inside the command that needs
it, so ``summarizer --help`` stays fast. Errors the user can act on are one line on stderr.
"""

from __future__ import annotations

import logging
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from summarizer.errors import ConfigError, SummarizerError

app = typer.Typer(
    help="Turn news articles into grounded events, claims and attributed quotes.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


class Format(StrEnum):
    auto = "auto"
    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    html = "html"


ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        help="'rules' (offline, the default), 'openai/<name>', or a model name served at --base-url. "
        "Env: SUMMARIZER_MODEL.",
    ),
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        help="An OpenAI-compatible server (vLLM, Ollama, llama.cpp...). Env: OPENAI_BASE_URL."
    ),
]
ModeOpt = Annotated[str, typer.Option(help="How the LLM returns structure: 'tools' or 'json'.")]
TimeoutOpt = Annotated[float, typer.Option(help="Seconds to wait for one model response.")]
RetriesOpt = Annotated[int, typer.Option(help="Re-asks when the model's answer fails validation.")]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="Date the article was written (YYYY-MM-DD), for 'on Tuesday'."),
]
VerboseOpt = Annotated[
    int, typer.Option("--verbose", "-v", count=True, help="Log to stderr (-vv: debug).")
]


def _configure_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )


def parse_date(value: str | None) -> date | None:
    """``--date`` as a date; a malformed one is a usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--date: expected YYYY-MM-DD, got {value!r}") from None


@app.command("summarise")
def summarise_command(
    path: Annotated[
        str | None,
        typer.Argument(metavar="PATH", help="Article file (.txt, .md, .html) or '-' for stdin."),
    ] = None,
    format: Annotated[
        Format, typer.Option("--format", "-f", help="auto: terminal view on a tty, else JSON.")
    ] = Format.auto,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = "tools",
    timeout: TimeoutOpt = 60.0,
    max_retries: RetriesOpt = 2,
    date_: DateOpt = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse inputs larger than this.")] = 5_000_000,
    encoding: Annotated[str, typer.Option(help="Text encoding of the input file.")] = "utf-8",
    verbose: VerboseOpt = 0,
    url: Annotated[
        str | None, typer.Option("--url", help="Fetch this web page instead of reading PATH.")
    ] = None,
    max_input_tokens: Annotated[
        int | None,
        typer.Option(help="Split longer articles into chunks for the model (default: per model)."),
    ] = None,
) -> None:
    """Summarise one article into grounded events, claims and quotes."""
    _configure_logging(verbose)
    from summarizer.pipeline import summarise_file
    from summarizer.render import render
    from summarizer.settings import Settings

    settings = Settings.from_env(
        model=model,
        base_url=base_url,
        mode=mode,
        timeout=timeout,
        max_retries=max_retries,
        anchor_date=parse_date(date_),
        max_input_tokens=max_input_tokens,
    )
    if (path is None) == (url is None):
        raise ConfigError("give an article PATH or --url URL (one of them)")
    if url is not None:
        from summarizer.loading import load_url
        from summarizer.pipeline import summarise_loaded

        loaded = load_url(url, timeout=timeout, max_bytes=max_bytes, encoding=encoding)
        result = summarise_loaded(loaded, settings)
    else:
        result = summarise_file(path, settings, max_bytes=max_bytes, encoding=encoding)  # type: ignore[arg-type]
    fmt = format.value
    if fmt == "auto":
        fmt = "terminal" if output is None and sys.stdout.isatty() else "json"
    text = render(result, fmt)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"--output {output}: cannot write ({exc.strerror})") from None


app.command("summarize", hidden=True, help="Alias of 'summarise'.")(summarise_command)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the output."""
    from summarizer.schema import schema_json

    sys.stdout.write(schema_json())


from summarizer.commands import eval as _eval  # noqa: E402

_eval.register(app)
from summarizer.commands import bulk as _bulk  # noqa: E402

_bulk.register(app)
from summarizer.commands import report as _report  # noqa: E402

_report.register(app)


def main() -> None:
    """Console entry point: user-facing errors become one stderr line and an exit code.

    Usage errors are click's own (exit 2); ours are ``SummarizerError`` with their exit code.
    """
    try:
        app()
    except SummarizerError as exc:
        print(f"summarizer: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("summarizer: interrupted", file=sys.stderr)
        sys.exit(130)
