"""``summarizer record SUITE``: run a suite's articles, record the model's exchanges, bless the
records (``expected/``)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from summarizer.commands.options import SuiteArticlesOpt, VerboseOpt, configure_logging


class RecordMode(StrEnum):
    once = "once"
    new = "new"
    all = "all"


def register(app: typer.Typer) -> None:
    @app.command("record")
    def record_command(
        suite_path: Annotated[
            Path, typer.Argument(metavar="SUITE", help="The suite folder (articles/, suite.toml).")
        ],
        model: Annotated[
            str | None,
            typer.Option("--model", "-m", help="Record from this model instead of suite.toml's."),
        ] = None,
        base_url: Annotated[
            str | None, typer.Option(help="Record from this server instead of suite.toml's.")
        ] = None,
        record_mode: Annotated[
            RecordMode,
            typer.Option(
                help="once: only articles with no cassette; new: add the requests a cassette "
                "lacks; all: record everything again."
            ),
        ] = RecordMode.once,
        server: Annotated[
            str | None,
            typer.Option(help="The server's name for cassette headers (llama.cpp b4500)."),
        ] = None,
        quantisation: Annotated[
            str | None, typer.Option(help="The model's quantisation for cassette headers (Q4_K_M).")
        ] = None,
        article: SuiteArticlesOpt = None,
        verbose: VerboseOpt = 0,
    ) -> None:
        """Record a regression suite: every article's model exchanges and its expected record."""
        configure_logging(verbose)
        from summarizer.regression.recording import Target, record_suite
        from summarizer.regression.suite import SuiteError, new_suite_toml, open_suite

        toml = suite_path / "suite.toml"
        if suite_path.is_dir() and not toml.exists():
            if model is None:
                raise SuiteError(
                    f"{suite_path}: no suite.toml; give --model (and --base-url) once to write one"
                )
            made = new_suite_toml(model, base_url, "tools", server, quantisation)
            toml.write_text(made, encoding="utf-8")
            print(f"wrote {toml}", file=sys.stderr)
        suite = open_suite(suite_path)
        only = [suite.article(a) for a in article] if article else None
        target = Target.of(
            suite, model=model, base_url=base_url, server=server, quantisation=quantisation
        )
        done = record_suite(suite, target, record_mode.value, only)
        failed = 0
        for item in done:
            if item.error is not None:
                failed += 1
                print(f"summarizer: {item.article.relative}: {item.error}", file=sys.stderr)
            else:
                changed = f"  (expected changed: {item.changed})" if item.changed else ""
                print(f"{item.action:<9} {item.article.relative}{changed}")
        made = (
            "rules backend"
            if not suite.uses_llm
            else f"{target.model} at {target.base_url or 'OpenAI'}"
        )
        print(
            f"{len(done) - failed} of {len(done)} article(s) recorded in {suite.root} ({made})",
            file=sys.stderr,
        )
        if failed:
            raise typer.Exit(1)
