"""Turn an ``Extraction`` into what a person reads: JSON, a terminal view, Markdown, HTML."""

from __future__ import annotations

from importlib import import_module

from summarizer.errors import ConfigError
from summarizer.models import Extraction

_RENDERERS = {
    "json": "summarizer.render.jsonout",
    "terminal": "summarizer.render.terminal",
    "markdown": "summarizer.render.markdown",
    "html": "summarizer.render.html",
}


def render(result: Extraction, fmt: str) -> str:
    """``result`` in format ``fmt`` (json, terminal, markdown, html) as text."""
    if fmt not in _RENDERERS:
        raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(_RENDERERS)}")
    module = import_module(_RENDERERS[fmt])
    text: str = module.render(result)
    return text
