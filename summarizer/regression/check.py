"""``check``: run every article of a suite again and judge it against its blessed record.

Offline by default: each article replays from its cassette with the network blocked (a rules
suite just runs). ``live`` asks the suite's model instead, recording what it sends into a
scratch folder, so that ``update`` can bless those exchanges along with the records. ``repeat``
runs each article N times: every run must pass, and each item that differed from the blessed
record in some runs is reported with its flip rate (LLMs are not deterministic).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from summarizer.errors import SummarizerError
from summarizer.regression.compare import KINDS, ArticleDiff, compare
from summarizer.regression.expected import read_expected, write_expected
from summarizer.regression.recording import Record, live, no_recording, replay
from summarizer.regression.suite import Article, Suite
from summarizer.regression.text import SINGULAR, change_lines, counts, label
from summarizer.regression.verdict import counted, reasons


@dataclass
class Flip:
    """An item that differed from its blessed record in ``runs`` of ``of`` runs."""

    what: str
    runs: int
    of: int

    @property
    def rate(self) -> float:
        return self.runs / self.of

    def __str__(self) -> str:
        return f"{self.what}: differs in {self.runs} of {self.of} runs ({self.rate:.0%})"


@dataclass
class ArticleCheck:
    """One article's outcome. ``error``: it could not be checked (no recording, no expected
    record, extraction failed); else ``diff`` is the last run's counted diff and ``failed``
    says why it is outside the thresholds (empty: it passes)."""

    article: Article
    seconds: float = 0.0
    error: str | None = None
    exit_code: int = 0
    diff: ArticleDiff | None = None
    failed: list[str] = field(default_factory=list)
    flips: list[Flip] = field(default_factory=list)
    record: Record | None = None
    cassette: Path | None = None  # a live run's recording

    @property
    def status(self) -> str:
        if self.error is not None:
            return "error"
        if self.failed:
            return "regressed"
        return "changed" if self.diff is not None and self.diff.differs else "unchanged"

    def message(self) -> str | None:
        """Why it fails, with every counted change, one per line; None when it passes."""
        if self.error is not None:
            return self.error
        if not self.failed:
            return None
        lines = [f"{self.article.path} regressed: " + "; ".join(self.failed)]
        lines += [f"  {line}" for line in change_lines(self.diff)] if self.diff else []
        lines += [f"  flip: {flip}" for flip in self.flips]
        return "\n".join(lines)


@dataclass
class CheckReport:
    """A whole check; ``updated``: what ``update`` overwrote (one line each)."""

    suite: Suite
    articles: list[ArticleCheck]
    live: bool = False
    repeat: int = 1
    update: bool = False
    updated: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """2 when an article could not be checked, 1 when one regressed (and was not blessed
        by ``update``), else 0."""
        if any(a.error is not None for a in self.articles):
            return max(a.exit_code for a in self.articles if a.error is not None)
        return 1 if not self.update and any(a.failed for a in self.articles) else 0


def _flips(diffs: list[ArticleDiff]) -> list[Flip]:
    """Each item that differed from the blessed record in some of the runs."""
    seen: Counter[str] = Counter()
    for diff in diffs:
        keys = set()
        for kind in KINDS:
            d = diff.kind(kind)
            one = SINGULAR[kind]
            keys |= {f"{one} {label(kind, x)} removed or changed" for x in d.removed}
            keys |= {f"{one} {label(kind, c.a)} removed or changed" for c in d.changed}
            keys |= {f"{one} {label(kind, x)} added" for x in d.added}
        seen.update(keys)
    return [Flip(what, n, len(diffs)) for what, n in sorted(seen.items())]


def check_article(
    suite: Suite,
    article: Article,
    *,
    live_into: Path | None = None,
    repeat: int = 1,
    new_ok: bool = False,
) -> ArticleCheck:
    """Run ``article`` (``repeat`` times) and judge each run against its blessed record
    (``new_ok``: an article with none yet is run too, for ``update`` to bless)."""
    started = time.perf_counter()
    result = ArticleCheck(article)
    try:
        expected = read_expected(suite.expected(article))
        if expected is None and not new_ok:
            raise no_recording(suite, article, f"no expected/{article.id}.json")
        diffs: list[ArticleDiff] = []
        for _ in range(repeat):
            if live_into is not None:
                into = live_into / f"{article.id}.yaml"
                into.unlink(missing_ok=True)
                result.record = live(suite, article, into if suite.uses_llm else None)
                result.cassette = into if into.is_file() else None
            else:
                result.record = replay(suite, article)
            diff = counted(compare(expected, result.record, id=article.id), suite)
            diffs.append(diff)
            result.failed += [r for r in reasons(diff, suite) if r not in result.failed]
        result.diff = diffs[-1]
        if repeat > 1:
            result.flips = _flips(diffs)
    except SummarizerError as exc:
        result.error, result.exit_code = str(exc), exc.exit_code
    result.seconds = time.perf_counter() - started
    return result


def _same_requests(old: Path, new: Path) -> bool:
    """Whether two cassettes hold the same requests (their answers may differ)."""
    import yaml

    from summarizer.regression.cassettes import parsed_body

    def requests(path: Path) -> list[Any]:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        sent = [i["request"] for i in data.get("interactions") or ()]
        return [(r["method"], urlsplit(r["uri"]).path, parsed_body(r["body"])) for r in sent]

    return old.is_file() and requests(old) == requests(new)


def bless(suite: Suite, checks: list[ArticleCheck]) -> list[str]:
    """Write each checked article's record (and a live run's cassette) over the blessed ones;
    a line for each file that changed."""
    lines = []
    for check in checks:
        if check.record is None or check.error is not None:
            continue
        target = suite.expected(check.article)
        if write_expected(target, check.record):
            diff = check.diff
            what = ", ".join(f"{k} {c}" for k in KINDS if diff and (c := counts(diff, k)))
            if diff is not None and diff.missing == "a":
                what = "new"
            lines.append(f"{target.relative_to(suite.root)}" + (f" ({what})" if what else ""))
        cassette = suite.cassette(check.article)
        if check.cassette is not None and not _same_requests(cassette, check.cassette):
            cassette.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(check.cassette, cassette)
            lines.append(f"{cassette.relative_to(suite.root)} (re-recorded)")
    return lines


def check_suite(
    suite: Suite,
    *,
    live: bool = False,
    repeat: int = 1,
    update: bool = False,
    only: list[Article] | None = None,
) -> CheckReport:
    """Check every article (or ``only`` these); with ``update``, bless what ran."""
    articles = only or suite.articles()
    with tempfile.TemporaryDirectory(prefix="summarizer-live-") as tmp:
        scratch = Path(tmp) if live else None
        checks = [
            check_article(suite, a, live_into=scratch, repeat=repeat, new_ok=update)
            for a in articles
        ]
        report = CheckReport(suite, checks, live=live, repeat=repeat, update=update)
        if update:
            report.updated = bless(suite, checks)
    return report
