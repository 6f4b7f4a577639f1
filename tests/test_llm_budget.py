"""Article tokens per model call, by model family; ``--max-input-tokens`` wins."""

from __future__ import annotations

import pytest

from summarizer.backends.llm.budget import DEFAULT_BUDGET, budget_for
from summarizer.backends.openai import LLMBackend
from summarizer.settings import Settings


@pytest.mark.parametrize(
    ("model", "given", "expected"),
    [
        ("openai/gpt-4o-mini", None, 24_000),
        ("gpt-4.1-nano", None, 48_000),
        ("Qwen2.5-7B-Instruct", None, 12_000),
        ("Qwen/Qwen2.5-7B-Instruct", None, 12_000),
        ("some-local-model", None, DEFAULT_BUDGET),
        ("openai/gpt-4o-mini", 900, 900),
    ],
)
def test_budget_per_model(model: str, given: int | None, expected: int) -> None:
    assert budget_for(model, given) == expected


def test_the_openai_backend_reports_its_models_budget() -> None:
    settings = Settings(model="gpt-4o-mini", options={"base_url": "http://127.0.0.1:9/v1"})
    assert LLMBackend(settings).input_budget == 24_000
