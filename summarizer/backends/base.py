"""The seam between the pipeline and a backend: what a backend returns and what it must answer.

The pipeline, chunking, bulk and eval only ever use what ``Backend`` declares; they never ask
which backend it is. ``BackendBase`` gives the defaults a simple backend needs, so a new one
writes ``extract`` and what differs (CONTRIBUTING shows one in full).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

from summarizer.document import Document
from summarizer.errors import BackendError, SummarizerError
from summarizer.models import Claim, Event, Quote, Summary, Usage
from summarizer.settings import Settings

if TYPE_CHECKING:
    from summarizer.backends.batching import Batching

Bound = Literal["io", "cpu"]
#: One event mention before merging: the trigger's range, its type, its arguments' ranges.
Mention = tuple[tuple[int, int], str, list[tuple[int, int]]]


@dataclass
class Draft:
    """A backend's extraction; offsets are checked by ``summarizer.grounding`` before output."""

    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)
    usage: Usage = field(default_factory=Usage)
    warnings: list[str] = field(default_factory=list)
    model: str | None = None
    prompt_version: str | None = None


@runtime_checkable
class Backend(Protocol):
    """Turns a segmented ``Document`` into a ``Draft``, and says how it is best run.

    - ``name``: what ``meta.backend`` says in the output.
    - ``bound``: ``"io"`` when extraction waits on a server (bulk runs many at once on one event
      loop, chunks go concurrently), ``"cpu"`` when it computes in this process (bulk runs worker
      processes, chunks go one after another).
    - ``input_budget``: article tokens one call may carry (longer articles are chunked), None
      for no limit.
    - ``cache_identity``: everything besides the article that changes the answer (model, prompt
      version, mode...), for the bulk cache key; None when results are not worth caching.
    - ``share_warm_up``: True when what ``warm_up`` loads may be loaded once in the bulk parent
      and shared by forked workers (spaCy); False when each worker must load its own.
    """

    name: str

    @property
    def bound(self) -> Bound: ...

    @property
    def input_budget(self) -> int | None: ...

    @property
    def cache_identity(self) -> Mapping[str, object] | None: ...

    @property
    def share_warm_up(self) -> bool: ...

    def extract(self, doc: Document) -> Draft: ...

    async def aextract(self, doc: Document) -> Draft: ...

    def extract_many(self, docs: list[Document]) -> list[Draft]: ...

    def event_mentions(self, doc: Document) -> list[Mention] | None:
        """Every event mention before merging (WikiEvents annotates mention by mention), or
        None when the backend only gives merged events: eval then scores its records."""

    def batching(self) -> Batching | None:
        """The Batch API's requests and service for these settings (``bulk --batch``), or
        None when the backend cannot batch."""

    def warm_up(self) -> None:
        """Pay one-off set-up (models, client libraries) now, before the first article."""

    async def aclose(self) -> None:
        """Release what the backend holds for the running event loop, before the loop ends."""


class BackendClass(Protocol):
    """What the registry loads: a class building a backend from the run's ``Settings``, which
    answers before any backend is built (a suite is read, a run is planned) through class
    attributes and ``check``.

    - ``bound``: as ``Backend`` says, for every backend it builds.
    - ``takes_candidates``: True when its backends read ``Document.candidates`` (the quotes the
      rules backend finds, which the pipeline computes under ``--assist rules`` for such a
      backend only).
    - ``check(settings)``: raise a ``ConfigError`` (an ``OptionError`` for one option) when the
      settings' options for this backend are wrong, building nothing and needing no key.
    """

    bound: Bound
    takes_candidates: bool

    def __call__(self, settings: Settings) -> Backend: ...

    def check(self, settings: Settings) -> None: ...


class BackendBase:
    """Defaults for a CPU-bound backend with no budget, no cache and no options of its own:
    subclasses write ``extract`` and override what differs."""

    name = "backend"
    bound: Bound = "cpu"
    takes_candidates = False
    input_budget: int | None = None
    cache_identity: Mapping[str, object] | None = None
    share_warm_up = False

    @classmethod
    def check(cls, settings: Settings) -> None:
        """Options are checked when the backend is built; a backend with options of its own
        checks them here too, so that a suite.toml names a wrong one when it is read."""
        return None

    def extract(self, doc: Document) -> Draft:
        raise NotImplementedError

    async def aextract(self, doc: Document) -> Draft:
        """``extract`` in a thread, so an event loop keeps turning."""
        return await asyncio.to_thread(self.extract, doc)

    def extract_many(self, docs: list[Document]) -> list[Draft]:
        return [self.extract(doc) for doc in docs]

    def event_mentions(self, doc: Document) -> list[Mention] | None:
        return None

    def batching(self) -> Batching | None:
        return None

    def warm_up(self) -> None:
        return None

    async def aclose(self) -> None:
        return None


@contextmanager
def failures_named(backend: str) -> Iterator[None]:
    """Around a call into a backend: an exception of its own that is not a ``SummarizerError``
    (a third-party backend's ``ValueError``) becomes a ``BackendError`` naming the backend, so
    the user sees one line (bulk: that article's error line) instead of a traceback."""
    try:
        yield
    except SummarizerError:
        raise
    except Exception as exc:
        raise BackendError(backend, exc) from exc
