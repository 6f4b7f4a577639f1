"""One side of a diff: a run's records, read one at a time.

A side is one JSON record (``summarise --format json``), a bulk JSONL output, or a folder of
``*.json`` records (a suite's ``expected/``). A JSONL file is indexed once (each id's last line:
byte offset and length, its status and its ``source.sha256``) and every record is parsed only
when it is compared, so two 10,000-article outputs are never held in memory.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from summarizer.bulk.store import head
from summarizer.errors import InputError

# The first "sha256" key of a record is its source's (no other object has one); a quote mark
# inside a JSON string is always escaped, so article words cannot fake it.
_SHA = re.compile(rb'"sha256"\s*:\s*"([0-9a-f]{64})"')
_LINE_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(slots=True)
class Entry:
    """Where one article's record is, without its content."""

    where: Path
    offset: int = 0
    length: int = -1  # -1: the whole file
    sha256: str | None = None
    error: bool = False
    line: int = 0
    record: dict[str, Any] | None = None  # kept only for a single-record side


@dataclass
class Run:
    """The records of one side, by id in first-seen order."""

    path: Path
    kind: str  # "record", "jsonl" or "folder"
    entries: dict[str, Entry] = field(default_factory=dict)
    torn: int = 0  # a last line cut short (a run still writing, or killed)
    _by_sha: dict[str, str] | None = None
    _handle: BinaryIO | None = None  # the JSONL file, opened once for all its reads

    @property
    def errors(self) -> int:
        """Articles whose last line is ``status: error``: counted as missing records."""
        return sum(e.error for e in self.entries.values())

    def by_sha(self) -> dict[str, str]:
        """sha256 -> id (the first id with that text), built on first use."""
        if self._by_sha is None:
            self._by_sha = {}
            for key, entry in self.entries.items():
                if entry.sha256 is not None:
                    self._by_sha.setdefault(entry.sha256, key)
        return self._by_sha

    def get(self, key: str) -> dict[str, Any] | None:
        """The record of ``key`` parsed now, or None when this side has no such article."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        if entry.record is not None:
            return entry.record
        if self.kind == "jsonl":
            if self._handle is None:
                self._handle = self.path.open("rb")
            self._handle.seek(entry.offset)
            data = self._handle.read(entry.length)
        else:
            data = entry.where.read_bytes()
        where = f"{entry.where} line {entry.line}" if self.kind == "jsonl" else str(entry.where)
        return _record(data, where)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def _record(data: bytes, where: str) -> dict[str, Any]:
    try:
        obj = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise InputError(f"{where}: not JSON; expected a summarizer record") from None
    if not isinstance(obj, dict) or not (
        isinstance(obj.get("source"), dict) or obj.get("status") == "error"
    ):
        raise InputError(f"{where}: not a summarizer record (no source)")
    return obj


def _sha_of(record: dict[str, Any]) -> str | None:
    source = record.get("source")
    sha = source.get("sha256") if isinstance(source, dict) else None
    return sha if isinstance(sha, str) else None


def _index_jsonl(path: Path) -> Run:
    run = Run(path, "jsonl")
    offset = 0
    with path.open("rb") as fh:
        for number, line in enumerate(fh, 1):
            start, offset = offset, offset + len(line)
            if not line.strip():
                continue
            complete = line.endswith(b"\n")
            found = head(line)
            if found is None:
                if not complete:
                    run.torn += 1
                    continue
                record = _record(line, f"{path} line {number}")
                key = record.get("id") or _source_id(record)
                if key is None:
                    raise InputError(f"{path} line {number}: a record with no id")
                found = (str(key), str(record.get("status", "ok")))
            key, status = found
            sha = _SHA.search(line)
            run.entries.pop(key, None)  # the last line per id wins, in its own place
            run.entries[key] = Entry(
                path,
                start,
                len(line),
                sha.group(1).decode() if sha else None,
                status == "error",
                number,
            )
    if not run.entries:
        raise InputError(f"{path}: no records in it")
    return run


def _source_id(record: dict[str, Any]) -> str | None:
    source = record.get("source")
    key = source.get("id") if isinstance(source, dict) else None
    return str(key) if key is not None else None


def _index_folder(path: Path) -> Run:
    run = Run(path, "folder")
    for where in sorted(path.glob("*.json")):
        with where.open("rb") as fh:
            sha = _SHA.search(fh.read())
        run.entries[where.stem] = Entry(where, sha256=sha.group(1).decode() if sha else None)
    if not run.entries:
        raise InputError(f"{path}: a folder with no *.json records")
    return run


def _single(path: Path) -> Run:
    record = _record(path.read_bytes(), str(path))
    key = str(record.get("id") or _source_id(record) or path.stem)
    entry = Entry(path, sha256=_sha_of(record), error=record.get("status") == "error")
    entry.record = record
    return Run(path, "record", {key: entry})


def _looks_like_lines(path: Path) -> bool:
    with path.open("rb") as fh:
        first = fh.readline()
    try:
        return isinstance(json.loads(first), dict)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False


def open_run(path: Path) -> Run:
    """Index one side: a record, a bulk JSONL output or a folder of records."""
    try:
        if path.is_dir():
            return _index_folder(path)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.suffix in _LINE_SUFFIXES:
            return _index_jsonl(path)
        if path.suffix != ".json" and _looks_like_lines(path):
            return _index_jsonl(path)
        return _single(path)
    except OSError as exc:
        raise InputError(
            f"{path}: cannot read ({exc.strerror or exc.__class__.__name__})"
        ) from None


@dataclass(frozen=True)
class Pairing:
    """One article as the two sides hold it: ``a_id``/``b_id`` None when a side lacks it."""

    id: str
    a_id: str | None
    b_id: str | None


def pair_articles(a: Run, b: Run) -> Iterator[Pairing]:
    """Articles paired by id, then by ``source.sha256``; A's order, then what only B has.

    Two single records are one article whatever their ids (the user named both files).
    """
    if a.kind == b.kind == "record":
        (a_id,), (b_id,) = a.entries, b.entries
        yield Pairing(a_id, a_id, b_id)
        return
    claimed: set[str] = set()
    for key, entry in a.entries.items():
        if key in b.entries:
            claimed.add(key)
            yield Pairing(key, key, key)
            continue
        other = b.by_sha().get(entry.sha256) if entry.sha256 else None
        if other is not None and other not in a.entries and other not in claimed:
            claimed.add(other)
            yield Pairing(key, key, other)
        else:
            yield Pairing(key, key, None)
    for key in b.entries:
        if key not in claimed and key not in a.entries:
            yield Pairing(key, None, key)
