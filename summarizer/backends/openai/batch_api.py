"""The Batch API calls (``/v1/files``, ``/v1/batches``) through the openai SDK.

The SDK retries 429s, 5xx and dropped connections itself here (these calls are few and each
matters); the API key goes to the SDK only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from summarizer.backends.batching import ENDPOINT
from summarizer.backends.openai.client import Endpoint
from summarizer.errors import ExtractionError


class BatchAPI:
    """One server's files and batches (``batching.BatchService``)."""

    def __init__(self, ep: Endpoint) -> None:
        import openai

        self._openai = openai
        self.client = openai.OpenAI(
            api_key=ep.key, base_url=ep.base_url, timeout=max(ep.timeout, 120.0), max_retries=5
        )

    def _call(self, what: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except self._openai.APIStatusError as exc:
            raise ExtractionError(
                f"batch API: {what}: HTTP {exc.status_code}: {exc.message}"
            ) from None
        except self._openai.APIError as exc:
            raise ExtractionError(f"batch API: {what}: {exc.message}") from None

    def upload(self, path: Path, filename: str) -> str:
        with open(path, "rb") as f:
            data = f.read()
        made = self._call(
            f"upload {filename}",
            self.client.files.create,
            file=(filename, data, "application/jsonl"),
            purpose="batch",
        )
        return str(made.id)

    def find_file(self, filename: str) -> str | None:
        """The id of an uploaded file named ``filename`` (a killed run's upload), if any."""
        files = self._call("list files", self.client.files.list, purpose="batch")
        for f in files:
            if f.filename == filename:
                return str(f.id)
        return None

    def create(self, file_id: str, metadata: dict[str, str]) -> Any:
        return self._call(
            "create batch",
            self.client.batches.create,
            input_file_id=file_id,
            endpoint=ENDPOINT,
            completion_window="24h",
            metadata=metadata,
        )

    def find_batch(self, file_id: str, limit: int = 1_000) -> Any | None:
        """A batch already made of ``file_id`` (a killed run's), newest first, if any."""
        for n, batch in enumerate(self._call("list batches", self.client.batches.list, limit=100)):
            if batch.input_file_id == file_id:
                return batch
            if n >= limit:
                break
        return None

    def retrieve(self, batch_id: str) -> Any:
        return self._call(f"retrieve {batch_id}", self.client.batches.retrieve, batch_id)

    def cancel(self, batch_id: str) -> Any:
        return self._call(f"cancel {batch_id}", self.client.batches.cancel, batch_id)

    def download(self, file_id: str) -> bytes:
        content = self._call(f"download {file_id}", self.client.files.content, file_id)
        return bytes(content.content)

    def close(self) -> None:
        self.client.close()
