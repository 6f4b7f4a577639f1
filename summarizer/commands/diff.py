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
from typing import TYPE_CHECKING, Annotated, Any

import typer

from summarizer.errors import ConfigError

if TYPE_CHECKING:
    from summarizer.regression.compare import ArticleDiff
    from summarizer.regression.junit import JUnitCase
    from summarizer.regression.runs import Pairing, Run
    from summarizer.regression.totals import Totals

#: One side's record of an article (None: absent on that side).
Record = dict[str, Any] | None


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
    from summarizer.regression.compare import compare
    from summarizer.regression.junit import JUnitCase
    from summarizer.regression.runs import pair_articles
    from summarizer.regression.text import change_lines
    from summarizer.regression.totals import Totals

    totals = Totals(errors_a=a.errors, errors_b=b.errors)
    cases: list[JUnitCase] = []
    view = _view(fmt, str(a.path), str(b.path), output)
    with _writer(output) as write:
        write(view.head())
        for pairing in pair_articles(a, b):
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
            write(view.article(diff, pairing, ra, rb))
        write(view.tail(totals))
    if junit is not None:
        _write_junit(junit, cases, a.path, b.path)
    return 1 if totals.differs else 0


def _write_junit(junit: Path, cases: list[JUnitCase], a_path: Path, b_path: Path) -> None:
    from summarizer.regression.junit import write_junit

    try:
        write_junit(junit, cases, suite=f"summarizer diff {a_path} {b_path}")
    except OSError as exc:
        raise ConfigError(f"--junit {junit}: cannot write ({exc.strerror})") from None


class _View:
    """One output format, written piece by piece: a head, each article, a tail."""

    def head(self) -> str:
        return ""

    def article(self, diff: ArticleDiff, pairing: Pairing, ra: Record, rb: Record) -> str:
        return ""

    def tail(self, totals: Totals) -> str:
        return ""


class _Json(_View):
    """``{"articles": [...], "totals": {...}}``, one article per line."""

    def __init__(self) -> None:
        self.first = True

    def head(self) -> str:
        return '{"articles": ['

    def article(self, diff: ArticleDiff, pairing: Pairing, ra: Record, rb: Record) -> str:
        obj = diff.to_json()
        if pairing.b_id not in (None, pairing.id):
            obj["b_id"] = pairing.b_id  # paired by the text's sha256
        lead, self.first = ("\n" if self.first else ",\n"), False
        return lead + json.dumps(obj, ensure_ascii=False)

    def tail(self, totals: Totals) -> str:
        return '\n], "totals": ' + json.dumps(totals.to_json()) + "}\n"


class _Html(_View):
    def __init__(self, a_name: str, b_name: str) -> None:
        from summarizer.regression.html import Page  # imports pydantic: only for pages

        self.page = Page(a_name, b_name)

    def head(self) -> str:
        return self.page.head()

    def article(self, diff: ArticleDiff, pairing: Pairing, ra: Record, rb: Record) -> str:
        return self.page.article(diff, ra, rb)

    def tail(self, totals: Totals) -> str:
        return self.page.tail(totals)


class _Terminal(_View):
    """The table, printed on the terminal (or rendered 120 wide into ``--output``)."""

    def __init__(self, a_name: str, b_name: str, output: Path | None) -> None:
        from summarizer.regression.terminal import Terminal

        self.terminal = Terminal(a_name, b_name)
        self.output = output

    def article(self, diff: ArticleDiff, pairing: Pairing, ra: Record, rb: Record) -> str:
        self.terminal.add(diff)
        return ""

    def tail(self, totals: Totals) -> str:
        from rich.console import Console

        if self.output is None:
            self.terminal.finish(totals, Console(highlight=False))
            return ""
        buffer = io.StringIO()
        self.terminal.finish(totals, Console(file=buffer, width=120, highlight=False))
        return buffer.getvalue()


class _Markdown(_View):
    def __init__(self, a_name: str, b_name: str) -> None:
        from summarizer.regression.text import Markdown

        self.markdown = Markdown(a_name, b_name)

    def article(self, diff: ArticleDiff, pairing: Pairing, ra: Record, rb: Record) -> str:
        self.markdown.add(diff)
        return ""

    def tail(self, totals: Totals) -> str:
        return self.markdown.finish(totals)


def _view(fmt: DiffFormat, a_name: str, b_name: str, output: Path | None) -> _View:
    if fmt is DiffFormat.json:
        return _Json()
    if fmt is DiffFormat.html:
        return _Html(a_name, b_name)
    if fmt is DiffFormat.terminal:
        return _Terminal(a_name, b_name, output)
    return _Markdown(a_name, b_name)


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
