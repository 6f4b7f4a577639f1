"""``summarizer check SUITE``: replay a suite offline and compare with its blessed records.

Exit 0 within thresholds, 1 regressed, 2 bad usage or input (a request with no recording, an
article with no expected record, a bad ``suite.toml``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from summarizer.commands.options import SuiteArticlesOpt, VerboseOpt, configure_logging
from summarizer.errors import ConfigError


def register(app: typer.Typer) -> None:
    @app.command("check")
    def check_command(
        suite_path: Annotated[
            Path, typer.Argument(metavar="SUITE", help="The suite folder (suite.toml, expected/).")
        ],
        live: Annotated[
            bool, typer.Option("--live", help="Ask suite.toml's model instead of the cassettes.")
        ] = False,
        repeat: Annotated[
            int, typer.Option(min=1, help="Run each article N times; report per-item flip rates.")
        ] = 1,
        update: Annotated[
            bool,
            typer.Option(
                "--update", help="Bless the current outputs (with --live: and their exchanges)."
            ),
        ] = False,
        junit: Annotated[
            Path | None, typer.Option(help="Also write JUnit XML here, one case per article.")
        ] = None,
        article: SuiteArticlesOpt = None,
        verbose: VerboseOpt = 0,
    ) -> None:
        """Check a regression suite: what changed in each article's record, and a verdict."""
        configure_logging(verbose)
        from summarizer.regression.check import check_suite
        from summarizer.regression.check_table import junit_cases, table
        from summarizer.regression.junit import write_junit
        from summarizer.regression.suite import open_suite

        if update and repeat > 1:
            raise ConfigError("--update blesses one run: drop --repeat")
        suite = open_suite(suite_path)
        only = [suite.article(a) for a in article] if article else None
        if junit is not None and not junit.parent.is_dir():
            raise ConfigError(f"--junit {junit}: no such folder {junit.parent}")
        report = check_suite(suite, live=live, repeat=repeat, update=update, only=only)
        sys.stdout.write(table(report))
        for a in report.articles:
            if a.error is not None:
                print(f"summarizer: {a.error}", file=sys.stderr)
        if junit is not None:
            try:
                write_junit(junit, junit_cases(report), f"summarizer check {suite.name}")
            except OSError as exc:
                raise ConfigError(f"--junit {junit}: cannot write ({exc.strerror})") from None
        raise typer.Exit(report.exit_code)
