"""The output JSONL: append-only, one whole line per ``write()``, resumable after any crash.

Each finished article is one line written with a single ``os.write`` on a file opened with
``O_APPEND``, so a kill at any moment leaves whole lines plus, at worst, one torn tail (power
loss, full disk). Opening the store for a resumed run cuts such a tail off. Lines are never
rewritten: a retried article that failed before gets a new line after its error line, so
readers take the last line per id (``last_per_id``).
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.errors import ConfigError

# Lines are written as {"id":...,"status":...,...}: read those two without parsing the rest.
_HEAD = re.compile(rb'^\{"id":("(?:[^"\\]|\\.)*"),"status":"(ok|error)"')


@dataclass
class Resume:
    """What an existing output already holds."""

    ok: set[str] = field(default_factory=set)
    errors: set[str] = field(default_factory=set)
    lines: int = 0
    bad_lines: int = 0
    torn_bytes: int = 0


def head(line: bytes) -> tuple[str, str] | None:
    """The ``(id, status)`` of one output line, or None when it is not a result line."""
    m = _HEAD.match(line)
    if m:
        return json.loads(m.group(1)), m.group(2).decode()
    try:
        obj = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if isinstance(obj, dict) and isinstance(obj.get("id"), str) and obj.get("status"):
        return obj["id"], str(obj["status"])
    return None


def iter_lines(path: Path) -> Iterator[tuple[bytes, tuple[str, str] | None]]:
    """Every complete line of an output with its ``(id, status)``; a torn tail is not yielded."""
    with open(path, "rb") as f:
        for line in f:
            if line.endswith(b"\n"):
                yield line, head(line)


def last_per_id(path: Path) -> dict[str, dict[str, object]]:
    """Each id's last line, parsed: how to read a bulk output (small outputs; it holds them all)."""
    out: dict[str, dict[str, object]] = {}
    for line, h in iter_lines(path):
        if h is not None:
            out[h[0]] = json.loads(line)
    return out


class Store:
    """Appends result lines to ``path``, flushing each and fsyncing every ``fsync_seconds``."""

    def __init__(self, path: Path, *, fsync_seconds: float = 2.0) -> None:
        self.path = path
        self.fsync_seconds = fsync_seconds
        self._fd: int | None = None
        self._dirty = False
        self._synced = time.monotonic()

    def open(self) -> Resume:
        """Read what is already done, cut a torn tail, and open for appending."""
        resume = Resume()
        if self.path.is_dir():
            raise ConfigError(f"--output {self.path}: is a folder")
        try:
            if self.path.exists():
                resume = self._scan()
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ConfigError(f"--output {self.path}: cannot write ({exc.strerror})") from None
        return resume

    def _scan(self) -> Resume:
        resume = Resume()
        good_end = 0
        with open(self.path, "rb") as f:
            for line in f:
                if not line.endswith(b"\n"):
                    break
                good_end += len(line)
                resume.lines += 1
                h = head(line)
                if h is None:
                    resume.bad_lines += 1
                elif h[1] == "ok":
                    resume.ok.add(h[0])
                    resume.errors.discard(h[0])
                elif h[0] not in resume.ok:
                    resume.errors.add(h[0])
        size = self.path.stat().st_size
        if size > good_end:
            resume.torn_bytes = size - good_end
            os.truncate(self.path, good_end)
        return resume

    def write(self, line: str) -> None:
        """Append one line (no newline in ``line``) with one ``write()`` call."""
        assert self._fd is not None, "Store.open() first"
        data = (line + "\n").encode("utf-8")
        while data:  # a regular file takes it whole; a full disk may take part
            data = data[os.write(self._fd, data) :]
        self._dirty = True
        if time.monotonic() - self._synced >= self.fsync_seconds:
            self.sync()

    def sync(self) -> None:
        if self._fd is not None and self._dirty:
            os.fsync(self._fd)
            self._dirty = False
        self._synced = time.monotonic()

    def close(self) -> None:
        if self._fd is not None:
            self.sync()
            os.close(self._fd)
            self._fd = None
