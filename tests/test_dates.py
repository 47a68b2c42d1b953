"""Dates in news text: absolute dates, relative expressions, speech-time expressions."""

from __future__ import annotations

import datetime as dt

import pytest

from claimtrack.dates import DateMatch, as_date, find_dates, find_times, parse_date, resolve
from claimtrack.models import Precision, When

WED = dt.date(2026, 1, 7)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2026-01-05", When("2026-01-05")),
        ("5 Jan 2026", When("2026-01-05")),
        ("January 5, 2026", When("2026-01-05")),
        ("Published On 5 Jan 20265 Jan 2026", When("2026-01-05")),
        ("May 2023", When("2023-05-01", Precision.MONTH)),
        ("on December 28", None),  # no year: parse_date wants a complete date
        ("we may agree", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: When | None) -> None:
    assert parse_date(text) == expected


def test_find_dates_positions() -> None:
    text = "Talks on Jan. 2 and December 28, 2025 failed."
    found = list(find_dates(text))
    assert [(m.month, m.day, m.year) for m in found] == [(1, 2, None), (12, 28, 2025)]
    assert all(isinstance(m, DateMatch) for m in found)
    assert text[found[0].start : found[0].end] == "Jan. 2"


@pytest.mark.parametrize(
    "expr,anchor,expected",
    [
        ("on Monday", WED, When("2026-01-05")),
        ("on Wednesday", WED, When("2026-01-07")),
        ("yesterday", WED, When("2026-01-06")),
        ("last month", WED, When("2025-12-01", Precision.MONTH)),
        ("on December 28", WED, When("2025-12-28")),
        ("in July", WED, When("2025-07-01", Precision.MONTH)),
        ("last year", WED, When("2025-01-01", Precision.YEAR)),
        ("on Monday", None, None),
        ("next to nothing", WED, None),
    ],
)
def test_resolve(expr: str, anchor: dt.date | None, expected: When | None) -> None:
    assert resolve(expr, anchor) == expected


@pytest.mark.parametrize(
    "value,expected",
    [("2026-01-05", dt.date(2026, 1, 5)), ("2026-01-05T10:00:00Z", dt.date(2026, 1, 5)),
     ("yesterday", None), (None, None), ("", None)],
)  # fmt: skip
def test_as_date(value: str | None, expected: dt.date | None) -> None:
    assert as_date(value) == expected


TIMES = [
    ("said on Monday morning", "weekday", "on Monday morning", When("2026-01-05")),
    ("said Monday", "weekday", "Monday", When("2026-01-05")),
    ("Earlier on Sunday, he said", "weekday", "Earlier on Sunday", When("2026-01-04")),
    ("told reporters yesterday", "yesterday", "yesterday", When("2026-01-06")),
    ("said today", "today", "today", When("2026-01-07")),
    ("wrote this month", "thismonth", "this month", When("2026-01-01", Precision.MONTH)),
    ("In September, the army said", "inmonth", "In September",
     When("2025-09-01", Precision.MONTH)),
    ("said in 2022", "inyear", "in 2022", When("2022-01-01", Precision.YEAR)),
    ("On December 25, 2024, Russia alleged", "date", "December 25, 2024", When("2024-12-25")),
    ("said last week", "vague", "last week", None),
    ("said earlier", "vague", "earlier", None),
]  # fmt: skip


@pytest.mark.parametrize("text,kind,expr,expected", TIMES)
def test_find_times(text: str, kind: str, expr: str, expected: When | None) -> None:
    [t] = list(find_times(text))
    assert (t.kind, t.text) == (kind, expr)
    assert t.resolve(WED) == expected


def test_relative_times_need_an_anchor_absolute_ones_do_not() -> None:
    [rel] = find_times("said on Monday")
    [ab] = find_times("said on December 25, 2024")
    assert rel.resolve(None) is None and not rel.absolute
    assert ab.resolve(None) == When("2024-12-25") and ab.absolute


def test_find_times_ignores_may_the_verb_and_regions() -> None:
    assert list(find_times("Officials may say more in the Kyiv region")) == []


@pytest.mark.parametrize(
    "expr,anchor",
    [
        ("yesterday", dt.date(1, 1, 1)),
        ("last month", dt.date(1, 1, 20)),
        ("last year", dt.date(1, 3, 3)),
        ("on Sunday", dt.date(1, 1, 1)),
        ("on December 30", dt.date(1, 1, 2)),
        ("today", dt.date(9999, 12, 31)),
    ],
)
def test_resolve_at_the_ends_of_the_calendar_gives_none_or_a_date(
    expr: str, anchor: dt.date
) -> None:
    got = resolve(expr, anchor)
    assert got is None or dt.date.fromisoformat(got.date) <= anchor


@pytest.mark.parametrize(
    "text,found",
    [
        ("during Bolivia's 2019 crisis", [("’s 2019 crisis", "2019-01-01")]),
        ("before the 2022 election", [("the 2022 election", "2022-01-01")]),
        # a year before another noun, or a number, is no event year
        ("the 2019 figures", []),
        ("a 2019 crisis", []),
    ],
)
def test_a_year_naming_an_event_is_absolute(text: str, found: list[tuple[str, str]]) -> None:
    got = [(t.text, t.resolve(None)) for t in find_times(text.replace("'s", "’s"))]
    assert [(x, w.date if w else None) for x, w in got] == found
