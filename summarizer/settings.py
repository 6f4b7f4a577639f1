"""What a run is configured with: one object from CLI flags, environment and Python callers."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import cast


@dataclass
class Settings:
    """A run's backend-neutral options, plus each backend's own in ``options``.

    ``model`` names the backend (``summarizer.backends.registry``): None or "rules" for the
    offline one, "gguf:PATH", "openai/<name>" or a bare name served by an OpenAI-compatible
    server, or a plugin's "NAME:...". ``options`` holds backend options by name (``--base-url``
    is ``"base_url"``); each backend declares, checks and reads the ones it knows and ignores
    the rest, so one set of flags serves every backend. API keys are never stored here: a
    backend reads its own from the environment when needed, and they never reach output, logs
    or fixtures.
    """

    model: str | None = None
    max_retries: int = 2
    max_input_tokens: int | None = None
    max_tokens: int | None = None
    assist: str | None = None
    anchor_date: date | None = None
    options: Mapping[str, object] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, **given: object) -> Settings:
        """Settings from explicit values (None: not given), the model falling back to
        ``SUMMARIZER_MODEL``; a keyword that is not a field here is a backend option
        (``base_url=``, ``timeout=``...)."""
        names = {f.name for f in fields(cls)} - {"options"}
        values = {k: v for k, v in given.items() if v is not None and k in names}
        options = dict(cast(Mapping[str, object], given.pop("options", None) or {}))
        options.update({k: v for k, v in given.items() if v is not None and k not in names})
        values.setdefault("model", os.environ.get("SUMMARIZER_MODEL") or None)
        return cls(**values, options=options)  # type: ignore[arg-type]

    def with_options(self, **options: object) -> Settings:
        """A copy with these backend options set (e.g. one server per bulk worker)."""
        return replace(self, options={**self.options, **options})
