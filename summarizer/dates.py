"""Absolute and relative dates: find the date an article is anchored to, resolve "on Tuesday".

News reports past events, so a weekday names the latest such day on or before the anchor
("on Tuesday" in an article dated Tuesday 26 December 2023 is that day) unless the expression
or the caller says it lies ahead ("next Tuesday", a verb in the future tense). A month and day
without a year take the year that puts them nearest the anchor. Periods that are not one day
("last week", "in October", "this month") resolve to None rather than to an invented day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
_YEAR = r"(?P<year>(?:19|20)\d\d)\b"
_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR, re.I),
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I),
]
# Month and day without a year: "December 25", "Dec. 25", "25 December".
_MONTH_DAY = [
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"(?!,?\s+(?:19|20)\d\d)(?![:\d])", re.I),
    re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?!,?\s+(?:19|20)\d\d)", re.I),
]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_RELATIVE = re.compile(
    r"\b(?:"
    r"(?P<dir>last|next|this|past|coming)\s+" + _WEEKDAY + r"|"
    r"(?P<weekday2>" + "|".join(WEEKDAYS) + r")|"
    r"(?P<ago>\d+|a|an|one|two|three|four|five|six)\s+(?P<unit>days?|weeks?)\s+ago|"
    r"(?P<lastnight>last\s+night)|"
    r"(?P<word>today|yesterday|tomorrow|tonight|this\s+(?:morning|afternoon|evening))"
    r")\b",
    re.I,
)
# Every date expression a sentence may carry, for finding the words an event's time is given in.
# The lookahead names every word an expression can start with, so the long alternation is tried
# only there (a third faster on news sentences, the same matches).
_EXPRESSION = re.compile(
    r"(?=\b(?:early|late|earlier|later|on|since|by|until|in|last|next|this|past|coming|today|"
    r"yesterday|tomorrow|tonight|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|a|an|one|two|"
    r"three|four|five|six|\d|" + "|".join(WEEKDAYS) + r"))"
    r"(?:\b(?:early|late|earlier|later)\s+)?(?:\b(?:on|since|by|until)\s+)?(?:"
    + "|".join(p.pattern for p in _DATE_PATTERNS[1:])
    .replace("(?P<day>", "(?:")
    .replace("(?P<month>", "(?:")
    .replace("(?P<year>", "(?:")
    + r"|\b(?:last|next|this|past|coming)\s+(?:"
    + "|".join(WEEKDAYS)
    + r"|week|month|year|weekend|night)\b"
    + r"|\b(?:"
    + "|".join(WEEKDAYS)
    + r")\b"
    + _PART_OF_DAY
    + r"|\b(?:\d+|a|an|one|two|three|four|five|six)\s+(?:days?|weeks?|months?|years?)\s+ago\b"
    + r"|\b(?:today|yesterday|tomorrow|tonight)\b"
    + r"|\b(?:(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?|january|february|march|"
    r"april|may|june|july|august|september|october|november|december)\s+[0-3]?\d(?:st|nd|rd|th)?\b"
    + r"|\b[0-3]?\d(?:st|nd|rd|th)?\s+(?:january|february|march|april|june|july|august|"
    r"september|october|november|december)\b"
    + r"|\b(?:19|20)\d\d-[01]\d-[0-3]\d\b"
    + r"|\bin\s+(?:(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\s+)?(?:19|20)\d\d\b"
    + r"|\bin\s+(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b" + r")",
    re.I,
)


_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
YEAR = re.compile(r"(?:19|20)\d\d")


def absolute_dates(text: str) -> list[tuple[int, int, date]]:
    """Every full calendar date written in ``text``, as (start, end, date), in text order."""
    found: set[tuple[int, int, date]] = set()
    # Every full date holds a year: try the patterns only near one (runs on every article).
    for year in _ANY_YEAR.finditer(text):
        lo, hi = max(0, year.start() - 24), min(len(text), year.end() + 8)
        for pattern in _DATE_PATTERNS:
            for m in pattern.finditer(text, lo, hi):
                if not m.start() <= year.start() < m.end():
                    continue
                g = m.groupdict()
                month = int(g["mnum"]) if g.get("mnum") else _MONTHS[g["month"].lower().rstrip(".")]
                try:
                    found.add((m.start(), m.end(), date(int(g["year"]), month, int(g["day"]))))
                except ValueError:
                    continue
    return sorted(found)


def find_anchor(text: str) -> date | None:
    """The date an article is written from: the first full date it carries (dateline, caption)."""
    dates = absolute_dates(text)
    return dates[0][2] if dates else None


def expressions(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names a time ("early on Tuesday morning", "last week", "Dec. 25, 2023")."""
    return list(_expressions(text))


@lru_cache(maxsize=4096)
def _expressions(text: str) -> tuple[tuple[int, int], ...]:
    """Cached: the rules backend asks about the same sentence for entities, events, assertions
    and the summary, and this one large pattern is slow to scan."""
    return tuple((m.start(), m.end()) for m in _EXPRESSION.finditer(text))


def _month_day(expression: str, anchor: date | None, future: bool) -> date | None:
    """A month and day without a year: the nearest such day up to a month after the anchor
    (news looks back), or the first one on or after it for something still to come."""
    if anchor is None:
        return None
    for pattern in _MONTH_DAY:
        m = pattern.search(expression)
        if not m:
            continue
        month = _MONTHS[m.group("month").lower().rstrip(".")]
        candidates = []
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                candidates.append(date(year, month, int(m.group("day"))))
            except ValueError:
                continue
        if future:
            return min((d for d in candidates if d >= anchor), default=None)
        near = [d for d in candidates if (d - anchor).days <= 31]
        return min(near, key=lambda d: abs((d - anchor).days), default=None)
    return None


def _weekday(name: str, anchor: date, direction: str) -> date:
    """The named weekday: on or before the anchor, or strictly after it for "next"/the future."""
    target = WEEKDAYS.index(name.lower())
    if direction in ("next", "coming"):
        return anchor + timedelta(days=(target - anchor.weekday() - 1) % 7 + 1)
    if direction == "future":
        return anchor + timedelta(days=(target - anchor.weekday()) % 7)
    back = (anchor.weekday() - target) % 7
    if direction in ("last", "past") and back == 0:
        back = 7
    return anchor - timedelta(days=back)


def resolve(expression: str, anchor: date | None, *, future: bool = False) -> str | None:
    """An ISO date for a date expression, relative ones resolved against ``anchor``.

    ``future`` says the expression belongs to something still to come ("will meet on Tuesday").
    """
    dates = absolute_dates(expression)
    if dates:
        return dates[0][2].isoformat()
    day = _month_day(expression, anchor, future)
    if day is not None:
        return day.isoformat()
    if anchor is None:
        return None
    m = _RELATIVE.search(expression)
    if not m:
        return None
    if m.group("weekday"):
        return _weekday(m.group("weekday"), anchor, m.group("dir").lower()).isoformat()
    if m.group("weekday2"):
        return _weekday(m.group("weekday2"), anchor, "future" if future else "").isoformat()
    if m.group("ago"):
        count = _NUMBERS.get(m.group("ago").lower()) or int(m.group("ago"))
        days = count * (7 if m.group("unit").lower().startswith("week") else 1)
        return (anchor - timedelta(days=days)).isoformat()
    if m.group("lastnight"):
        return (anchor - timedelta(days=1)).isoformat()
    word = m.group("word").lower().split()[0]
    shift = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "tomorrow": 1}[word]
    return (anchor + timedelta(days=shift)).isoformat()
