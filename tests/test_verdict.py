"""Thresholds: what a change may be and still pass (summarizer.regression.verdict)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from llm_canned import ROOT

from summarizer.regression.compare import compare
from summarizer.regression.suite import Suite, parse
from summarizer.regression.verdict import counted, reasons

BLESSED: dict[str, Any] = json.loads(
    (ROOT / "tests/canned-suites/json/expected/reference.json").read_text(encoding="utf-8")
)


def suite(**tables: dict[str, Any]) -> Suite:
    return parse(Path("s"), tables)


def changed(*, drop_quote: bool = False, speaker: str | None = None, cue: bool = False) -> Any:
    record = copy.deepcopy(BLESSED)
    if speaker is not None:
        record["quotes"][2]["speaker"]["name"] = speaker
    if cue:
        record["quotes"][2]["cue"] = None
    if drop_quote:
        del record["quotes"][0]
    return record


def judged(record: Any, s: Suite) -> list[str]:
    return reasons(counted(compare(BLESSED, record, id="reference"), s), s)


def test_no_change_passes_a_strict_suite() -> None:
    assert judged(copy.deepcopy(BLESSED), suite()) == []


@pytest.mark.parametrize(
    ("record", "needle"),
    [
        (changed(drop_quote=True), "quotes +0 −1 (no min_quote_f1 set"),
        (changed(speaker="Ali Khamenei"), "speaker changed in 1 item(s) (no speaker_changes set"),
        (changed(cue=True), "cue changed in 1 item(s)"),
    ],
)
def test_with_no_thresholds_any_change_fails(record: Any, needle: str) -> None:
    [reason] = judged(record, suite())
    assert needle in reason


def test_min_f1_relaxes_added_and_removed_items_only() -> None:
    lenient = suite(thresholds={"min_quote_f1": 0.75})
    assert judged(changed(drop_quote=True), lenient) == []  # F1 0.8: 2 of 3 found, none wrong
    [below] = judged(changed(drop_quote=True), suite(thresholds={"min_quote_f1": 0.9}))
    assert "quotes F1 0.800 below min_quote_f1 0.9" in below
    [still] = judged(changed(speaker="Ali Khamenei"), lenient)
    assert "speaker changed" in still


def test_field_change_limits() -> None:
    assert judged(changed(speaker="X"), suite(thresholds={"speaker_changes": 1})) == []
    [over] = judged(changed(speaker="X"), suite(thresholds={"speaker_changes": 0}))
    assert "more than speaker_changes 0" in over


def test_ignored_fields_and_kinds_do_not_count() -> None:
    assert judged(changed(cue=True), suite(compare={"ignore": ["cue"]})) == []
    only_events = suite(compare={"kinds": ["events"]})
    assert judged(changed(drop_quote=True, speaker="X"), only_events) == []
    diff = counted(compare(BLESSED, changed(cue=True), id="r"), suite(compare={"ignore": ["cue"]}))
    assert not diff.differs
