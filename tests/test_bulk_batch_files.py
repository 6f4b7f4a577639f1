"""Batch request files: split at both limits, an article's chunks kept in one file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.bulk.batch.files import RequestFiles, line, split_id
from summarizer.errors import InputError


def test_files_split_at_requests_and_bytes_and_keep_an_article_whole(tmp_path: Path) -> None:
    one = line("a", 0, {"x": "y" * 50})
    files = RequestFiles(tmp_path, "t", max_requests=3, max_bytes=len(one) * 10)
    files.add("a", [line("a", 0, {"x": "y" * 50}), line("a", 1, {"x": "y" * 50})])
    files.add("b#1", [line("b#1", 0, {"x": "y" * 50}), line("b#1", 1, {"x": "y" * 50})])
    files.add("c", [line("c", 0, {"x": "y" * 50})])
    written = files.close()
    assert [(w.name, w.ids, w.requests) for w in written] == [
        ("t-0.jsonl", ["a"], 2),
        ("t-1.jsonl", ["b#1", "c"], 3),
    ]
    rows = [json.loads(x) for x in (tmp_path / "t-1.jsonl").read_text().splitlines()]
    assert [split_id(r["custom_id"]) for r in rows] == [("b#1", 0), ("b#1", 1), ("c", 0)]
    assert rows[0]["url"] == "/v1/chat/completions" and rows[0]["method"] == "POST"

    by_bytes = RequestFiles(tmp_path, "u", max_requests=100, max_bytes=len(one) * 2)
    for i in range(5):
        by_bytes.add(f"x{i}", [line(f"x{i}", 0, {"x": "y" * 50})])
    assert all(w.bytes <= len(one) * 2 for w in by_bytes.close())


def test_an_article_bigger_than_a_file_is_refused(tmp_path: Path) -> None:
    files = RequestFiles(tmp_path, "t", max_requests=1, max_bytes=10_000)
    with pytest.raises(InputError, match="exceed one batch file's limits"):
        files.add("a", [line("a", 0, {}), line("a", 1, {})])
