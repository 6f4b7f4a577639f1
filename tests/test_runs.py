"""``regression.runs``: reading one side of a diff (record, bulk JSONL, folder) and pairing the
articles of two sides. The records are hand-made (tests/diff_records.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from diff_records import TEXT, record

from summarizer.errors import InputError
from summarizer.regression.runs import Pairing, open_run, pair_articles


def line(rec: dict[str, Any], id: str, status: str = "ok") -> str:
    return json.dumps({"id": id, "status": status, "cached": False, **rec}, ensure_ascii=False)


def error(id: str) -> str:
    return json.dumps({"id": id, "status": "error", "error": "server kept failing"})


def test_jsonl_takes_the_last_line_per_id_and_counts_error_lines(tmp_path: Path) -> None:
    first, retried = record(id="one"), record(id="one")
    retried["quotes"] = []
    path = tmp_path / "out.jsonl"
    path.write_text(
        "\n".join([error("one"), line(first, "one"), error("two"), line(retried, "one")]) + "\n",
        encoding="utf-8",
    )
    run = open_run(path)
    assert run.kind == "jsonl" and list(run.entries) == ["two", "one"]
    got = run.get("one")
    assert got is not None and got["quotes"] == []  # the last line, not the first ok one
    assert run.errors == 1 and run.get("two") == json.loads(error("two"))
    assert run.get("three") is None
    assert run.entries["one"].sha256 == first["source"]["sha256"]


def test_a_torn_tail_is_left_out_and_lines_without_bulk_keys_use_source_id(
    tmp_path: Path,
) -> None:
    path = tmp_path / "out.jsonl"
    plain = json.dumps(record(id="port"))  # `summarise --format json` output, one per line
    path.write_text(plain + "\n" + line(record(), "b")[:40], encoding="utf-8")
    run = open_run(path)
    assert list(run.entries) == ["port"] and run.torn == 1


def test_folder_and_single_record(tmp_path: Path) -> None:
    (tmp_path / "expected").mkdir()
    for name in ("b", "a"):
        (tmp_path / "expected" / f"{name}.json").write_text(
            json.dumps(record(id=name), indent=2), encoding="utf-8"
        )
    folder = open_run(tmp_path / "expected")
    assert folder.kind == "folder" and list(folder.entries) == ["a", "b"]
    assert folder.get("a") == record(id="a")
    single = open_run(tmp_path / "expected" / "b.json")
    assert single.kind == "record" and list(single.entries) == ["b"]


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("missing.jsonl", None, "no such file"),
        ("bad.json", "{not json", "not JSON"),
        ("list.json", "[1, 2]", "not a summarizer record"),
        ("empty.jsonl", "\n\n", "no records"),
        ("other.jsonl", '{"id": "x", "status": "ok"}\n[]\n', "not a summarizer record"),
    ],
)
def test_bad_input_is_an_input_error(
    tmp_path: Path, name: str, content: str | None, needle: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=needle):
        run = open_run(path)
        for key in run.entries:
            run.get(key)


def test_empty_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no \*\.json"):
        open_run(tmp_path)


def test_articles_pair_by_id_then_by_sha256(tmp_path: Path) -> None:
    other_text = TEXT + "A last line.\n"
    a = tmp_path / "a.jsonl"
    b = tmp_path / "b.jsonl"
    a.write_text(
        "\n".join([line(record(id="x"), "x"), line(record(other_text), "renamed"), error("gone")])
        + "\n",
        encoding="utf-8",
    )
    b.write_text(
        "\n".join([line(record(other_text), "new-name"), line(record(id="x"), "x")]) + "\n",
        encoding="utf-8",
    )
    b.write_text(
        b.read_text() + line(record("B only\n\n" + TEXT), "fresh") + "\n", encoding="utf-8"
    )
    pairs = list(pair_articles(open_run(a), open_run(b)))
    assert pairs == [
        Pairing("x", "x", "x"),
        Pairing("renamed", "renamed", "new-name"),  # same text, another id
        Pairing("gone", "gone", None),
        Pairing("fresh", None, "fresh"),
    ]


def test_two_single_records_are_one_article_whatever_their_ids(tmp_path: Path) -> None:
    (tmp_path / "old.json").write_text(json.dumps(record(id="one")), encoding="utf-8")
    (tmp_path / "new.json").write_text(json.dumps(record(id="two")), encoding="utf-8")
    pairs = list(pair_articles(open_run(tmp_path / "old.json"), open_run(tmp_path / "new.json")))
    assert pairs == [Pairing("one", "one", "two")]
