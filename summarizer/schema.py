"""The JSON Schema of the output, generated from ``summarizer.models`` (checked in under schemas/)."""

from __future__ import annotations

import json

from summarizer.models import Extraction


def schema_json() -> str:
    """The schema as the text written to ``schemas/extraction.schema.json``."""
    schema = Extraction.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://github.com/summarizer/summarizer/schemas/extraction.schema.json"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
