"""What every backend returns, before grounding checks it against the article."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from summarizer.document import Document
from summarizer.models import Claim, Event, Quote, Summary, Usage


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


class Backend(Protocol):
    """Turns a segmented ``Document`` into a ``Draft``."""

    name: str

    def extract(self, doc: Document) -> Draft: ...


async def aclose(backend: object) -> None:
    """Release what a backend holds for the running event loop (the LLM backend: its HTTP
    session); call it before the loop ends. Backends without ``aclose`` hold nothing."""
    close = getattr(backend, "aclose", None)
    if close is not None:
        await close()
