"""What the model is asked to return, and the validators that ground it in the article.

The model cites numbered sentences and copies quotes and claims verbatim; it never gives
offsets. Validators receive an ``Article`` through instructor's ``context=`` and reject anything
that does not resolve (a sentence number that does not exist, a quote not found verbatim), so
instructor re-asks with the error. Offsets are then computed by ``summarizer.backends.llm.draft``
with ``summarizer.spans``. Field descriptions are part of every request: keep them short.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from summarizer.backends.llm.align import align
from summarizer.document import Document, Range
from summarizer.spans import Folded, find_verbatim, fold, shorten


@dataclass
class Article:
    """The document as validators see it: numbered sentences and a folded copy for searching."""

    doc: Document
    #: Quotes code found (``--assist rules``), numbered from 1 in the prompt.
    candidates: list[Any] = field(default_factory=list)
    #: Asked in candidates mode (``--assist rules``), even when code found no candidate: every
    #: request of a run then shares one prefix, which a server's prompt cache reuses.
    assisted: bool = False
    #: Spans found by alignment rather than verbatim (``align``): near-verbatim copies.
    aligned: set[Range] = field(default_factory=set)

    @cached_property
    def folded(self) -> Folded:
        return fold(self.doc.text)

    @property
    def count(self) -> int:
        return len(self.doc.sentences)

    def sentence(self, n: int) -> Range:
        """The range of sentence ``n`` (1-based, as numbered in the prompt)."""
        return self.doc.sentences[n - 1]

    def check_sentence(self, n: int) -> None:
        if not 1 <= n <= self.count:
            raise ValueError(
                f"sentence {n} does not exist: the article has sentences 1-{self.count}"
            )

    def find(self, needle: str, n: int) -> Range | None:
        """Where ``needle`` is in the article: in or after sentence ``n`` if possible.

        Only the analysed sentences count: a chunk of a long article sees its own part, and
        page furniture between sentences is never a match.
        """
        first, last = self.doc.sentences[0][0], self.doc.sentences[-1][1]
        begin = self.sentence(n)[0] if 1 <= n <= self.count else first
        hit = find_verbatim(needle, self.doc.text, folded=self.folded, start=begin)
        if hit is None and 1 <= n <= self.count:
            hit = self._aligned(needle, n)
        if hit is None or hit[0] < first or hit[1] > last or not self.doc.in_content(*hit):
            return None
        return hit

    def _aligned(self, needle: str, n: int) -> Range | None:
        """A near-verbatim copy aligned within sentences ``n - 1`` to ``n + 1`` (``align``)."""
        lo = self.sentence(max(1, n - 1))[0]
        hi = self.sentence(min(self.count, n + 1))[1]
        index = self.folded.index
        want = fold(needle).text.strip().strip("\"'").strip()
        found = align(want, self.folded, bisect_left(index, lo), bisect_left(index, hi))
        if found is None:
            return None
        self.aligned.add(found[0])
        return found[0]

    def pieces(self, first: str, more: list[str], n: int) -> list[Range] | None:
        """Where a statement's pieces are: ``first`` in or after sentence ``n``, each of
        ``more`` after the one before it; None when one is missing."""
        found = self.find(first, n)
        if found is None:
            return None
        out = [found]
        for piece in more:
            hit = find_verbatim(piece, self.doc.text, folded=self.folded, start=out[-1][1])
            if hit is None or hit[0] < out[-1][1] or not self.doc.in_content(*hit):
                return None
            out.append(hit)
        return out

    def sentence_at(self, offset: int) -> int:
        """The number of the sentence holding ``offset`` (or the last one before it)."""
        return max(1, bisect_right([s for s, _ in self.doc.sentences], offset))

    def nearest(self, needle: str, first: int, last: int, near: int) -> Range | None:
        """The whole-word occurrence of ``needle`` in sentences ``first``-``last`` closest to
        offset ``near``, or None: how a speaker's "he" or a cue's "said" is placed."""
        want = fold(needle).text.strip().strip("\"'").strip()
        if not want or self.count == 0:
            return None
        lo = self.sentence(min(self.count, max(1, first)))[0]
        hi = self.sentence(min(self.count, max(1, last)))[1]
        pattern = re.compile(r"(?<!\w)" + re.escape(want) + r"(?!\w)")
        best: Range | None = None
        index = self.folded.index
        span = (bisect_left(index, lo), bisect_right(index, hi))
        for m in pattern.finditer(self.folded.text, *span):
            start, end = self.folded.original(m.start(), m.end())
            if start < lo or end > hi:
                continue
            if best is None or abs(start - near) < abs(best[0] - near):
                best = (start, end)
        return best


def settled(candidate: Any) -> bool:
    """True for a candidate quote code attributed (it found the reporting cue and the speaker):
    the prompt does not list it and the model's answer cannot change it. Qwen2.5-Coder-1.5B
    rejected 7 of the reference article's 8 such candidates and wrote an attribution for nearly
    every one it was shown, at about a tenth of a second a token: the model is asked only about
    what code could not attribute (a title or a name code sees as one never becomes a
    candidate: ``notquotes``)."""
    return candidate.cue is not None and candidate.speaker is not None


def article_of(info: ValidationInfo) -> Article | None:
    """The ``Article`` passed as ``context={"grounding": ...}``; None outside instructor."""
    ctx: Any = info.context
    return ctx.get("grounding") if isinstance(ctx, dict) else None


def _lean(schema: dict[str, Any]) -> None:
    """Drop the "title" pydantic gives every property: it repeats the name in every request."""
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)


class Lean(BaseModel):
    """Base of the response models: a compact JSON Schema (titles dropped)."""

    model_config = ConfigDict(json_schema_extra=_lean)


class Item(Lean):
    """Base of every cited item: ``sentence`` must exist, ``text`` must be in the article."""

    sentence: int = Field(description="number of the sentence where text starts")
    text: str

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> Item:
        article = article_of(info)
        if article is None:
            return self
        article.check_sentence(self.sentence)
        if article.find(self.text, self.sentence) is None:
            raise ValueError(
                f"text {shorten(self.text)!r} is not in the article verbatim "
                f"(nor nearly so around sentence {self.sentence}): "
                "copy it character for character"
            )
        return self


class Quote(Item):
    text: str = Field(description="the quoted words copied exactly, without quote marks")
    kind: Literal["direct", "partial", "indirect"]
    speaker: str | None = Field(description="fullest name the article gives")
    mention: str | None = Field(None, description="words naming the speaker here, e.g. 'he'")
    cue: str | None = Field(None, description="attribution verb as written, e.g. 'said'")
    more: list[str] | None = Field(
        None,
        description="only when the quote goes on after its cue or over paragraphs: the "
        "following pieces of the same statement, each copied exactly, in order",
    )

    @model_validator(mode="after")
    def _pieces_grounded(self, info: ValidationInfo) -> Quote:
        article = article_of(info)
        if article is None or not self.more:
            return self
        if article.pieces(self.text, self.more, self.sentence) is None:
            raise ValueError(
                "the pieces in more are not in the article verbatim after text, in order: "
                "copy each character for character"
            )
        return self


class Claim(Item):
    text: str = Field(description="the claim as written, copied exactly")
    statement: str = Field(description="self-contained paraphrase")
    claimant: str | None = Field(description="who asserts it; null if the article itself")
    kind: Literal["reported", "assertion"]


class Event(Lean):
    description: str
    type: str = Field(description="attack, killing, arrest, statement, meeting, ... or other")
    sentences: list[int] = Field(description="numbers of the sentences that report it")
    trigger: str | None = Field(None, description="the word naming it, as written")
    actors: list[str] = []
    targets: list[str] = []
    location: str | None = None
    time: str | None = Field(None, description="time words as written, e.g. 'on Monday'")
    killed: int | None = None
    injured: int | None = None

    @field_validator("sentences")
    @classmethod
    def _cited(cls, value: list[int], info: ValidationInfo) -> list[int]:
        article = article_of(info)
        if article is not None:
            if not value:
                raise ValueError("cite at least one sentence")
            for n in value:
                article.check_sentence(n)
        return value


class Summary(Lean):
    headline: str
    text: str = Field(description="two or three sentences")
    key_points: list[int] = Field(description="numbers of the most important sentences")

    @field_validator("key_points")
    @classmethod
    def _cited(cls, value: list[int], info: ValidationInfo) -> list[int]:
        article = article_of(info)
        if article is not None:
            for n in value:
                article.check_sentence(n)
        return value


class ArticleExtraction(Lean):
    """Events, claims and quotes of the numbered article, each citing its sentences."""

    summary: Summary
    events: list[Event]
    claims: list[Claim]
    quotes: list[Quote]


# An attribution names, it does not copy: Qwen2.5-Coder-1.5B wrote whole clauses as "mention".
NAME_CHARS = 60
CUE_CHARS = 30


def _at_most(chars: int) -> Callable[[dict[str, Any]], None]:
    """A schema hook putting ``maxLength`` on the string branch of an optional string (where
    llama.cpp's grammar reads it); unlike pydantic's ``max_length`` it never fails validation."""

    def hook(schema: dict[str, Any]) -> None:
        for branch in schema.get("anyOf", [schema]):
            if branch.get("type") == "string":
                branch["maxLength"] = chars

    return hook


class Attribution(Lean):
    candidate: int = Field(description="number of the candidate quote")
    speech: bool = Field(description="false for a title, name, term or scare quote: not speech")
    kind: Literal["direct", "partial", "indirect"]
    speaker: str | None = Field(
        description="fullest name the article gives", json_schema_extra=_at_most(NAME_CHARS)
    )
    mention: str | None = Field(
        None,
        description="words naming the speaker here, e.g. 'he'",
        json_schema_extra=_at_most(NAME_CHARS),
    )
    cue: str | None = Field(
        None,
        description="attribution verb as written, e.g. 'said'",
        json_schema_extra=_at_most(CUE_CHARS),
    )

    @field_validator("candidate")
    @classmethod
    def _exists(cls, value: int, info: ValidationInfo) -> int:
        article = article_of(info)
        if article is not None and not 1 <= value <= len(article.candidates):
            raise ValueError(
                f"candidate {value} does not exist: the list has 1-{len(article.candidates)}"
            )
        return value


# Candidates mode's answer is bounded in its schema, which llama.cpp's grammar enforces while the
# model writes (other servers read it as a hint): an answer's tokens are most of its seconds on a
# small local model.
ASSISTED_ITEMS = 3


def _code_writes_the_summary(schema: dict[str, Any]) -> None:
    """The assisted answer's schema without ``summary``: the rules backend's summary is the
    record's (``Document.code_summary``). Qwen2.5-Coder-1.5B spent about 70 of its 100 tokens
    on a summary that mostly repeated the article's title and first sentence, about 7 s."""
    _lean(schema)
    schema["properties"].pop("summary", None)
    schema["required"] = [name for name in schema.get("required", []) if name != "summary"]


def _no_summary() -> Summary:
    return Summary(headline="", text="", key_points=[])


class AssistedExtraction(ArticleExtraction):
    """The numbered article's listed candidate quotes attributed, plus what code could not
    find: indirect speech, claims and events, each citing its sentences; a short answer."""

    model_config = ConfigDict(json_schema_extra=_code_writes_the_summary)

    summary: Summary = Field(default_factory=_no_summary)  # not asked: code writes it
    events: list[Event] = Field(json_schema_extra={"maxItems": ASSISTED_ITEMS})
    claims: list[Claim] = Field(
        description="only reported claims that are not quoted passages",
        json_schema_extra={"maxItems": ASSISTED_ITEMS},
    )
    quotes: list[Quote] = Field(
        description="only reported speech without quote marks",
        json_schema_extra={"maxItems": ASSISTED_ITEMS},
    )
    attributions: list[Attribution] = Field(description="one per listed candidate")


# pydantic's own error types, in words of ours: its messages (and the versioned documentation URL
# its ``str`` adds) change between releases, and a re-ask carrying them would make recorded
# requests depend on the installed pydantic.
_PLAIN = {
    "missing": "this field is required",
    "extra_forbidden": "this field is not in the schema",
    "json_invalid": "the answer is not valid JSON",
    "json_type": "expected a JSON object",
    "model_type": "expected an object",
    "model_attributes_type": "expected an object",
    "dict_type": "expected an object",
    "list_type": "expected a list",
    "string_type": "expected a string",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "bool_type": "expected true or false",
    "literal_error": "not one of the allowed values",
    "none_required": "expected null",
}


def problems(error: ValidationError) -> str:
    """What is wrong with an answer, one line per problem, in the project's own words: the
    text a re-ask sends back to the model (never pydantic's, see ``_PLAIN``)."""
    lines = []
    for e in error.errors(include_url=False, include_input=False):
        where = ".".join(str(p) for p in e["loc"]) or "answer"
        cause = (e.get("ctx") or {}).get("error")
        if e["type"] in ("value_error", "assertion_error") and cause is not None:
            said = str(cause)
        else:
            said = _PLAIN.get(e["type"], e["type"].replace("_", " "))
        lines.append(f"- {where}: {said}")
    return "The answer has these problems:\n" + "\n".join(lines)
