"""What every sub-command shares: option types, logging set-up, dates, writing the output file."""

from __future__ import annotations

import logging
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from summarizer.errors import ConfigError

ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        help="'rules' (offline, the default), 'openai/<name>', a model name served at --base-url, "
        "'gguf:PATH' (a local model file, in process), or a plugin's 'NAME:...'. "
        "Env: SUMMARIZER_MODEL.",
    ),
]
ModeOpt = Annotated[str, typer.Option(help="How the LLM returns structure: 'tools' or 'json'.")]
TimeoutOpt = Annotated[float, typer.Option(help="Seconds to wait for one model response.")]
TemperatureOpt = Annotated[
    float | None,
    typer.Option(help="Sampling temperature, 0-2 (default: the server's); 0 repeats answers."),
]
RetriesOpt = Annotated[
    int,
    typer.Option(
        help="Re-asks: of the items that did not ground (by name), or of an unusable answer."
    ),
]
MaxTokensOpt = Annotated[
    int | None,
    typer.Option(
        help="Bound on the model's answer in tokens (default: from the article's length)."
    ),
]
AssistOpt = Annotated[
    str | None,
    typer.Option(
        help="'rules': code finds the quotes (quote marks, reporting cues) and the model "
        "attributes them, rejects the ones that are not speech and adds what code cannot find."
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="Date the article was written (YYYY-MM-DD), for 'on Tuesday'."),
]
VerboseOpt = Annotated[
    int, typer.Option("--verbose", "-v", count=True, help="Log to stderr (-vv: debug).")
]
MaxBytesOpt = Annotated[int, typer.Option(help="Refuse inputs larger than this.")]
SuiteArticlesOpt = Annotated[
    list[str] | None, typer.Option("--article", help="Only this article (repeatable).")
]
EncodingOpt = Annotated[str, typer.Option(help="Text encoding of input files.")]


def configure_logging(verbose: int) -> None:
    """``-v`` logs at INFO, ``-vv`` at DEBUG, to stderr so stdout stays the result."""
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


def write_output(text: str, output: Path | None) -> None:
    """``text`` to ``--output`` (or stdout); an unwritable path is one clear error."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"--output {output}: cannot write ({exc.strerror})") from None
