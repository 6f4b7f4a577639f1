"""Bulk inputs: files, folders, JSONL, CSV and stdin, streamed, each article with a stable id."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from summarizer.bulk.inputs import Item, check, content_id, count, iter_items
from summarizer.errors import InputError


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folder_is_walked_recursively_with_ids_relative_to_it(tmp_path: Path) -> None:
    root = tmp_path / "news"
    _write(root / "b.txt", "B.")
    _write(root / "a.md", "A.")
    _write(root / "2024" / "c.html", "<html><body>C</body></html>")
    _write(root / "2024" / "d.htm", "D")
    _write(root / "notes.pdf", "not an article")
    _write(root / ".hidden" / "e.txt", "hidden")
    items = list(iter_items([str(root)]))
    assert [i.id for i in items] == ["a.md", "b.txt", "2024/c.html", "2024/d.htm"]
    assert all(i.path and Path(i.path).is_file() for i in items)
    assert count([str(root)]) == 4


def test_a_file_given_directly_keeps_its_path_as_id(tmp_path: Path) -> None:
    f = _write(tmp_path / "x" / "story.txt", "Text.")
    (item,) = iter_items([str(f)])
    assert item.id == f.as_posix() and item.path == str(f)


def test_jsonl_ids_given_or_hashed_and_bad_lines_become_error_items(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 7, "text": "Seven."}),
        json.dumps({"text": "No id here."}),
        "not json",
        json.dumps({"id": "empty", "text": "  "}),
        json.dumps({"id": "page", "html": "<html><body><p>Hi</p></body></html>"}),
        "",
    ]
    f = _write(tmp_path / "in.jsonl", "\n".join(lines) + "\n")
    items = list(iter_items([str(f)]))
    assert [i.id for i in items] == ["7", content_id("No id here."), f"{f}:3", "empty", "page"]
    assert items[0].text == "Seven." and items[0].error is None
    assert items[2].error and "not a JSON line" in items[2].error
    assert items[3].error and "no 'text' or 'html'" in items[3].error
    assert items[4].html and items[4].text is None
    assert count([str(f)]) == 5


def test_csv_with_long_quoted_text_and_missing_ids(tmp_path: Path) -> None:
    long_text = "Word, with comma and\nnewline. " * 10_000  # past csv's 128 KiB field default
    f = tmp_path / "in.csv"
    with open(f, "w", encoding="utf-8", newline="") as out:
        w = csv.writer(out)
        w.writerow(["id", "text", "extra"])
        w.writerow(["a", long_text, "x"])
        w.writerow(["", "Short one.", ""])
    items = list(iter_items([str(f)]))
    assert [i.id for i in items] == ["a", content_id("Short one.")]
    assert items[0].text == long_text
    assert count([str(f)]) == 2


def test_csv_without_text_column_is_an_input_error(tmp_path: Path) -> None:
    f = _write(tmp_path / "in.csv", "id,body\n1,hello\n")
    with pytest.raises(InputError, match="'text' or 'html' column"):
        list(iter_items([str(f)]))


def test_stdin_is_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (json.dumps({"id": "s1", "text": "From stdin."}) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(data)))
    assert list(iter_items(["-"])) == [Item(id="s1", origin="stdin:1", text="From stdin.")]
    assert count(["-"]) is None


def test_missing_inputs_are_refused_up_front(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        check([str(tmp_path / "nope")])
    with pytest.raises(InputError, match="no inputs"):
        check([])
