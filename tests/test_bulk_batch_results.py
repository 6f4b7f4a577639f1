"""Reading an ended batch's files: answers, failures with their reason, a follow-up's answers
so far, and what a collection already wrote. The files are written here by hand, in the Batch
API's output format."""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.bulk.batch import results
from summarizer.bulk.batch.state import Entry


def _entry(**kw: object) -> Entry:
    return Entry("r0.jsonl", ["a", "b", "c"], 3, 100, batch_id="batch_1", **kw)  # type: ignore[arg-type]


def test_answers_and_failures_are_read_by_custom_id(tmp_path: Path) -> None:
    ok = {"custom_id": "a#0", "response": {"status_code": 200, "body": {"id": "x"}}}
    bad = {
        "custom_id": "b#0",
        "response": {"status_code": 400, "body": {"error": {"code": "bad", "message": "no"}}},
    }
    gone = {"custom_id": "c#0", "error": {"code": "expired", "message": "too late"}}
    (tmp_path / "r0.jsonl.output").write_text(
        json.dumps(ok) + "\n\n" + json.dumps(bad) + "\n", encoding="utf-8"
    )
    (tmp_path / "r0.jsonl.errors").write_text(json.dumps(gone) + "\n", encoding="utf-8")
    answers, reasons = results.read(tmp_path, _entry())
    assert answers == {"a#0": {"id": "x"}}
    assert reasons == {
        "b#0": "batch request failed (batch_1): bad: no",
        "c#0": "batch request failed (batch_1): expired: too late",
    }


def test_a_failure_without_a_reason_says_so() -> None:
    rec = {"custom_id": "a#0", "response": {"status_code": 500}}
    assert results.reason(rec, _entry()) == "batch request failed (batch_1): 500: no reason given"


def test_a_follow_ups_answers_so_far_and_asked_chunks(tmp_path: Path) -> None:
    assert results.prior(tmp_path, _entry()) == ({}, {})
    row = {"id": "a", "answers": {"0": [{"id": "x"}], "1": []}, "asked": [1]}
    (tmp_path / "r1.answers.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    answers, asked = results.prior(tmp_path, _entry(prior="r1.answers.jsonl"))
    assert answers == {"a": {0: [{"id": "x"}], 1: []}} and asked == {"a": {1}}


def test_written_since_reads_whole_lines_after_the_offset(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert results.written_since(out, 0) == set()
    first = '{"id":"old","status":"ok"}\n'
    out.write_text(first + '{"id":"new","status":"ok"}\n{"id":"torn","sta', encoding="utf-8")
    assert results.written_since(out, len(first)) == {"new"}
    assert results.written_since(out, out.stat().st_size) == set()
