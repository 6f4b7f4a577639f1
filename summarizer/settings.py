"""What a run is configured with: one object from CLI flags, environment and Python callers."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Settings:
    """A run's options; each backend reads the ones it knows and ignores the rest.

    ``model`` names the backend (``summarizer.backends.registry``): None or "rules" for the
    offline one, "gguf:PATH", "openai/<name>" or a bare name served at ``base_url``, or a
    plugin's "NAME:...". ``base_url``, ``mode``, ``timeout`` and ``transport_*`` are read by the
    OpenAI-compatible backend only. API keys are never stored here: a backend reads its own
    from the environment when needed, and they never reach output, logs or fixtures.
    """

    model: str | None = None
    base_url: str | None = None
    mode: str = "tools"
    timeout: float = 60.0
    max_retries: int = 2
    transport_attempts: int = 5
    transport_max_seconds: float = 120.0
    max_input_tokens: int | None = None
    max_tokens: int | None = None
    assist: str | None = None
    anchor_date: date | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, **given: object) -> Settings:
        """Settings from explicit values, falling back to ``SUMMARIZER_MODEL`` / ``OPENAI_BASE_URL``."""
        values = {k: v for k, v in given.items() if v is not None}
        values.setdefault("model", os.environ.get("SUMMARIZER_MODEL") or None)
        values.setdefault("base_url", os.environ.get("OPENAI_BASE_URL") or None)
        return cls(**values)  # type: ignore[arg-type]
