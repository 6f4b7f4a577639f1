"""What a backend offers ``bulk --batch``: its requests as batch lines, its answers read back,
and the server's files and batches.

The batch engine (``bulk/batch/``) prepares, submits, polls and collects through these alone;
a backend that cannot batch answers ``Backend.batching()`` with None.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from summarizer.backends.base import Draft
from summarizer.document import Document

#: The URL every batch line asks (``/v1/chat/completions``: the live path's request).
ENDPOINT = "/v1/chat/completions"
#: Batch statuses after which nothing changes.
TERMINAL = ("completed", "failed", "expired", "cancelled")


@dataclass
class Reask:
    """The conversation asked for another answer: this request goes in a follow-up batch."""

    body: dict[str, Any]


@dataclass
class Replayed:
    """A chunk's draft, and the tokens of it that were paid at batch prices."""

    draft: Draft
    batch_prompt_tokens: int = 0
    batch_completion_tokens: int = 0


class BatchRequests(Protocol):
    """A chunk's request body, as the live path would POST it, and its answers replayed through
    the live path's own validation, salvage and re-asks."""

    def body(self, doc: Document) -> dict[str, Any]: ...

    async def replay(
        self, doc: Document, answers: list[dict[str, Any]], *, live: bool
    ) -> Replayed | Reask: ...

    async def aclose(self) -> None: ...


class BatchService(Protocol):
    """One server's files and batches (ids as strings, batches as the server's objects)."""

    def upload(self, path: Path, filename: str) -> str: ...

    def find_file(self, filename: str) -> str | None: ...

    def create(self, file_id: str, metadata: dict[str, str]) -> Any: ...

    def find_batch(self, file_id: str) -> Any | None: ...

    def retrieve(self, batch_id: str) -> Any: ...

    def cancel(self, batch_id: str) -> Any: ...

    def download(self, file_id: str) -> bytes: ...

    def close(self) -> None: ...


@dataclass
class Batching:
    """A backend's batch requests and the service that runs them."""

    requests: BatchRequests
    service: BatchService
