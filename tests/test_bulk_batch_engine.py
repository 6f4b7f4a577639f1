"""``bulk --batch`` against the fake Batch API (``FakeOpenAI.batches``): requests, results,
failures, expiry, re-asks, split files and resume. Every answer is hand-written (``ANSWER`` of
``test_bulk_run``, or a deliberately ungrounded copy of it), not a model's.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from fake_openai import FakeOpenAI, Reply, tool_reply
from test_bulk_run import ANSWER, article, completions, jsonl, options

from summarizer.bulk.accounting import load_prices, summary_line
from summarizer.bulk.batch import state as st
from summarizer.bulk.batch.engine import BatchOptions
from summarizer.bulk.run import run_bulk
from summarizer.bulk.store import last_per_id

FAST = {"poll_min": 0.01, "poll_max": 0.05}


def good(cid: str, body: dict[str, Any]) -> Reply:
    return tool_reply(ANSWER, prompt_tokens=100, completion_tokens=20)


def batch_options(tmp_path: Path, server: FakeOpenAI, n: int, **kw: Any) -> Any:
    src = jsonl(tmp_path / "in.jsonl", n)
    batch = BatchOptions(**{**FAST, **kw.pop("batch", {})})
    return options(tmp_path, [str(src)], server, batch=batch, **kw)


def sent_lines(server: FakeOpenAI) -> list[dict[str, Any]]:
    """Every request line of every batch file uploaded."""
    return [
        json.loads(x)
        for fid, f in server.batches.files.items()
        if f["purpose"] == "batch"
        for x in server.batches.content[fid].splitlines()
    ]


def test_a_batch_run_writes_every_article_once_with_batch_prices(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    fake_openai.batches.answer = good
    tally = run_bulk(batch_options(tmp_path, fake_openai, 5))
    assert (tally.ok, tally.error, tally.requests) == (5, 0, 5)
    assert not completions(fake_openai)  # nothing went through the live endpoint
    results = last_per_id(tmp_path / "out.jsonl")
    assert sorted(results) == [f"a{i}" for i in range(5)]
    q = results["a3"]["quotes"][0]  # type: ignore[index]
    assert article(3)[q["start"] : q["end"]] == "We will rebuild the bridge"
    assert [x["custom_id"] for x in sent_lines(fake_openai)] == [f"a{i}#0" for i in range(5)]
    assert tally.batch_prompt_tokens == 500 and tally.batch_completion_tokens == 100
    line = summary_line(tally, "gpt-4o-mini", load_prices(None), interrupted=False)
    assert "at batch prices" in line and "saved" in line
