"""Split an article into paragraphs and sentences, and set page furniture aside.

This runs on every article, for every backend, so it is plain regular expressions: a 1,000-word
article segments in well under a millisecond. The rules backend parses with spaCy on top of it;
the LLM backend numbers these sentences so a model can cite them instead of copying offsets.
"""

from __future__ import annotations

import re

from summarizer.document import Document, Range
from summarizer.models import Source
from summarizer.spans import trim

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
_LINE = re.compile(r"[^\n]+")
# A sentence ends at . ! ? (maybe followed by closing quotes or brackets) before whitespace.
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "rep",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "inc",
        "ltd",
        "corp",
        "co",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "pres",
        "rev",
        "maj",
        "mt",
        "ft",
        "ave",
        "dept",
        "est",
        "fig",
    ]
)

# Lines that are page furniture rather than article, whatever the site.
_FURNITURE = re.compile(
    r"""^\s*(?:
        skip\ to\ (?:main\ )?content | jump\ to | main\ menu | toggle\ navigation | menu |
        share(?:\ this)?(?:\ article|\ on\ \w+)? | advertisement | sponsored | related(?:\ articles?)? |
        read\ more | most\ (?:read|popular) | trending | listen\ to\ this\ article.* |
        (?:sign\ up|subscribe|register)\b.* | .*\bnewsletters?\b.* | follow\ us\b.* |
        .*\ball\ rights\ reserved\b.* | copyright\b.* | \u00a9.* | cookie.* | accept\ (?:all\ )?cookies |
        .*\b(?:republish(?:ing)?|fill\ out\ this\ form|terms\ of\ (?:use|service)|privacy\ policy)\b.* |
        image\ (?:source|caption)\b.* | (?:photo|picture|image)\ (?:by|credit)\b.* |
        (?:updated|published|posted)\ (?:on\ )?\d.* | \d+\ min(?:ute)?s?\ read
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A caption or credit ends with an agency in brackets: "... on 26 December 2023 (AFP)".
_CREDIT = re.compile(
    r"\((?:AFP|AP|Reuters|Getty(?: Images)?|EPA|Anadolu|[A-Z]{2,6})(?:/[^)]*)?\)\s*$"
)


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the full stop at ``end - 1`` closes an abbreviation or an initial."""
    word = re.search(r"([A-Za-z.]+)\.$", text[max(0, end - 12) : end])
    if not word:
        return False
    w = word.group(1).lower()
    return w in _ABBREVIATIONS or len(w.replace(".", "")) == 1


def split_sentences(text: str, start: int, end: int) -> list[Range]:
    """Sentences of ``text[start:end]`` (one paragraph), as trimmed ranges of ``text``."""
    out: list[Range] = []
    chunk = text[start:end]
    begin = 0
    for m in _END.finditer(chunk):
        stop = m.end()
        if chunk[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(chunk, stop):
            continue
        out.append((begin, stop))
        begin = stop
    out.append((begin, len(chunk)))
    ranges = (trim(text, start + s, start + e) for s, e in out)
    return [r for r in ranges if r[1] > r[0]]


def furniture_lines(text: str) -> list[Range]:
    """Lines that are page furniture: navigation, sign-up prompts, repeated captions, blurbs."""
    lines = [
        (m.start(), m.end()) for m in _LINE.finditer(text) if text[m.start() : m.end()].strip()
    ]
    seen: dict[str, int] = {}
    for s, e in lines:
        key = text[s:e].strip()
        seen[key] = seen.get(key, 0) + 1
    out = []
    for s, e in lines:
        line = text[s:e].strip()
        repeated_caption = seen[line] > 1 and not line.endswith((".", '"', "\u201d"))
        if _FURNITURE.match(line) or repeated_caption or _CREDIT.search(line):
            out.append((s, e))
    return out


def segment(text: str, source: Source) -> Document:
    """Build the ``Document`` for ``text``: content paragraphs and sentences, furniture apart."""
    furniture = furniture_lines(text)
    skip = set(furniture)
    paragraphs: list[Range] = []
    for m in _PARAGRAPH.finditer(text):
        # A paragraph may mix furniture lines with content lines: keep runs of content lines.
        run: Range | None = None
        for line in _LINE.finditer(text, m.start(), m.end()):
            rng = (line.start(), line.end())
            if rng in skip or not text[rng[0] : rng[1]].strip():
                if run:
                    paragraphs.append(run)
                run = None
                continue
            run = (run[0], rng[1]) if run else rng
        if run:
            paragraphs.append(run)
    paragraphs = [r for r in (trim(text, s, e) for s, e in paragraphs) if r[1] > r[0]]
    sentences = [s for p in paragraphs for s in split_sentences(text, *p)]
    title = paragraphs[0] if paragraphs and "\n" not in text[slice(*paragraphs[0])] else None
    return Document(
        text=text,
        source=source,
        paragraphs=paragraphs,
        sentences=sentences,
        furniture=furniture,
        title=title,
    )
