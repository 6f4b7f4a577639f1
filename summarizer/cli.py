"""The `summarizer` command line: thin wiring from flags to ``summarizer.pipeline``.

Only typer is imported at start-up; everything heavy is imported inside the command that needs
it, so ``summarizer --help`` stays fast. Errors the user can act on are one line on stderr.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from summarizer import _speedups
from summarizer._speedups.exit import leave
from summarizer.commands import bulk as bulk_command
from summarizer.commands import check as check_command
from summarizer.commands import diff as diff_command
from summarizer.commands import eval as eval_command
from summarizer.commands import record as record_command
from summarizer.commands import report as report_command
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
    write_output,
)
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


BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        help="An OpenAI-compatible server (vLLM, Ollama, llama.cpp...). Env: OPENAI_BASE_URL."
    ),
]


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
    temperature: TemperatureOpt = None,
    max_retries: RetriesOpt = 2,
    max_tokens: MaxTokensOpt = None,
    assist: AssistOpt = None,
    date_: DateOpt = None,
    max_bytes: MaxBytesOpt = 5_000_000,
    encoding: EncodingOpt = "utf-8",
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
    configure_logging(verbose)
    from summarizer.pipeline import summarise_file
    from summarizer.render import render
    from summarizer.settings import Settings

    settings = Settings.from_env(
        model=model,
        options={
            "base_url": base_url,
            "mode": mode,
            "timeout": timeout,
            "temperature": temperature,
        },
        max_retries=max_retries,
        max_tokens=max_tokens,
        assist=assist,
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
    write_output(render(result, fmt), output)


app.command("summarize", hidden=True, help="Alias of 'summarise'.")(summarise_command)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the output."""
    from summarizer.schema import schema_json

    sys.stdout.write(schema_json())


for _command in (
    eval_command,
    bulk_command,
    report_command,
    diff_command,
    record_command,
    check_command,
):
    _command.register(app)


def main() -> None:
    """Console entry point: user-facing errors become one stderr line and an exit code.

    Usage errors are click's own (exit 2); ours are ``SummarizerError`` with their exit code.
    The speed patches (``summarizer._speedups``) are installed here, for commands only.
    """
    _speedups.install()
    try:
        app()
        code: int | str | None = 0
    except SystemExit as exc:  # click ends every run this way
        code = exc.code
    except SummarizerError as exc:
        print(f"summarizer: {exc}", file=sys.stderr)
        code = exc.exit_code
    except KeyboardInterrupt:
        print("summarizer: interrupted", file=sys.stderr)
        code = 130
    leave(code)
