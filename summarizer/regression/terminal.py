"""The diff in a terminal: a table of the articles that differ, then the totals."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from summarizer.regression.compare import KINDS, ArticleDiff
from summarizer.regression.text import NONE, change_lines, counts, totals_lines
from summarizer.regression.totals import Totals


class Terminal:
    """Rows are kept small (counts and change lines), so a long run's table fits in memory."""

    def __init__(self, a: str, b: str) -> None:
        self.a, self.b = a, b
        self.rows: list[tuple[str, ...]] = []

    def add(self, diff: ArticleDiff) -> None:
        if diff.differs:
            changes = "\n".join(change_lines(diff))
            self.rows.append((diff.id, *(counts(diff, k) or NONE for k in KINDS), changes))

    def finish(self, totals: Totals, console: Console) -> None:
        if self.rows:
            table = Table(title=f"A {self.a}  →  B {self.b}", title_justify="left", expand=True)
            for col in ("article", *KINDS):
                table.add_column(col, no_wrap=col != "article", overflow="fold")
            table.add_column("changes", overflow="fold", ratio=1)
            for row in self.rows:
                table.add_row(*row)
            console.print(table)
        for line in totals_lines(totals):
            console.print(line, highlight=False, markup=False)
