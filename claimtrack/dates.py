"""Calendar dates found in news text, and relative dates resolved against an anchor.

Two jobs, both pure functions:

* ``find_dates(text)`` finds absolute dates as news prints them: ISO ``2026-01-05``,
  ``5 Jan 2026``, ``January 5, 2026``, ``Jan. 2``, ``December 28`` (no year),
  ``May 2023`` (month precision).
* ``resolve(expr, anchor)`` turns one expression ("on Monday", "yesterday",
  "on December 28", "in July", "last month") into a ``When`` relative to the
  publication date ``anchor``; it never invents a date it cannot know.

News reports the past, so a date with no year, a weekday or a month alone is
resolved to the latest such date *on or before* the anchor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .models import Precision, When

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?:\b|(?<=(?:19|20)\d\d))(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# A year is four digits not followed by another digit. Glued repeats such as
# "5 Jan 20265 Jan 2026" are handled by taking only the first four digits.
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?![,:]?\s*(?:19|20)\d\d)(?!\s*(?:%|percent))", re.I),
    re.compile(rf"{_DAY}\s+{_MONTH}\b(?!,?\s*(?:19|20)\d\d)", re.I),
    re.compile(rf"\b{_MONTH}\s+{_YEAR}", re.I),
]


_ANY_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    year: int | None
    month: int
    day: int | None

    def when(self, anchor: dt.date | None = None) -> When | None:
        """The match as a ``When``; a missing year comes from ``anchor``."""
        year = self.year
        if year is None:
            if anchor is None:
                return None
            year = anchor.year
            candidate = _safe_date(year, self.month, self.day or 1)
            if candidate is not None and candidate > anchor:
                year -= 1
        d = _safe_date(year, self.month, self.day or 1)
        if d is None:
            return None
        return When(d.isoformat(), Precision.DAY if self.day else Precision.MONTH)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> Iterator[DateMatch]:
    """Absolute dates in ``text``, left to right, without overlaps.

    >>> [m.day for m in find_dates("Published On 5 Jan 20265 Jan 2026")]
    [5, 5]
    """
    if not _ANY_DIGIT.search(text):
        return  # every date pattern has a day or a year in digits
    taken: list[tuple[int, int]] = []
    found: list[DateMatch] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            g = m.groupdict()
            if g.get("month") and g["month"][0].islower():
                continue  # "may", "march" as verbs
            month = int(g["m"]) if g.get("m") else MONTHS[g["month"].lower().rstrip(".")]
            day = int(g["day"]) if g.get("day") else None
            year = int(g["year"]) if g.get("year") else None
            if day is not None and not 1 <= day <= 31:
                continue
            if _safe_date(year or 2000, month, day or 1) is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMatch(m.start(), m.end(), year, month, day))
    yield from sorted(found, key=lambda d: d.start)


def parse_date(text: str) -> When | None:
    """The first complete (year-bearing) date in ``text``.

    >>> parse_date("January 5, 2026")
    When(date='2026-01-05', precision=<Precision.DAY: 'day'>)
    """
    for m in find_dates(text):
        if m.year is not None:
            return m.when()
    return None


def as_date(value: str | None) -> dt.date | None:
    """``'2026-01-05'`` (or a longer ISO timestamp) -> ``date``; None for anything else."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


_RELATIVE = re.compile(
    r"\b(?:(?P<today>today|this morning|this afternoon|this evening|tonight)"
    r"|(?P<yesterday>yesterday)"
    r"|(?:on|last|this|late|early)?\s*(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?P<lastmonth>last month)|(?P<lastyear>last year)|(?P<thisyear>this year))\b",
    re.I,
)


def resolve(expr: str, anchor: dt.date | None) -> When | None:
    """One time expression relative to ``anchor`` (the publication date).

    >>> resolve("on Monday", dt.date(2025, 12, 31))
    When(date='2025-12-29', precision=<Precision.DAY: 'day'>)
    >>> resolve("on Monday", None) is None
    True

    Near the ends of the calendar (0001-01-01, 9999-12-31) a date that cannot exist
    gives None instead of an error: publication dates come from metadata as written.
    """
    try:
        return _resolve(expr, anchor)
    except (OverflowError, ValueError):
        return None


def _resolve(expr: str, anchor: dt.date | None) -> When | None:
    for m in find_dates(expr):
        return m.when(anchor)
    if anchor is None:
        return None
    r = _RELATIVE.search(expr)
    if r is None:
        month = re.search(rf"\b(?:in|since|during)\s+{_MONTH}\b", expr, re.I)
        if month and month["month"][0].isupper():
            return DateMatch(0, 0, None, MONTHS[month["month"].lower()], None).when(anchor)
        return None
    if r["today"]:
        return When(anchor.isoformat())
    if r["yesterday"]:
        return When((anchor - dt.timedelta(days=1)).isoformat())
    if r["weekday"]:
        back = (anchor.weekday() - WEEKDAYS[r["weekday"].lower()]) % 7
        return When((anchor - dt.timedelta(days=back)).isoformat())
    if r["lastmonth"]:
        first = anchor.replace(day=1) - dt.timedelta(days=1)
        return When(first.replace(day=1).isoformat(), Precision.MONTH)
    if r["lastyear"]:
        return When(dt.date(anchor.year - 1, 1, 1).isoformat(), Precision.YEAR)
    return When(dt.date(anchor.year, 1, 1).isoformat(), Precision.YEAR)


# ---------------------------------------------------------------- speech times
# Time expressions as they date a speech act: "on Monday", "Monday", "yesterday",
# "last month", "in July", "on December 28", "in May 2023", "in 2022", "last week".
# ``find_times`` finds them; ``TimeExpr.resolve`` turns one into a ``When`` against the
# publication date. "last week", "earlier" and "recently" say *that* the statement was
# not made on the publication day without saying when: they resolve to None with
# ``vague`` set, so that a caller does not fall back to the publication date.

_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_TIME_PATTERNS = [
    ("today", re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", re.I)),
    ("yesterday", re.compile(r"\byesterday" + _PART + r"\b", re.I)),
    (
        "weekday",
        re.compile(
            r"\b(?:(?:on|late|early|earlier on|later on|last)\s+)?(?P<wd>"
            + _WEEKDAY
            + r")"
            + _PART
            + r"\b",
            re.I,
        ),
    ),
    ("thismonth", re.compile(r"\b(?:earlier |later )?this month\b", re.I)),
    ("lastmonth", re.compile(r"\blast month\b", re.I)),
    ("thisyear", re.compile(r"\b(?:earlier |later )?this year\b", re.I)),
    ("lastyear", re.compile(r"\blast year\b", re.I)),
    ("inyear", re.compile(r"\b(?:in|during|since)\s+(?P<y>(?:19|20)\d\d)\b(?![-–/])", re.I)),
    # a year naming an event: "Bolivia's 2019 crisis", "the 2022 election"
    (
        "eventyear",
        re.compile(
            r"(?:\bthe|['’]s)\s+(?P<y>(?:19|20)\d\d)\s+(?:crisis|election|elections|vote|"
            r"referendum|war|coup|campaign|protests|uprising|invasion|talks|summit|"
            r"agreement|deal|ceasefire|truce|poll|polls|race|budget|scandal)\b",
            re.I,
        ),
    ),
    (
        "inmonth",
        re.compile(r"\b(?:in|during|since|early|late|mid-?)\s*" + _MONTH + r"(?!\s+\d)\b", re.I),
    ),
    (
        "vague",
        re.compile(
            # "its earlier figure", "an earlier statement": an adjective, not a time
            r"\b(?:last week|earlier this week|this week|last weekend|"
            r"(?<!\bits )(?<!\bhis )(?<!\bher )(?<!\bthe )(?<!\ban )(?<!\btheir )(?<!\bour )"
            r"earlier(?! than)|recently|"
            r"previously|days ago|weeks ago|a week ago|in recent days|in recent weeks)\b",
            re.I,
        ),
    ),
]


# For each pattern above, words one of which its every match contains (casefolded);
# None: a digit. Only a shortcut: find_times gives the same results without it.
_TIME_NEEDS: dict[str, tuple[str, ...] | None] = {
    "today": ("today", "tonight", "this"),
    "yesterday": ("yesterday",),
    "weekday": ("day",),
    "thismonth": ("month",),
    "lastmonth": ("month",),
    "thisyear": ("year",),
    "lastyear": ("year",),
    "inyear": None,
    "eventyear": None,
    "inmonth": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    "vague": ("week", "earlier", "recent", "previously", "ago"),
}


@dataclass(frozen=True)
class TimeExpr:
    """One time expression found in text (offsets into that text)."""

    start: int
    end: int
    text: str
    kind: str  # "date" | "today" | "yesterday" | "weekday" | ... | "vague"
    match: DateMatch | None = None

    @property
    def vague(self) -> bool:
        return self.kind == "vague"

    @property
    def absolute(self) -> bool:
        """Whether the expression needs no anchor (it carries its year)."""
        if self.match is not None:
            return self.match.year is not None
        return self.kind in ("inyear", "eventyear")

    def resolve(self, anchor: dt.date | None) -> When | None:
        """The date this expression names, relative to ``anchor``; None when it cannot
        be known (vague, or relative with no anchor).

        >>> next(find_times("said on Monday")).resolve(dt.date(2026, 1, 5))
        When(date='2026-01-05', precision=<Precision.DAY: 'day'>)
        """
        if self.match is not None:
            return self.match.when(anchor)
        if self.kind in ("inyear", "eventyear"):
            y = re.search(r"(?:19|20)\d\d", self.text)
            return When(f"{y.group(0)}-01-01", Precision.YEAR) if y else None
        if self.kind == "vague" or anchor is None:
            return None
        if self.kind == "thismonth":
            return When(anchor.replace(day=1).isoformat(), Precision.MONTH)
        if self.kind == "inmonth":
            m = re.search(_MONTH, self.text, re.I)
            if m is None:
                return None
            return DateMatch(0, 0, None, MONTHS[m["month"].lower().rstrip(".")], None).when(anchor)
        return resolve(self.text, anchor)


def find_times(text: str) -> Iterator[TimeExpr]:
    """Time expressions in ``text``, left to right, without overlaps."""
    found: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []
    for d in find_dates(text):
        found.append(TimeExpr(d.start, d.end, text[d.start : d.end], "date", d))
        taken.append((d.start, d.end))
    folded = text.casefold()
    digit = _ANY_DIGIT.search(text) is not None
    for kind, pattern in _TIME_PATTERNS:
        # a pattern none of whose words is in the text cannot match: skip it
        need = _TIME_NEEDS[kind]
        if need is None:
            if not digit:
                continue
        elif not any(w in folded for w in need):
            continue
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "inmonth" and m["month"][0].islower():
                continue
            taken.append((m.start(), m.end()))
            found.append(TimeExpr(m.start(), m.end(), m.group(0), kind))
    yield from sorted(found, key=lambda t: t.start)
