"""The pipeline: anchoring dates, choosing backends, grounding whatever a backend returns.

``EchoBackend`` is a hand-written test double standing in for a backend.
"""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from summarizer.backends.base import BackendBase, Draft
from summarizer.document import Document
from summarizer.errors import BackendError, ExtractionError
from summarizer.loading import Loaded, source_for
from summarizer.models import Quote
from summarizer.pipeline import arun, backend_for, prepare, run, summarise
from summarizer.settings import Settings

TEXT = 'Officials said on Tuesday, 26 December 2023, that "the strikes were hostile acts".'


class EchoBackend(BackendBase):
    """Returns one real quote and one invented quote, as a careless model might."""

    name = "echo"

    def extract(self, doc: Document) -> Draft:
        start = doc.text.index("the strikes")
        end = start + len("the strikes were hostile acts")
        return Draft(
            quotes=[
                Quote(text=doc.text[start:end], start=start, end=end, kind="direct"),
                Quote(text="we started it", start=0, end=13, kind="direct"),
            ],
            model="echo-1",
        )


def _loaded() -> Loaded:
    return Loaded(TEXT, source_for(TEXT, source_id="t1"))


def test_prepare_anchors_on_the_first_date_in_the_text() -> None:
    assert prepare(_loaded(), Settings()).anchor_date == date(2023, 12, 26)


def test_explicit_date_wins_over_the_text() -> None:
    doc = prepare(_loaded(), Settings(anchor_date=date(2024, 1, 2)))
    assert doc.anchor_date == date(2024, 1, 2)


def test_run_grounds_and_fills_meta() -> None:
    result = run(prepare(_loaded(), Settings()), EchoBackend())
    assert [q.text for q in result.quotes] == ["the strikes were hostile acts"]
    assert result.meta.backend == "echo"
    assert result.meta.model == "echo-1"
    assert any("we started it" in w for w in result.meta.warnings)
    assert result.source.id == "t1"


def test_arun_falls_back_to_a_thread_for_sync_backends() -> None:
    result = asyncio.run(arun(prepare(_loaded(), Settings()), EchoBackend()))
    assert len(result.quotes) == 1


def test_summarise_takes_a_backend_object() -> None:
    result = summarise(TEXT, backend=EchoBackend(), source_id="t2")
    assert result.meta.backend == "echo"
    assert [q.text for q in result.quotes] == ["the strikes were hostile acts"]
    assert result.source.id == "t2"


def test_backend_for_asks_the_registry() -> None:
    assert backend_for(Settings()).name == "rules"
    assert (
        backend_for(Settings(model="m", options={"base_url": "http://127.0.0.1:9/v1"})).name
        == "llm"
    )


class CrashingBackend(BackendBase):
    """A hand-written double with a bug of its own, and one failing the way backends should."""

    name = "crashing"

    def __init__(self, error: Exception) -> None:
        self.error = error

    def extract(self, doc: Document) -> Draft:
        raise self.error


def test_a_backends_own_exception_is_one_line_naming_it() -> None:
    doc = prepare(_loaded(), Settings())
    with pytest.raises(BackendError) as caught:
        run(doc, CrashingBackend(ZeroDivisionError("division by zero\nmore")))
    assert str(caught.value) == "backend 'crashing' failed: ZeroDivisionError: division by zero"
    assert caught.value.exit_code == 1
    with pytest.raises(BackendError, match=r"backend 'crashing' failed: RuntimeError$"):
        asyncio.run(arun(doc, CrashingBackend(RuntimeError())))


def test_a_summarizer_error_passes_as_it_is() -> None:
    error = ExtractionError("the server kept failing")
    with pytest.raises(ExtractionError) as caught:
        run(prepare(_loaded(), Settings()), CrashingBackend(error))
    assert caught.value is error


def test_candidates_are_found_only_for_a_backend_that_takes_them() -> None:
    doc = prepare(_loaded(), Settings(model="gguf:/x.gguf", assist="rules"))
    assert doc.candidates == []
    doc = prepare(_loaded(), Settings(model="some-served-model", assist="rules"))
    assert [q.text for q in doc.candidates] == ["the strikes were hostile acts"]
