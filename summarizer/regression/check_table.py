"""A check as text: one row per article, the reasons and changes of each that failed, a verdict.

Plain aligned text rather than a terminal widget: CI logs are where it is read most.
"""

from __future__ import annotations

from summarizer.regression.check import CheckReport
from summarizer.regression.compare import KINDS
from summarizer.regression.junit import JUnitCase
from summarizer.regression.text import NONE, counts

_RESULT = {"unchanged": "ok", "changed": "ok (within thresholds)", "regressed": "REGRESSED"}


def _how(report: CheckReport) -> str:
    suite = report.suite
    if not suite.uses_llm:
        how = "rules backend"
    elif report.live:
        how = f"live against {suite.model} at {suite.base_url or 'OpenAI'}"
    else:
        how = "replayed from cassettes, network blocked"
    runs = f", {report.repeat} runs each" if report.repeat > 1 else ""
    return f"check {suite.root}: {len(report.articles)} article(s), {how}{runs}"


def table(report: CheckReport) -> str:
    """The per-article table, the detail of each failure, what was updated, and the verdict."""
    rows: list[tuple[str, ...]] = [("article", *KINDS, "F1 q/c/e", "seconds", "result")]
    for a in report.articles:
        if a.diff is None:
            cells = [NONE] * 4
        else:
            f1 = " ".join(f"{a.diff.kind(k).f1:.2f}" for k in KINDS)
            cells = [*(counts(a.diff, k) or NONE for k in KINDS), f1]
        result = "ERROR" if a.error else _RESULT[a.status]
        rows.append((a.article.id, *cells, f"{a.seconds:.2f}", result))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [_how(report), ""]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    for a in report.articles:
        if a.error is not None:
            continue  # on stderr, one line each
        message = a.message()
        if message is not None:
            lines += ["", message]
        elif a.flips:
            lines += ["", f"{a.article.relative} flips:", *(f"  {f}" for f in a.flips)]
    if report.updated:
        lines += ["", "updated (blessed the current output):", *(f"  {u}" for u in report.updated)]
    elif report.update:
        lines += ["", "updated: nothing (every blessed record was already current)"]
    return "\n".join([*lines, "", verdict(report)]) + "\n"


def verdict(report: CheckReport) -> str:
    """One closing line: PASS or FAIL, how many of what, the exit code."""
    n = len(report.articles)
    errors = sum(a.error is not None for a in report.articles)
    regressed = sum(a.status == "regressed" for a in report.articles)
    changed = sum(a.status == "changed" for a in report.articles)
    code = report.exit_code
    if errors:
        return (
            f"FAIL: {errors} of {n} article(s) could not be checked (why: on stderr); exit {code}"
        )
    if regressed and report.update:
        return f"PASS after update: {regressed} of {n} article(s) had changed and were blessed"
    if regressed:
        return f"FAIL: {regressed} of {n} article(s) regressed; exit {code}"
    within = f" ({changed} changed within thresholds)" if changed else ""
    return f"PASS: {n} article(s) unchanged{within}"


def junit_cases(report: CheckReport) -> list[JUnitCase]:
    """One JUnit test case per article."""
    classname = f"summarizer.check.{report.suite.name}"
    return [JUnitCase(a.article.id, classname, a.message(), a.seconds) for a in report.articles]
