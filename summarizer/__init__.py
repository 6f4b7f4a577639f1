"""summarizer: news articles in, grounded events, claims and attributed quotes out.

    from summarizer import summarise
    result = summarise(text)                               # offline rules backend
    result = summarise(text, model="openai/gpt-4o-mini")   # an LLM through instructor
    result = summarise(text, model="gguf:model.gguf")      # a local model in process
    result = summarise(text, backend=MyBackend(...))       # a backend object of your own

The names in ``__all__`` are the public API (``tests/test_exported_members.py`` holds the list);
every module under ``summarizer`` is internal and may change between versions, and those whose
name starts with ``_`` are never to be imported from outside. Names are loaded on first use so
that ``summarizer --help`` does not pay for pydantic or spaCy.
"""

import typing as _typing
from importlib import import_module as _import_module

if _typing.TYPE_CHECKING:
    from summarizer.backends.base import Backend, BackendBase, Draft
    from summarizer.bulk.store import last_per_id as read_bulk_output
    from summarizer.document import Document
    from summarizer.errors import ConfigError, ExtractionError, InputError, SummarizerError
    from summarizer.models import (
        Claim,
        Event,
        Extraction,
        Meta,
        Party,
        Quote,
        Source,
        Span,
        Summary,
        Usage,
    )
    from summarizer.pipeline import summarise
    from summarizer.pipeline import summarise as summarize
    from summarizer.settings import Settings

# public name -> (module, attribute)
_PUBLIC = {
    "summarise": ("summarizer.pipeline", "summarise"),
    "summarize": ("summarizer.pipeline", "summarise"),
    "read_bulk_output": ("summarizer.bulk.store", "last_per_id"),
    "Extraction": ("summarizer.models", "Extraction"),
    "Source": ("summarizer.models", "Source"),
    "Summary": ("summarizer.models", "Summary"),
    "Quote": ("summarizer.models", "Quote"),
    "Claim": ("summarizer.models", "Claim"),
    "Event": ("summarizer.models", "Event"),
    "Party": ("summarizer.models", "Party"),
    "Span": ("summarizer.models", "Span"),
    "Meta": ("summarizer.models", "Meta"),
    "Usage": ("summarizer.models", "Usage"),
    "SummarizerError": ("summarizer.errors", "SummarizerError"),
    "InputError": ("summarizer.errors", "InputError"),
    "ConfigError": ("summarizer.errors", "ConfigError"),
    "ExtractionError": ("summarizer.errors", "ExtractionError"),
    "Backend": ("summarizer.backends.base", "Backend"),
    "BackendBase": ("summarizer.backends.base", "BackendBase"),
    "Draft": ("summarizer.backends.base", "Draft"),
    "Document": ("summarizer.document", "Document"),
    "Settings": ("summarizer.settings", "Settings"),
}
__all__ = [
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
__version__ = "0.1.0"


def __getattr__(name: str) -> _typing.Any:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    module, attr = _PUBLIC[name]
    return getattr(_import_module(module), attr)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
