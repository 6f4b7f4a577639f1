"""The output contract: the checked-in JSON Schema matches the models, and models refuse junk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from summarizer.models import Extraction, Meta, Quote, Source, Span
from summarizer.schema import schema_json

ROOT = Path(__file__).resolve().parent.parent


def test_checked_in_schema_matches_models() -> None:
    checked_in = (ROOT / "schemas" / "extraction.schema.json").read_text(encoding="utf-8")
    assert checked_in == schema_json(), (
        "schemas/extraction.schema.json drifted from summarizer/models.py; "
        "regenerate with: summarizer schema > schemas/extraction.schema.json"
    )


def test_schema_declares_version_one_and_required_lists() -> None:
    schema = json.loads(schema_json())
    assert schema["properties"]["schema_version"]["const"] == "1"
    for name in ("events", "claims", "quotes"):
        assert schema["properties"][name]["type"] == "array"


def test_quote_kind_is_closed() -> None:
    with pytest.raises(ValidationError):
        Quote(text="x", start=0, end=1, kind="rumour")  # type: ignore[arg-type]


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError):
        Source.model_validate({"id": "a", "chars": 1, "sha256": "0", "colour": "red"})


def test_extraction_round_trips_through_json() -> None:
    result = Extraction(
        source=Source(id="a", chars=5, sha256="0"),
        quotes=[Quote(text="hi", start=1, end=3, kind="direct")],
        meta=Meta(backend="rules"),
    )
    again = Extraction.model_validate_json(result.model_dump_json())
    assert again == result
    assert again.schema_version == "1"


def test_parts_are_left_out_of_the_output_unless_set() -> None:
    first, second = Span(text="a", start=0, end=1), Span(text="b", start=4, end=5)
    whole = Quote(text="ab", start=0, end=2, kind="direct")
    pieced = Quote(text="a b", start=0, end=5, kind="direct", parts=[first, second])
    assert "parts" not in json.loads(whole.model_dump_json())
    assert json.loads(pieced.model_dump_json())["parts"][1] == {"text": "b", "start": 4, "end": 5}
    assert Quote.model_validate_json(pieced.model_dump_json()) == pieced


def test_an_item_in_one_part_is_refused() -> None:
    with pytest.raises(ValidationError):
        Quote(text="a", start=0, end=1, kind="direct", parts=[Span(text="a", start=0, end=1)])
