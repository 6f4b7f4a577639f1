"""How many article tokens one model call may carry, by model family.

Well inside each family's context window, leaving room for the instructions and a long
structured answer (quality drops long before the hard limit). ``--max-input-tokens`` wins.
"""

from __future__ import annotations

DEFAULT_BUDGET = 6_000
MODEL_BUDGETS: tuple[tuple[str, int], ...] = (
    ("gpt-4.1", 48_000),
    ("gpt-4o", 24_000),
    ("gpt-5", 48_000),
    ("o1", 24_000),
    ("o3", 24_000),
    ("o4", 24_000),
    ("gpt-4-turbo", 24_000),
    ("gpt-4", 4_000),
    ("gpt-3.5", 8_000),
    ("claude", 48_000),
    ("gemini", 48_000),
    ("qwen", 12_000),
    ("llama", 12_000),
    ("mistral", 12_000),
    ("gemma", 6_000),
    ("phi", 6_000),
)


def budget_for(model: str, max_input_tokens: int | None = None) -> int:
    """``max_input_tokens`` when given, else the budget of the model's family (the last part of
    ``openai/<name>`` or ``Org/<name>``), else ``DEFAULT_BUDGET``."""
    if max_input_tokens:
        return max_input_tokens
    name = model.rsplit("/", 1)[-1].lower()
    return next((n for prefix, n in MODEL_BUDGETS if name.startswith(prefix)), DEFAULT_BUDGET)
