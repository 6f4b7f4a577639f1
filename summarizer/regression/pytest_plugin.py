"""pytest plugin: a team's own test run checks its regression suites, one test per article.

    pytest --summarizer-suite suites/news            # one item per article, offline replay

    def test_extraction(summarizer_check):           # or from a test, as a fixture
        summarizer_check("suites/news")

Registered through the ``pytest11`` entry point, so it is loaded wherever summarizer is
installed: without ``--summarizer-suite`` it adds nothing to a run (no items, no imports beyond
this module). A failing item's message is the structured diff ``summarizer check`` prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from summarizer.regression.check import CheckReport
    from summarizer.regression.suite import Article, Suite


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("summarizer", "summarizer regression suites")
    group.addoption(
        "--summarizer-suite",
        action="append",
        default=[],
        metavar="PATH",
        help="Check this summarizer suite, one test per article (repeatable).",
    )


class SuiteFailure(Exception):
    """An article outside its suite's thresholds; the message is the structured diff."""


class SuiteFile(pytest.File):
    """A suite's ``suite.toml``: collects one item per article."""

    def collect(self) -> Iterator[pytest.Item]:
        from summarizer.regression.suite import open_suite

        suite = open_suite(self.path.parent)
        for article in suite.articles():
            yield ArticleItem.from_parent(self, name=article.id, suite=suite, article=article)


class ArticleItem(pytest.Item):
    """One article: replayed and compared with its blessed record."""

    def __init__(self, *, suite: Suite, article: Article, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.suite, self.article = suite, article

    def runtest(self) -> None:
        from summarizer.regression.check import check_article

        message = check_article(self.suite, self.article).message()
        if message is not None:
            raise SuiteFailure(message)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, SuiteFailure):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"{self.suite.root}::{self.article.id}"


@pytest.hookimpl(tryfirst=True)  # before -k / -m deselect what it adds
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    from summarizer.errors import SummarizerError
    from summarizer.regression.suite import open_suite

    for given in config.getoption("summarizer_suite"):
        try:
            suite = open_suite(Path(given))
            suite.articles()
        except SummarizerError as exc:
            raise pytest.UsageError(f"--summarizer-suite: {exc}") from None
        toml = (suite.root / "suite.toml").resolve()
        collector = SuiteFile.from_parent(session, path=toml)
        found = list(collector.collect())
        # Reported as collected, so that "collected N items" counts them too.
        report = pytest.CollectReport(collector.nodeid, "passed", None, list(found))
        session.ihook.pytest_collectreport(report=report)
        items.extend(found)


@pytest.fixture
def summarizer_check() -> Callable[..., CheckReport]:
    """``summarizer_check(PATH, live=False, repeat=1)`` checks a suite and fails the test with
    the structured diff of every article outside its thresholds; returns the report."""

    def check(path: str | Path, **options: Any) -> CheckReport:
        from summarizer.regression.check import check_suite
        from summarizer.regression.suite import open_suite

        report = check_suite(open_suite(Path(path)), **options)
        failures = [m for a in report.articles if (m := a.message()) is not None]
        if failures:
            pytest.fail("\n\n".join(failures), pytrace=False)
        return report

    return check
