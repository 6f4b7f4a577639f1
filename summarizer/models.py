"""The output contract: what `summarizer` prints, as pydantic models.

Every item that points into the article carries `[start, end)` character offsets (Python
``str`` indices) into the analysed text, and ``text == analysed_text[start:end]`` always holds,
except for a quote or claim in ``parts`` (discontinuous): each part holds it instead.
Offsets are computed by code (see ``summarizer.spans``), never trusted from a model.
``schemas/extraction.schema.json`` is generated from these classes; a test fails when it drifts.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

SCHEMA_VERSION: Literal["1"] = "1"

QuoteKind = Literal["direct", "partial", "indirect"]
ClaimKind = Literal["reported", "assertion"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A stretch of the analysed text: ``text == analysed_text[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


PARTS_DESCRIPTION = (
    "Set only for a discontinuous item (a quote interrupted by its cue): its pieces in text "
    "order, each with text == analysed_text[start:end]. The item's start/end then cover the "
    "whole item and its text is the parts' texts joined by one space. Absent otherwise."
)


class _Pieced(_Model):
    """An item that may come in pieces: ``parts`` is left out of the output when it is unset,
    so a record with no discontinuous item reads exactly as before the field existed."""

    @model_serializer(mode="wrap")
    def _drop_unset_parts(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("parts") is None:
            data.pop("parts", None)
        return data


class Party(_Model):
    """Someone (or something) named in the article.

    ``name`` is the fullest name the article gives ("Nasser Kanaani"); ``mention`` is where the
    article refers to them at this point ("Foreign Ministry spokesperson Nasser Kanaani", "he").
    """

    name: str
    mention: Span | None = None


class Quote(_Pieced):
    """Words attributed to a speaker; ``text`` is verbatim, without its quote marks (for a quote
    in ``parts``, the parts' words joined as a reader reads them)."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    parts: list[Span] | None = Field(default=None, min_length=2, description=PARTS_DESCRIPTION)
    kind: QuoteKind
    speaker: Party | None = None
    cue: Span | None = None


class Claim(_Pieced):
    """Something asserted: a reported statement, or the article's own checkable assertion.

    The span is the claim as written (in ``parts`` when it is discontinuous); ``statement`` is a
    self-contained paraphrase; ``claimant`` is null when the claim is made in the article's own
    voice.
    """

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    parts: list[Span] | None = Field(default=None, min_length=2, description=PARTS_DESCRIPTION)
    statement: str
    claimant: Party | None = None
    kind: ClaimKind


class TimeRef(_Model):
    """When an event happened: the words used, and an ISO date when they can be resolved."""

    text: str | None = None
    date: str | None = Field(default=None, description="ISO 8601 date (YYYY-MM-DD) or null")


class Casualties(_Model):
    killed: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)


class Event(_Model):
    """Who did what to whom, where and when, with the sentences that say so."""

    description: str
    type: str = Field(description="attack, killing, arrest, statement, meeting, ... or other")
    trigger: Span | None = None
    actors: list[Party] = Field(default_factory=list)
    targets: list[Party] = Field(default_factory=list)
    location: Party | None = None
    time: TimeRef = Field(default_factory=TimeRef)
    casualties: Casualties = Field(default_factory=Casualties)
    evidence: list[Span] = Field(default_factory=list)


class Summary(_Model):
    headline: str = ""
    text: str = ""
    key_points: list[Span] = Field(default_factory=list)


class Source(_Model):
    """Where the analysed text came from. ``text`` is set when it differs from the file's bytes
    (web pages: the extracted article text, which all offsets index into)."""

    id: str
    path: str | None = None
    chars: int = Field(ge=0)
    sha256: str
    text: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None


class Usage(_Model):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests: int = 0


class Meta(_Model):
    backend: str
    model: str | None = None
    prompt_version: str | None = None
    usage: Usage = Field(default_factory=Usage)
    seconds: float = 0.0
    warnings: list[str] = Field(default_factory=list)


class Extraction(_Model):
    """One article's grounded record: the public contract, ``schema_version`` "1"."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    source: Source
    summary: Summary = Field(default_factory=Summary)
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    meta: Meta
