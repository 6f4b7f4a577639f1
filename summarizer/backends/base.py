"""The seam between the pipeline and a backend: what a backend returns and what it must answer.

The pipeline, chunking, bulk and eval only ever use what ``Backend`` declares; they never ask
which backend it is. ``BackendBase`` gives the defaults a simple backend needs, so a new one
writes ``extract`` and what differs (CONTRIBUTING shows one in full).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from summarizer.document import Document
from summarizer.models import Claim, Event, Quote, Summary, Usage

Bound = Literal["io", "cpu"]


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

    def warm_up(self) -> None:
        """Pay one-off set-up (models, client libraries) now, before the first article."""

    async def aclose(self) -> None:
        """Release what the backend holds for the running event loop, before the loop ends."""


class BackendBase:
    """Defaults for a CPU-bound backend with no budget and no cache: subclasses write
    ``extract`` and override what differs."""

    name = "backend"
    bound: Bound = "cpu"
    input_budget: int | None = None
    cache_identity: Mapping[str, object] | None = None
    share_warm_up = False

    def extract(self, doc: Document) -> Draft:
        raise NotImplementedError

    async def aextract(self, doc: Document) -> Draft:
        """``extract`` in a thread, so an event loop keeps turning."""
        return await asyncio.to_thread(self.extract, doc)

    def extract_many(self, docs: list[Document]) -> list[Draft]:
        return [self.extract(doc) for doc in docs]

    def warm_up(self) -> None:
        return None

    async def aclose(self) -> None:
        return None
