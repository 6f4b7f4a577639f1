"""``regression.terminal``: the diff table a terminal shows (hand-made records)."""

from __future__ import annotations

import io

from diff_records import party, record
from rich.console import Console

from summarizer.regression.compare import ArticleDiff, compare
from summarizer.regression.terminal import Terminal
from summarizer.regression.totals import Totals


def shown(*diffs: ArticleDiff) -> str:
    view, totals = Terminal("a.jsonl", "b.jsonl"), Totals()
    for diff in diffs:
        totals.add(diff)
        view.add(diff)
    out = io.StringIO()
    view.finish(totals, Console(file=out, width=160, highlight=False))
    return out.getvalue()


def test_a_row_per_differing_article_then_the_totals() -> None:
    b = record()
    b["quotes"][0]["speaker"] = party("Officials")
    text = shown(compare(record(), b, id="port"), compare(record(), record(), id="same"))
    assert "A a.jsonl  →  B b.jsonl" in text
    row = next(line for line in text.splitlines() if "port" in line and "~1" in line)
    assert "speaker Nasser Kanaani → Officials" in row
    assert "same" not in text.split("article(s) differ")[0].split("changes")[1]
    assert "1 of 2 article(s) differ" in text
    assert "quotes: +0 −0 ~1 (speaker 1); B against A: P 1.000 R 1.000 F1 1.000" in text


def test_nothing_differs_prints_only_the_totals() -> None:
    text = shown(compare(record(), record(), id="same"))
    assert text.splitlines()[0] == "0 of 1 article(s) differ" and "┃" not in text
