"""A content-addressed cache of extractions on disk, so no article is paid for twice.

The key is the sha256 of the article text together with everything that changes the answer:
what the backend names as its ``cache_identity`` (backend, model, prompt version, mode...) and
the anchor date.
Entries are written to a temporary file and renamed into place, so concurrent writers (worker
processes, a killed run) never leave a half-written entry behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from summarizer.settings import Settings


def default_dir() -> Path:
    """``$XDG_CACHE_HOME/summarizer/bulk`` (``~/.cache/summarizer/bulk`` when unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "summarizer" / "bulk"


def key(text: str, settings: Settings, identity: Mapping[str, object]) -> str:
    """The cache key of extracting ``text`` with these settings and the backend's
    ``cache_identity`` (backend, model, prompt version...)."""
    options = {
        **identity,
        "schema": "1",
        "anchor_date": settings.anchor_date.isoformat() if settings.anchor_date else None,
        "extra": sorted(settings.extra.items()),
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    return hashlib.sha256(json.dumps(options, sort_keys=True).encode()).hexdigest()


class Cache:
    """Extractions as JSON files under ``root/ab/abcdef...json``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, k: str) -> Path:
        return self.root / k[:2] / f"{k}.json"

    def get(self, k: str) -> str | None:
        try:
            return self._path(k).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put(self, k: str, value: str) -> None:
        """Store ``value``; a cache that cannot be written only costs a future request."""
        path = self._path(k)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(value)
            os.replace(tmp, path)
        except OSError:
            return
