"""Showing a run's progress: a rich bar on a terminal, plain periodic lines on stderr otherwise.

Both read the run's ``Tally``; engines call ``update()`` after every article and it decides
whether anything needs drawing, so it costs nothing per article.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, TextIO

from summarizer.bulk.accounting import Tally

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


class Progress:
    """Progress of one run; ``total`` may arrive late (counted in the background) or never."""

    def __init__(
        self,
        tally: Tally,
        *,
        stream: TextIO | None = None,
        every: float = 10.0,
        rich: bool | None = None,
    ) -> None:
        self.tally = tally
        self.stream = stream or sys.stderr
        self.every = every
        self.total: int | None = None
        self._last = time.monotonic()
        self._rich: RichProgress | None = None
        self._task: TaskID | None = None
        if rich if rich is not None else self.stream.isatty():
            self._start_rich()

    def _start_rich(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, TextColumn
        from rich.progress import Progress as RichProgress

        self._rich = RichProgress(
            TextColumn("bulk"),
            BarColumn(),
            TextColumn("{task.fields[stats]}"),
            console=Console(file=self.stream),
            refresh_per_second=4,
        )
        self._task = self._rich.add_task("bulk", total=None, stats="starting")
        self._rich.start()

    def set_total(self, total: int | None) -> None:
        self.total = total

    def stats(self) -> str:
        """``done 120/2,000, failed 3, 24.1/s, ETA 0:01:02, tokens 1,234,567``."""
        t = self.tally
        done = t.finished
        rate = done / t.elapsed if t.elapsed > 0 else 0.0
        todo = None if self.total is None else max(0, self.total - t.skipped - t.duplicate)
        parts = [f"done {done:,}" + (f"/{todo:,}" if todo is not None else "")]
        parts.append(f"failed {t.error:,}")
        parts.append(f"{rate:.1f}/s")
        if todo is not None and rate > 0:
            parts.append(f"ETA {_clock((todo - done) / rate)}")
        parts.append(f"tokens {t.prompt_tokens + t.completion_tokens:,}")
        if t.skipped:
            parts.append(f"already done {t.skipped:,}")
        return ", ".join(parts)

    def update(self) -> None:
        now = time.monotonic()
        if self._rich is not None and self._task is not None:
            if now - self._last >= 0.1:
                self._last = now
                todo = (
                    None
                    if self.total is None
                    else self.total - self.tally.skipped - self.tally.duplicate
                )
                self._rich.update(
                    self._task, completed=self.tally.finished, total=todo, stats=self.stats()
                )
        elif now - self._last >= self.every:
            self._last = now
            print(f"bulk: {self.stats()}", file=self.stream, flush=True)

    def close(self) -> None:
        if self._rich is not None and self._task is not None:
            self._rich.update(self._task, completed=self.tally.finished, stats=self.stats())
            self._rich.stop()
            self._rich = None
