"""The public API is exactly ``summarizer.__all__`` (as httpx's ``test_exported_members``)."""

import types

import summarizer

EXPECTED = [
    "Backend",
    "BackendBase",
    "Claim",
    "ConfigError",
    "Document",
    "Draft",
    "Event",
    "Extraction",
    "ExtractionError",
    "InputError",
    "Meta",
    "Party",
    "Quote",
    "Settings",
    "Source",
    "Span",
    "SummarizerError",
    "Summary",
    "Usage",
    "read_bulk_output",
    "summarise",
    "summarize",
]


def test_all_is_the_public_api_sorted() -> None:
    assert summarizer.__all__ == EXPECTED
    assert sorted(EXPECTED, key=lambda n: (n[0].islower(), n)) == EXPECTED


def test_every_exported_name_resolves_and_nothing_else_is_public() -> None:
    for name in summarizer.__all__:
        assert getattr(summarizer, name) is not None, name
    public = {
        name
        for name, value in vars(summarizer).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public <= set(summarizer.__all__)
    assert set(summarizer.__all__) <= set(dir(summarizer))


def test_unknown_names_are_attribute_errors() -> None:
    try:
        summarizer.pipeline_internals  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "pipeline_internals" in str(exc)
    else:
        raise AssertionError("an unknown name resolved")


def test_read_bulk_output_reads_the_last_line_per_id(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.jsonl"
    out.write_text(
        '{"id":"a","status":"error","error":"x"}\n{"id":"b","status":"ok"}\n'
        '{"id":"a","status":"ok"}\n',
        encoding="utf-8",
    )
    results = summarizer.read_bulk_output(out)
    assert {k: v["status"] for k, v in results.items()} == {"a": "ok", "b": "ok"}


def test_py_typed_ships_in_the_package() -> None:
    from pathlib import Path

    assert (Path(summarizer.__file__).parent / "py.typed").is_file()
