"""Split an article into paragraphs and sentences, and set page furniture aside.

This runs on every article, for every backend, so it is plain regular expressions: a 1,000-word
article segments in well under a millisecond. The rules backend parses with spaCy on top of it;
the LLM backend numbers these sentences so a model can cite them instead of copying offsets.
"""

from __future__ import annotations

import re

from summarizer import quotemarks
from summarizer.document import Document, Range
from summarizer.models import Source
from summarizer.spans import trim

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
_LINE = re.compile(r"[^\n]+")
# A sentence ends at . ! ? (maybe followed by closing quotes or brackets) before whitespace.
_CLOSERS = re.escape("\"'" + quotemarks.CLOSING + quotemarks.SINGLE_CLOSING)
_OPENERS = re.escape("\"'" + quotemarks.OPENING + quotemarks.SINGLE_OPENING)
_END = re.compile(rf"[.!?]+[{_CLOSERS})\]]*(?=\s+[{_OPENERS}(\[]?[A-Z0-9])")
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

# Lines that are page furniture rather than article, whatever the site: navigation and account
# links, share buttons, sign-up and newsletter prompts, cookie notices, credits, bylines and
# timestamps, "read more" teasers, publisher blurbs. Each alternative must match the whole line.
_FURNITURE = r"""^\s*(?:
        skip\ to\ (?:main\ )?content | jump\ to\b.* | main\ menu | toggle\ navigation | menu |
        home | search | close | cancel | next | previous | back\ to\ top | sections | more |
        news | video | photos | opinion | latest(?:\ news)? | print | comments? | x | \u00d7 | / |
        (?:show|view|leave\ a|post\ a|\d+)\ comments? |
        (?:sign|log)\ (?:in|out) | my\ account | create\ (?:an\ )?account | manage\ subscription |
        about(?:\ us)? | contact(?:\ us)? | careers | jobs | advertise(?:\ with\ us)? | site\ ?map |
        facebook | twitter | instagram | linkedin | youtube | whatsapp | telegram | flipboard |
        reddit | pinterest | email | e-mail | rss(?:\ feed)? | tweet | pin\ it | copy\ link |
        (?:(?:facebook|twitter|x|email|e-mail|linkedin|whatsapp)\W*){2,} |
        share(?:\ this)?(?:\ (?:article|story|page|post))?(?:\ (?:on|via)\ \w+)?:?\w* |
        advertisement | sponsored(?:\ content)? | related(?:\ (?:articles?|stories|content|topics))?:? |
        read\ more\b.* | continue\ reading\b.* | (?:also\ read|see\ also|recommended|more\ on\ this)\b.* |
        most\ (?:read|popular|viewed) | trending(?:\ now)? | listen\ to\ this\ article.* |
        (?:sign\ up|subscribe|register)(?:\W+\S+){0,4}\W* |
        (?:sign\ up|subscribe|register)\b.*\b(?:newsletters?|alerts?|inbox|briefing|digest|our|latest)\b.* |
        follow\ us\b.* | follow\ [\w.]+(?:\ [\w.]+)?\ on\ \w+ | stay\ informed\b.* |
        got\ a\ (?:news\ )?tip\?? | (?:send\ us|submit)\ a\ (?:news\ )?tip |
        copyright\b.* | \u00a9.* | cookie.* | accept\ (?:all\ )?cookies |
        image\ (?:source|caption)\b.* | (?:photo|picture|image)s?\ (?:by|credit)\b.* |
        (?:photo|picture|image)s?:\s.{0,60} | getty\ images | (?:ap|afp|reuters)\ photo\b.* |
        by |
        (?:updated|published|posted|last\ updated)\b:?\ (?=.*\d).{0,60} | \d+\ min(?:ute)?s?\ read |
        \d{1,2}\ ?(?:h|hrs?|hours?|m|mins?|minutes?|d|days?)\ ago | \d+ | [\d,.]+[km]?\ (?:shares|views)
    )\s*$"""
_FURNITURE_CASED = re.compile(_FURNITURE, re.IGNORECASE | re.VERBOSE)
# Words that make any line furniture wherever they stand in it, and cheap substrings to test
# before the regular expression (most lines contain none of them).
_FURNITURE_KEYS = (
    "newsletter",
    "rights reserved",
    "cookies",
    "republish",
    "fill out this form",
    "terms of",
    "privacy",
    "journalism",
    "thank you for reading",
)
_FURNITURE_WORDS = re.compile(
    r"\bnewsletters?\b|\ball rights reserved\b|\b(?:we|this (?:site|website)) uses? cookies\b|"
    r"\brepublish(?:ing)?\b|\bfill out this form\b|\bterms of (?:use|service)\b|"
    r"\bprivacy (?:policy|notice)\b|\bsupport (?:our|independent) journalism\b|"
    r"\bthank you for reading\b",
    re.IGNORECASE,
)
# A byline: "By Jane Doe", "By Jane Doe and John Roe, Reuters" (names capitalised).
_BYLINE = re.compile(
    r"^\s*[Bb][Yy]:?\s+(?:[A-Z][\w.'-]*\s?){1,4}(?:(?:,\s|\sand\s)(?:[A-Z][\w.'-]*\s?){1,4})*"
    r"(?:,\s[A-Z]\w+(?:\s\w+)?)?\s*$"
)
# A line that is only a date and maybe a time, maybe after a byline: a timestamp under the
# headline ("Chris Davies - Nov 19, 2019, 10:31 pm").
_TIMESTAMP = re.compile(
    r"^\s*(?:(?:by\s+)?[A-Z][\w.'-]+(?:\s[A-Z][\w.'-]+){0,3}\s*[-\u2013\u2014|\u2022,]\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?:\d{1,2}\s+[a-z]{3,9}\.?,?(?:\s+\d{4})?|[a-z]{3,9}\.?\s+\d{1,2}(?:,?\s+\d{4})?|"
    r"\d{4}-\d\d-\d\d|"
    r"\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:\s*[,|\u2022-]?\s*(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?\s*$",
    re.IGNORECASE,
)
# A caption or credit ends with an agency in brackets: "... on 26 December 2023 (AFP)".
_CREDIT = re.compile(
    r"\S\s.*\((?:AFP|AP|Reuters|Getty(?: Images)?|EPA|EPA-EFE|Anadolu|AA|Xinhua|UPI|dpa|"
    r"Shutterstock|Alamy|Bloomberg|WANA|SANA|IRNA|AFP via Getty Images)(?:/[^)]*)?\)\s*$"
)
# A line repeated within this many lines is an image caption shown twice (alt text, caption).
_REPEAT_WINDOW = 3
# A first line this long or longer is the story, not its headline.
_TITLE_WORDS = 30
# This many short lines in a row (a few words, no full stop) are a menu of links.
_MENU_RUN = 4
_MENU_WORDS = 3


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


def _is_furniture_line(line: str) -> bool:
    """One line is furniture by itself: it matches a furniture pattern, a timestamp or a credit."""
    low = line.lower()
    if any(k in low for k in _FURNITURE_KEYS) and _FURNITURE_WORDS.search(line):
        return True
    if line.endswith(")") and _CREDIT.search(line):
        return True
    if len(line) > 120:  # every whole-line pattern is shorter
        return False
    return bool(_FURNITURE_CASED.match(line) or _TIMESTAMP.match(line) or _BYLINE.match(line))


def furniture_lines(text: str) -> list[Range]:
    """Lines that are page furniture: navigation, sign-up prompts, repeated captions, blurbs."""
    lines = [
        (m.start(), m.end()) for m in _LINE.finditer(text) if text[m.start() : m.end()].strip()
    ]
    keys = [text[s:e].strip() for s, e in lines]
    out = []
    for i, (s, e) in enumerate(lines):
        line = keys[i]
        near = keys[max(0, i - _REPEAT_WINDOW) : i] + keys[i + 1 : i + 1 + _REPEAT_WINDOW]
        repeated_caption = (
            line in near
            and len(line.split()) >= 4
            and not line.endswith((".", "?", "!", ":", '"', *quotemarks.CLOSING))
        )
        if repeated_caption or _is_furniture_line(line):
            out.append((s, e))
    return sorted(set(out) | set(_menus(lines, keys)))


def _menus(lines: list[Range], keys: list[str]) -> list[Range]:
    """Runs of short capitalised lines without digits or punctuation: navigation menus."""
    out: list[Range] = []
    run: list[Range] = []
    for rng, line in [*zip(lines, keys, strict=True), ((0, 0), "")]:
        short = (
            0 < len(line.split()) <= _MENU_WORDS
            and line[0].isupper()
            and not any(ch.isdigit() or ch in ".?!:" for ch in line)
        )
        if short:
            run.append(rng)
            continue
        if len(run) >= _MENU_RUN:
            out.extend(run)
        run = []
    return out


def _is_title(line: str) -> bool:
    """A headline: one short line that does not end like a sentence of the story."""
    return "\n" not in line and len(line.split()) <= _TITLE_WORDS and not line.endswith(".")


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
    title = (
        paragraphs[0] if len(paragraphs) > 1 and _is_title(text[slice(*paragraphs[0])]) else None
    )
    return Document(
        text=text,
        source=source,
        paragraphs=paragraphs,
        sentences=sentences,
        furniture=furniture,
        title=title,
    )
