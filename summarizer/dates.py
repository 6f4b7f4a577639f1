"""Absolute and relative dates: find the date an article is anchored to, resolve "on Tuesday".

News reports past events, so a weekday names the latest such day on or before the anchor
("on Tuesday" in an article dated Tuesday 26 December 2023 is that day).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

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
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(
        r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(
        r"\b" + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE = re.compile(
    r"\b(?:(?P<weekday>" + "|".join(WEEKDAYS) + r")|(?P<word>today|yesterday|tomorrow|tonight))\b",
    re.I,
)


def absolute_dates(text: str) -> list[tuple[int, int, date]]:
    """Every full calendar date written in ``text``, as (start, end, date), in text order."""
    found: list[tuple[int, int, date]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            g = m.groupdict()
            month = int(g["mnum"]) if g.get("mnum") else _MONTHS[g["month"].lower().rstrip(".")]
            try:
                found.append((m.start(), m.end(), date(int(g["year"]), month, int(g["day"]))))
            except ValueError:
                continue
    return sorted(found)


def find_anchor(text: str) -> date | None:
    """The date an article is written from: the first full date it carries (dateline, caption)."""
    dates = absolute_dates(text)
    return dates[0][2] if dates else None


def resolve(expression: str, anchor: date | None) -> str | None:
    """An ISO date for a date expression, relative ones resolved against ``anchor``."""
    dates = absolute_dates(expression)
    if dates:
        return dates[0][2].isoformat()
    if anchor is None:
        return None
    m = _RELATIVE.search(expression)
    if not m:
        return None
    if m.group("weekday"):
        back = (anchor.weekday() - WEEKDAYS.index(m.group("weekday").lower())) % 7
        return (anchor - timedelta(days=back)).isoformat()
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m.group("word").lower()]
    return (anchor + timedelta(days=shift)).isoformat()
