"""summarizer: news articles in, grounded events, claims and attributed quotes out.

    from summarizer import summarise
    result = summarise(text)                               # offline rules backend
    result = summarise(text, model="openai/gpt-4o-mini")   # an LLM through instructor

The names below are the public API; everything else is internal and may change. They are loaded
on first use so that ``summarizer --help`` does not pay for pydantic or spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.errors import ConfigError, ExtractionError, InputError, SummarizerError
    from summarizer.models import Claim, Event, Extraction, Party, Quote, Span
    from summarizer.pipeline import summarise

_PUBLIC = {
    "summarise": "summarizer.pipeline",
    "summarize": "summarizer.pipeline",
    "Extraction": "summarizer.models",
    "Quote": "summarizer.models",
    "Claim": "summarizer.models",
    "Event": "summarizer.models",
    "Party": "summarizer.models",
    "Span": "summarizer.models",
    "SummarizerError": "summarizer.errors",
    "InputError": "summarizer.errors",
    "ConfigError": "summarizer.errors",
    "ExtractionError": "summarizer.errors",
}
__all__ = [
    "Claim",
    "ConfigError",
    "Event",
    "Extraction",
    "ExtractionError",
    "InputError",
    "Party",
    "Quote",
    "Span",
    "SummarizerError",
    "summarise",
    "summarize",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    attr = "summarise" if name == "summarize" else name
    return getattr(import_module(_PUBLIC[name]), attr)
