"""``regression.totals``: what a whole diff adds up to, worked by hand over hand-made records."""

from __future__ import annotations

from diff_records import party, record

from summarizer.regression.compare import compare
from summarizer.regression.totals import Totals


def test_totals_sum_articles_and_micro_average_scores() -> None:
    b = record()
    b["quotes"].pop(1)
    b["quotes"][0]["speaker"] = party("Officials")
    totals = Totals(errors_b=1)
    for diff in (
        compare(record(), b, id="port"),
        compare(record(), record(), id="same"),
        compare(None, record(), id="new"),
    ):
        totals.add(diff)
    out = totals.to_json()
    assert (out["articles"], out["differing"]) == (3, 2)
    assert out["missing"] == {"a": 1, "b": 0} and out["errors"] == {"a": 0, "b": 1}
    # quotes: A holds 2 + 2 (port, same); B holds 1 + 2 + 2 (port, same, new)
    assert out["quotes"] == {
        "added": 2,
        "removed": 1,
        "changed": 1,
        "matched": 3,
        "in_a": 4,
        "in_b": 5,
        "precision": 0.6,
        "recall": 0.75,
        "f1": round(2 * 0.6 * 0.75 / 1.35, 4),
        "fields": {"speaker": 1},
    }
    assert totals.differs


def test_nothing_compared_is_no_difference() -> None:
    totals = Totals()
    assert not totals.differs and totals.to_json()["quotes"]["f1"] == 1.0
