"""Stream the articles of a bulk run from files, folders, JSONL, CSV or stdin, one at a time.

Nothing is read ahead: each input is a generator, so a run over a million-line JSONL file uses
the memory of one article. Every article gets a stable id: the one given, else its path relative
to the folder it was found in (or the path as given), else a hash of its text.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from summarizer.errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".html.gz", ".htm.gz")
RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson", ".csv"})


@dataclass(frozen=True)
class Item:
    """One article to extract, not yet loaded: a file to read, or text/HTML given inline.

    ``error`` is set when the input itself is already known to be unusable (a JSONL line that is
    not JSON, a row with no text), so the run can record it and go on.
    """

    id: str
    origin: str
    path: str | None = None
    text: str | None = None
    html: str | None = None
    error: str | None = None


def content_id(text: str) -> str:
    """The id of an article that has none: the start of its text's sha256 (as ``source_for``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def check(paths: list[str]) -> None:
    """Refuse, before anything starts, inputs that do not exist."""
    if not paths:
        raise InputError("no inputs given")
    for p in paths:
        if p != "-" and not Path(p).exists():
            raise InputError(f"{p}: no such file or folder")


def iter_items(paths: list[str]) -> Iterator[Item]:
    """Every article of every input, in order, lazily."""
    for p in paths:
        if p == "-":
            yield from _records(sys.stdin.buffer, "stdin")
        elif Path(p).is_dir():
            yield from _folder(Path(p))
        elif Path(p).suffix.lower() == ".csv":
            yield from _csv_file(p)
        elif Path(p).suffix.lower() in RECORD_SUFFIXES:
            yield from _jsonl_file(p)
        else:
            yield Item(id=_path_id(p), origin=p, path=p)


def count(paths: list[str]) -> int | None:
    """How many articles the inputs hold (for progress and ETA), or None when unknowable (stdin).

    A separate pass that holds nothing in memory; the runner calls it from a background thread.
    """
    total = 0
    for p in paths:
        if p == "-":
            return None
        path = Path(p)
        if path.is_dir():
            total += sum(1 for _ in _walk(path))
        elif path.suffix.lower() == ".csv":
            with open(path, encoding="utf-8", errors="replace", newline="") as f:
                total += sum(1 for _ in csv.reader(f))
                total -= 1  # header
        elif path.suffix.lower() in RECORD_SUFFIXES:
            with open(path, "rb") as f:
                total += sum(1 for line in f if line.strip())
        else:
            total += 1
    return max(total, 0)


def _path_id(p: str) -> str:
    return Path(os.path.normpath(p)).as_posix()


def _walk(root: Path) -> Iterator[Path]:
    """Article files under ``root``, sorted per folder so the order is stable; dotfiles skipped."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIXES):
                yield Path(folder) / name


def _folder(root: Path) -> Iterator[Item]:
    for path in _walk(root):
        yield Item(id=path.relative_to(root).as_posix(), origin=str(path), path=str(path))


def _jsonl_file(p: str) -> Iterator[Item]:
    try:
        f = open(p, "rb")  # noqa: SIM115 - closed by the with below, opened here to catch OSError
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    with f:
        yield from _records(f, p)


def _records(stream: BinaryIO, name: str) -> Iterator[Item]:
    """JSONL: one ``{"id": ..., "text": ...}`` (or ``"html"``) object per line."""
    for lineno, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        origin = f"{name}:{lineno}"
        try:
            obj = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            yield Item(id=origin, origin=origin, error=f"{origin}: not a JSON line ({exc})")
            continue
        if not isinstance(obj, dict):
            yield Item(id=origin, origin=origin, error=f"{origin}: expected a JSON object")
            continue
        yield _record(obj, origin)


def _csv_file(p: str) -> Iterator[Item]:
    csv.field_size_limit(2**31 - 1)  # articles are longer than csv's 128 KiB default
    try:
        f = open(p, encoding="utf-8-sig", newline="")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    with f:
        reader = csv.DictReader(f)
        try:
            header = reader.fieldnames or []
            if "text" not in header and "html" not in header:
                raise InputError(f"{p}: a CSV input needs a 'text' or 'html' column")
            for row in reader:
                yield _record(row, f"{p}:{reader.line_num}")
        except UnicodeDecodeError:
            raise InputError(f"{p}: cannot decode as utf-8") from None


def _record(obj: dict[str, object], origin: str) -> Item:
    """An ``Item`` from a JSONL object or CSV row; a row with no usable text is an error item."""
    given = obj.get("id")
    text, html = obj.get("text"), obj.get("html")
    text = text if isinstance(text, str) and text.strip() else None
    html = html if isinstance(html, str) and html.strip() else None
    body = text or html
    if given is not None and str(given).strip():
        ident = str(given)
    elif body is not None:
        ident = content_id(body)
    else:
        ident = origin
    if body is None:
        return Item(id=ident, origin=origin, error=f"{origin}: no 'text' or 'html' to extract")
    return Item(id=ident, origin=origin, text=text, html=None if text else html)
