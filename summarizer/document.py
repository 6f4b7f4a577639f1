"""The analysed article as backends see it: its text, where it came from, and its segments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from summarizer.models import Quote, Source, Summary

Range = tuple[int, int]


@dataclass
class Document:
    """One article ready for extraction.

    ``text`` is what every offset indexes into. ``paragraphs`` and ``sentences`` cover only the
    article's content, in order; page furniture (navigation, sign-up prompts, repeated captions,
    publisher blurbs) is listed in ``furniture`` and never extracted from. ``title`` is the range
    of the headline line when the text starts with one.
    """

    text: str
    source: Source
    paragraphs: list[Range] = field(default_factory=list)
    sentences: list[Range] = field(default_factory=list)
    furniture: list[Range] = field(default_factory=list)
    title: Range | None = None
    anchor_date: date | None = None
    #: Quotes code found before a model is asked (``--assist rules``): the model attributes them.
    candidates: list[Quote] = field(default_factory=list)
    #: The summary code wrote then (``--assist rules``): the model is not asked for one.
    code_summary: Summary | None = None

    def sentence_text(self, i: int) -> str:
        start, end = self.sentences[i]
        return self.text[start:end]

    def in_content(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside the article's content, not its furniture."""
        return not any(s < end and start < e for s, e in self.furniture)
