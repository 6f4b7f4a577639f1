"""JSON, the machine-readable contract (``schemas/extraction.schema.json``)."""

from __future__ import annotations

from summarizer.models import Extraction


def render(result: Extraction) -> str:
    return result.model_dump_json(indent=2) + "\n"
