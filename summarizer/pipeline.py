"""Load, segment, extract, ground: one article in, one ``Extraction`` out.

The CLI, the bulk runner and the Python API all come through here, so an article gets the same
treatment wherever it starts.
"""

from __future__ import annotations

import time

from summarizer import chunking, dates
from summarizer.backends.base import Backend, Draft, failures_named
from summarizer.document import Document
from summarizer.errors import ConfigError
from summarizer.grounding import ground
from summarizer.loading import Loaded, load, source_for
from summarizer.models import Extraction, Meta
from summarizer.segment import segment
from summarizer.settings import Settings


def backend_for(settings: Settings) -> Backend:
    """The backend a run's settings name (``summarizer.backends.registry``); imported lazily so
    ``--help`` stays fast."""
    from summarizer.backends import registry

    return registry.create(settings)


ASSISTS = ("rules",)


def prepare(loaded: Loaded, settings: Settings) -> Document:
    """Segment the article and fix the date that relative dates are resolved against; with
    ``--assist rules`` and a model, code finds the candidate quotes first."""
    doc = segment(loaded.text, loaded.source)
    published = dates.find_anchor(loaded.source.date or "") if loaded.source.date else None
    doc.anchor_date = settings.anchor_date or published or dates.find_anchor(loaded.text)
    if settings.assist and settings.assist not in ASSISTS:
        raise ConfigError(f"--assist: expected 'rules', got {settings.assist!r}")
    if settings.assist and doc.sentences and _takes_candidates(settings):
        found = found_by_code(doc, settings)
        doc.candidates, doc.code_summary = found.quotes, found.summary
    return doc


def _takes_candidates(settings: Settings) -> bool:
    from summarizer.backends import registry

    return registry.takes_candidates(settings.model)


def found_by_code(doc: Document, settings: Settings) -> Draft:
    """What the rules backend finds, grounded: its quotes (quote marks and reporting cues, with
    its guess of speaker and cue) are the candidates a model attributes, its summary the
    record's. The pipeline hands them over, so the LLM backends never import the rules
    backend."""
    from summarizer.backends.rules import RulesBackend

    return ground(RulesBackend(settings).extract(doc), doc)


def run(doc: Document, backend: Backend) -> Extraction:
    """Extract with ``backend`` (in chunks when the article is over its budget) and keep only
    what is grounded in the article."""
    started = time.perf_counter()
    with failures_named(backend.name):
        raw = chunking.extract(doc, backend)
    return assemble(doc, backend.name, raw, started)


async def arun(doc: Document, backend: Backend) -> Extraction:
    """``run`` for asyncio callers (bulk), through the backend's ``aextract``."""
    started = time.perf_counter()
    with failures_named(backend.name):
        raw = await chunking.aextract(doc, backend)
    return assemble(doc, backend.name, raw, started)


def assemble(doc: Document, backend_name: str, raw: Draft, started: float) -> Extraction:
    """Ground a backend's draft and wrap it in the output contract."""
    draft = ground(raw, doc)
    return Extraction(
        source=doc.source,
        summary=draft.summary,
        events=draft.events,
        claims=draft.claims,
        quotes=draft.quotes,
        meta=Meta(
            backend=backend_name,
            model=draft.model,
            prompt_version=draft.prompt_version,
            usage=draft.usage,
            seconds=round(time.perf_counter() - started, 4),
            warnings=draft.warnings,
        ),
    )


def summarise_loaded(
    loaded: Loaded, settings: Settings, backend: Backend | None = None
) -> Extraction:
    """Run the whole pipeline on an already loaded article."""
    return run(prepare(loaded, settings), backend or backend_for(settings))


def summarise(
    text: str,
    *,
    model: str | None = None,
    backend: Backend | None = None,
    source_id: str | None = None,
    **options: object,
) -> Extraction:
    """Summarise one article given as text; ``model=None`` uses the offline rules backend.

    ``backend`` is a ready backend object (one of your own, or one built once and reused), in
    place of ``model``. Other keyword options are ``Settings`` fields (``max_retries``,
    ``max_tokens``...) or, any other name, backend options (``base_url``, ``timeout``...).
    """
    settings = Settings.from_env(model=model, **options)
    loaded = Loaded(text, source_for(text, source_id=source_id))
    return summarise_loaded(loaded, settings, backend)


def summarise_file(path: str, settings: Settings, **load_options: object) -> Extraction:
    """Load the article at ``path`` ("-" for stdin) and summarise it."""
    return summarise_loaded(load(path, **load_options), settings)  # type: ignore[arg-type]
