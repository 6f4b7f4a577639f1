"""``summarizer diff A B``: what changed between two runs, article by article.

A and B are each a JSON record, a bulk JSONL output (the last line per id; ``status: error``
lines count as missing records) or a folder of ``*.json`` records. Exit codes follow diff(1):
0 nothing differs, 1 something does, 2 bad input.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.errors import ConfigError

if TYPE_CHECKING:
    from summarizer.regression.runs import Run


class DiffFormat(StrEnum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    html = "html"


@contextlib.contextmanager
def _writer(output: Path | None) -> Iterator[Callable[[str], object]]:
    """Where the output goes, written piece by piece (stdout, or ``--output``)."""
    if output is None:
        yield sys.stdout.write
        return
    try:
        fh = output.open("w", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"--output {output}: cannot write ({exc.strerror})") from None
    with fh:
        yield fh.write


def run_diff(
    a_path: Path, b_path: Path, fmt: DiffFormat, output: Path | None, junit: Path | None
) -> int:
    """Compare every article of A and B, write the chosen format; the diff(1) exit code."""
    from summarizer.regression.runs import open_run

    a, b = open_run(a_path), open_run(b_path)
    try:
        return _diff_runs(a, b, fmt, output, junit)
    finally:
        a.close()
        b.close()


def _diff_runs(a: Run, b: Run, fmt: DiffFormat, output: Path | None, junit: Path | None) -> int:
    from rich.console import Console

    from summarizer.regression.compare import compare
    from summarizer.regression.junit import JUnitCase, write_junit
    from summarizer.regression.runs import pair_articles
    from summarizer.regression.terminal import Terminal
    from summarizer.regression.text import Markdown, change_lines
    from summarizer.regression.totals import Totals

    a_path, b_path = a.path, b.path
    totals = Totals(errors_a=a.errors, errors_b=b.errors)
    cases: list[JUnitCase] = []
    markdown, terminal, page = Markdown(str(a_path), str(b_path)), None, None
    with _writer(output) as write:
        if fmt is DiffFormat.json:
            write('{"articles": [')
        elif fmt is DiffFormat.html:
            from summarizer.regression.html import Page  # imports pydantic: only for pages

            page = Page(str(a_path), str(b_path))
            write(page.head())
        elif fmt is DiffFormat.terminal:
            terminal = Terminal(str(a_path), str(b_path))
        for n, pairing in enumerate(pair_articles(a, b)):
            started = time.perf_counter()
            ra = a.get(pairing.a_id) if pairing.a_id is not None else None
            rb = b.get(pairing.b_id) if pairing.b_id is not None else None
            diff = compare(ra, rb, id=pairing.id)
            totals.add(diff)
            if junit is not None:
                failure = "\n".join(change_lines(diff)) if diff.differs else None
                cases.append(
                    JUnitCase(diff.id, "summarizer.diff", failure, time.perf_counter() - started)
                )
            if fmt is DiffFormat.json:
                obj = diff.to_json()
                if pairing.b_id not in (None, pairing.id):
                    obj["b_id"] = pairing.b_id  # paired by the text's sha256
                write(("\n" if n == 0 else ",\n") + json.dumps(obj, ensure_ascii=False))
            elif page is not None:
                write(page.article(diff, ra, rb))
            elif terminal is not None:
                terminal.add(diff)
            else:
                markdown.add(diff)
        if fmt is DiffFormat.json:
            write('\n], "totals": ' + json.dumps(totals.to_json()) + "}\n")
        elif page is not None:
            write(page.tail(totals))
        elif terminal is not None:
            if output is None:
                terminal.finish(totals, Console(highlight=False))
            else:
                buffer = io.StringIO()
                terminal.finish(totals, Console(file=buffer, width=120, highlight=False))
                write(buffer.getvalue())
        else:
            write(markdown.finish(totals))
    if junit is not None:
        try:
            write_junit(junit, cases, suite=f"summarizer diff {a_path} {b_path}")
        except OSError as exc:
            raise ConfigError(f"--junit {junit}: cannot write ({exc.strerror})") from None
    return 1 if totals.differs else 0


def register(app: typer.Typer) -> None:
    @app.command("diff")
    def diff_command(
        a: Annotated[Path, typer.Argument(help="Run A: a JSON record, bulk .jsonl or folder.")],
        b: Annotated[Path, typer.Argument(help="Run B, compared against A.")],
        format: Annotated[
            DiffFormat, typer.Option("--format", "-f", help="terminal, json, markdown or html.")
        ] = DiffFormat.terminal,
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
        ] = None,
        junit: Annotated[
            Path | None, typer.Option("--junit", help="Also write JUnit XML here (for CI).")
        ] = None,
    ) -> None:
        """Show which quotes, claims and events changed between two runs; exit 0 same, 1 differ."""
        code = run_diff(a, b, format, output, junit)
        if code:
            raise typer.Exit(code)
