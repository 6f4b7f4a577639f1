"""Batch request files: JSONL lines split at the API's limits, an article's chunks kept together.

OpenAI takes at most 50,000 requests and 200 MB per batch file; other servers may take less, so
both limits are options (``--batch-max-requests``, ``--batch-max-bytes``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from summarizer.backends.batching import ENDPOINT
from summarizer.bulk.batch.state import as_json, sync_folder
from summarizer.errors import InputError

MAX_REQUESTS = 50_000
MAX_BYTES = 200 * 1024 * 1024


def custom_id(article_id: str, chunk: int) -> str:
    """``<article id>#<chunk>``: the article is whatever comes before the last ``#``."""
    return f"{article_id}#{chunk}"


def split_id(cid: str) -> tuple[str, int]:
    article, _, chunk = cid.rpartition("#")
    return article, int(chunk)


def line(article_id: str, chunk: int, body: dict[str, Any]) -> bytes:
    request = {"custom_id": custom_id(article_id, chunk), "method": "POST", "url": ENDPOINT}
    return (as_json({**request, "body": body}) + "\n").encode("utf-8")


@dataclass
class Written:
    """One finished request file."""

    name: str
    ids: list[str] = field(default_factory=list)
    requests: int = 0
    bytes: int = 0


class RequestFiles:
    """Writes ``<prefix>-<n>.jsonl`` files in ``folder``, each within both limits."""

    def __init__(
        self, folder: Path, prefix: str, *, max_requests: int, max_bytes: int, first: int = 0
    ) -> None:
        self.folder = folder
        self.prefix = prefix
        self.max_requests = max_requests
        self.max_bytes = max_bytes
        self._next = first
        self._file: BinaryIO | None = None
        self._current: Written | None = None
        self.written: list[Written] = []

    def add(self, article_id: str, lines: list[bytes]) -> None:
        """One article's request lines, in the current file if they fit, else in a new one."""
        size = sum(len(x) for x in lines)
        if len(lines) > self.max_requests or size > self.max_bytes:
            raise InputError(
                f"its {len(lines)} requests ({size:,} bytes) exceed one batch file's limits "
                f"({self.max_requests:,} requests, {self.max_bytes:,} bytes)"
            )
        cur = self._current
        if cur is None or (
            cur.requests + len(lines) > self.max_requests or cur.bytes + size > self.max_bytes
        ):
            self._roll()
            cur = self._current
        assert cur is not None and self._file is not None
        for x in lines:
            self._file.write(x)
        cur.ids.append(article_id)
        cur.requests += len(lines)
        cur.bytes += size

    def _roll(self) -> None:
        self._finish()
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{self.prefix}-{self._next}.jsonl"
        self._next += 1
        self._file = open(self.folder / name, "wb")  # noqa: SIM115 (kept open across add())
        self._current = Written(name)

    def _finish(self) -> None:
        if self._file is not None and self._current is not None:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            self.written.append(self._current)
        self._file, self._current = None, None

    def close(self) -> list[Written]:
        """Flush and fsync every file; the list of what was written."""
        self._finish()
        if self.written:
            sync_folder(self.folder)
        return self.written
