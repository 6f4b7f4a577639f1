"""What ``summarizer check`` adds per article beyond the extraction or replay itself.

Run: python benchmarks/check_overhead.py [--repeats 15]
Target (issue 9): <= 20 ms per article. Two suites, side by side in the same run, each article
timed both ways in alternation: the replay (or extraction) alone, ``recording.replay``, and the
whole ``check`` of it, ``check.check_article`` (the same replay, then reading the blessed record,
the one-to-one comparison and the thresholds). On a shared machine the difference of those two
medians swings by tens of milliseconds either way, so the headline is paired: inside each
``check_article`` call the replay it makes is timed too, and the overhead is the median of
(check minus its own replay) over the calls. The comparison step alone (read, compare, judge, on
the record already made) is timed as well.

- ``llm-tools``: the project's suite (tests/canned-suites/tools, 4 articles), replayed from its
  cassettes with the network blocked (the answers in them are hand-written, tests/llm_canned.py);
- ``rules``: the same 4 articles as a rules-backend suite recorded into a temporary folder
  (extraction by spaCy and rules, no cassettes).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from summarizer.regression import check  # noqa: E402
from summarizer.regression.check import check_article  # noqa: E402
from summarizer.regression.compare import compare  # noqa: E402
from summarizer.regression.expected import read_expected  # noqa: E402
from summarizer.regression.recording import Target, record_suite, replay  # noqa: E402
from summarizer.regression.suite import Article, Suite, open_suite  # noqa: E402
from summarizer.regression.verdict import counted, reasons  # noqa: E402


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def judge(suite: Suite, article: Article, record: dict[str, object]) -> list[str]:
    """The comparison step alone, on a record already made."""
    expected = read_expected(suite.expected(article))
    return reasons(counted(compare(expected, record, id=article.id), suite), suite)


def measure(suite: Suite, repeats: int) -> list[tuple[str, float, float, float, float]]:
    """Per article, medians in seconds: replay alone, check, check minus its own replay
    (paired, per call), and the comparison step alone."""
    inner: list[float] = []

    def replay_timed(s: Suite, a: Article) -> dict[str, object]:
        started = time.perf_counter()
        try:
            return replay(s, a)
        finally:
            inner.append(time.perf_counter() - started)

    rows = []
    for article in suite.articles():
        record = replay(suite, article)  # warm: imports, spaCy model, the client
        assert not check_article(suite, article).failed, article.id
        alone, checked, paired, step = [], [], [], []
        for _ in range(repeats):
            alone.append(timed(lambda a=article: replay(suite, a)))
            inner.clear()
            check.replay = replay_timed  # type: ignore[assignment]
            try:
                checked.append(timed(lambda a=article: check_article(suite, a)))
            finally:
                check.replay = replay
            paired.append(checked[-1] - sum(inner))
            step.append(timed(lambda a=article, r=record: judge(suite, a, r)))
        rows.append(
            (
                article.id,
                statistics.median(alone),
                statistics.median(checked),
                statistics.median(paired),
                statistics.median(step),
            )
        )
    return rows


def rules_suite(folder: Path) -> Suite:
    """The llm-tools articles as a rules suite in ``folder``, recorded now."""
    shutil.copytree(ROOT / "tests" / "canned-suites" / "tools" / "articles", folder / "articles")
    (folder / "suite.toml").write_text('[model]\nname = "rules"\n', encoding="utf-8")
    suite = open_suite(folder)
    record_suite(suite, Target.of(suite))
    return suite


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        suites = {
            "llm-tools": open_suite(ROOT / "tests" / "canned-suites" / "tools"),
            "rules": rules_suite(Path(tmp) / "rules"),
        }
        print(
            f"{'suite':<10} {'article':<14} {'replay':>8} {'check':>8} {'diff':>7} "
            f"{'overhead':>9} {'compare':>8}   (ms, medians)"
        )
        worst = 0.0
        for name, suite in suites.items():
            for article, alone, checked, paired, step in measure(suite, args.repeats):
                worst = max(worst, paired)
                print(
                    f"{name:<10} {article:<14} {alone * 1000:>8.1f} {checked * 1000:>8.1f} "
                    f"{(checked - alone) * 1000:>7.1f} {paired * 1000:>9.2f} {step * 1000:>8.2f}"
                )
    print(f"largest per-article overhead (paired) {worst * 1000:.2f} ms (target <= 20 ms)")


if __name__ == "__main__":
    main()
