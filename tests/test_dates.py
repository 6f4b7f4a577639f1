"""Anchoring and resolving dates: weekdays look back from the anchor, periods stay unresolved."""

from __future__ import annotations

from datetime import date

import pytest

from summarizer.dates import absolute_dates, expressions, find_anchor, resolve

TUESDAY = date(2023, 12, 26)


def test_anchor_is_the_first_full_date_in_any_common_format() -> None:
    assert find_anchor("Baghdad on 26 December 2023 (AFP). Later, on January 3, 2024.") == TUESDAY
    assert find_anchor("Posted 2023-12-26 by staff") == TUESDAY
    assert find_anchor("No date here, only Tuesday.") is None


def test_absolute_dates_skip_impossible_days() -> None:
    text = "on 31 February 2023 and 1 March 2023"
    assert absolute_dates(text) == [(24, 36, date(2023, 3, 1))]
    assert text[24:36] == "1 March 2023"


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on Tuesday", "2023-12-26"),
        ("early on Tuesday morning", "2023-12-26"),
        ("on Monday", "2023-12-25"),
        ("Wednesday", "2023-12-20"),
        ("yesterday", "2023-12-25"),
        ("last night", "2023-12-25"),
        ("today", "2023-12-26"),
        ("this morning", "2023-12-26"),
        ("tomorrow", "2023-12-27"),
        ("last Tuesday", "2023-12-19"),
        ("next Monday", "2024-01-01"),
        ("two days ago", "2023-12-24"),
        ("a week ago", "2023-12-19"),
        ("Dec. 25", "2023-12-25"),
        ("25 December", "2023-12-25"),
        ("on March 5", "2023-03-05"),
        ("1 March 2022", "2022-03-01"),
    ],
)
def test_resolve_against_a_tuesday_anchor(expression: str, expected: str) -> None:
    assert resolve(expression, TUESDAY) == expected


@pytest.mark.parametrize("expression", ["last week", "in October", "this month", "in 2019"])
def test_periods_longer_than_a_day_are_not_given_an_invented_day(expression: str) -> None:
    assert resolve(expression, TUESDAY) is None


def test_month_and_day_take_the_year_nearest_the_anchor() -> None:
    new_year = date(2024, 1, 3)
    assert resolve("December 28", new_year) == "2023-12-28"
    assert resolve("January 2", new_year) == "2024-01-02"


def test_future_tense_looks_ahead() -> None:
    assert resolve("on Wednesday", TUESDAY, future=True) == "2023-12-27"
    assert resolve("on Tuesday", TUESDAY, future=True) == "2023-12-26"
    assert resolve("Dec. 25", TUESDAY, future=True) == "2024-12-25"


def test_relative_dates_need_an_anchor() -> None:
    assert resolve("on Tuesday", None) is None
    assert resolve("26 December 2023", None) == "2023-12-26"


def test_expressions_find_the_words_a_time_is_given_in() -> None:
    text = (
        "The US struck early on Tuesday morning. On Monday, last week and two days ago, "
        "and on Dec. 25, 2023; in October and yesterday."
    )
    found = [text[s:e] for s, e in expressions(text)]
    assert found == [
        "early on Tuesday morning",
        "On Monday",
        "last week",
        "two days ago",
        "on Dec. 25, 2023",
        "in October",
        "yesterday",
    ]


def test_may_the_verb_is_not_a_date() -> None:
    assert expressions("He may go, she said.") == []
