"""The bulk output store: whole lines, torn tails cut on resume, ok ids remembered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.bulk.store import Store, head, last_per_id
from summarizer.errors import ConfigError


def _line(i: str, status: str, **extra: object) -> str:
    return json.dumps({"id": i, "status": status, **extra}, separators=(",", ":"))


def test_written_lines_are_whole_and_resume_reads_their_status(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    store = Store(out)
    assert store.open().ok == set()
    store.write(_line("a", "ok"))
    store.write(_line("b", "error", error="boom"))
    store.write(_line('c "quoted"', "ok"))
    store.close()
    resume = Store(out).open()
    assert resume.ok == {"a", 'c "quoted"'}
    assert resume.errors == {"b"}
    assert resume.lines == 3 and resume.torn_bytes == 0


def test_a_torn_last_line_is_cut_off_and_appending_goes_on_cleanly(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes((_line("a", "ok") + "\n" + '{"id":"b","status":"ok","sour').encode())
    store = Store(out)
    resume = store.open()
    assert resume.ok == {"a"} and resume.torn_bytes == len('{"id":"b","status":"ok","sour')
    store.write(_line("b", "ok"))
    store.close()
    lines = out.read_text().splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["a", "b"]


def test_a_retried_error_then_ok_reads_as_ok(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(_line("a", "error", error="x") + "\n" + _line("a", "ok") + "\n")
    resume = Store(out).open()
    assert resume.ok == {"a"} and resume.errors == set()
    assert last_per_id(out)["a"]["status"] == "ok"


def test_head_reads_lines_written_in_another_key_order() -> None:
    assert head(b'{"status": "ok", "id": "z"}\n') == ("z", "ok")
    assert head(b"garbage\n") is None


def test_an_output_path_that_cannot_be_written_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot write"):
        Store(tmp_path / "missing-folder" / "out.jsonl").open()
    with pytest.raises(ConfigError, match="is a folder"):
        Store(tmp_path).open()
