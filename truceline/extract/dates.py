"""Dates of events, absolute or relative to the publication date.

Rules rather than dateparser: dateparser knows nothing of "overnight", "at dawn"
or "late on Friday", and a compiled regex pass is what keeps extraction fast.
Numeric dates are read day-first (31.07.2022, 31/07/2022), as in the region's press.

time_precision follows ACLED: 1 day, 2 week, 3 month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from truceline.extract.wordsets import WordLists

__all__ = ["DateMention", "find_dates", "parse_published"]

MONTHS = {
    m: i
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
        ],
        start=1,
    )
    for m in names
}
WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip

_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_TOD_BEFORE = r"(?P<tod1>early|late|(?:early|late)\s+on)?"
_PART = r"(?P<part>morning|afternoon|evening|night)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b")),
    (
        "numeric",  # day-first: 31.07.2022, 31/07/22
        re.compile(r"\b(?P<day>[0-3]?\d)[./](?P<mon>[01]?\d)[./](?P<year>(?:19|20)?\d\d)\b"),
    ),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?\b", re.I)),
    ("mdy", re.compile(rf"\b{_MON}\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!\s*(?:km|kilomet|mile|%))", re.I)),
    (
        "month",
        re.compile(
            rf"\b(?:in|since|during|throughout|early|late|mid-?)\s+{_MON}(?:\s+{_YEAR})?\b", re.I
        ),
    ),
    (
        "weekday",
        re.compile(rf"\b{_TOD_BEFORE}\s*(?:on\s+)?(?:last\s+)?{_WD}(?:\s+{_PART})?\b", re.I),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>yesterday|today|tonight|this\s+(?:morning|afternoon|evening)|last\s+night|"
            r"overnight|at\s+dawn|(?:in\s+)?the\s+early\s+hours(?:\s+of\s+(?:the\s+)?morning)?|"
            r"early\s+(?:this\s+)?morning|the\s+day\s+before|the\s+previous\s+day|"
            r"(?P<n>\d+|two|three|four|five|six|seven)\s+days\s+ago|"
            r"last\s+week|earlier\s+this\s+week|this\s+week|last\s+month|earlier\s+this\s+month|"
            r"this\s+month)\b",
            re.I,
        ),
    ),
]
_CLOCK = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d)(?!\d)\s*(?P<ampm>[ap]\.?m\.?)?|\.(?P<m2>[0-5]\d)\s*(?P<ampm2>[ap]\.?m\.?))",
    re.I,
)
_CLOCK_AMPM = re.compile(
    r"\b(?:at\s+(?:around\s+|about\s+)?)?(?P<h>1[0-2]|0?[1-9])\s*(?P<ampm>[ap]\.?m\.?)", re.I
)
_CLOCK_LOW = re.compile(_CLOCK.pattern)
_CLOCK_AMPM_LOW = re.compile(_CLOCK_AMPM.pattern)
_DIGIT = re.compile(r"\d")
_AMPM_HINT = re.compile(r"\d\s*[ap]\.?m")  # what every _CLOCK_AMPM match has (lower case)
# What every "mdy" match (lower-cased) has: a month, then a day that no digit follows
# (in "March 2022" both "20" and "2" are followed by one, so the pattern cannot match)
_MDY_HINT = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+[0-3]?\d(?!\d)"
)
_REL_HINT_COARSE = re.compile(
    r"day|night|morning|afternoon|evening|dawn|early|week|month|ago|previous"
)
# a word each "relative" reading has ("the day before", "the early hours", "3 days ago"),
# found as a substring (see _hints)
_REL_WORDS = (
    "yesterday", "today", "tonight", "morning", "afternoon", "evening", "night", "dawn", "hours",
    "before", "previous", "ago", "week", "month",
)  # fmt: skip


_MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAY_WORDS = tuple(WEEKDAYS)
# Which pattern families a text can need: bits of _HINTS.found, in the lists' order.
_HINTS = WordLists(_MONTH_WORDS, _WEEKDAY_WORDS, _REL_WORDS)
_HAS_MONTH, _HAS_WEEKDAY, _HAS_REL = 1, 2, 4


# "in May", "since March", "mid-June": the last letter of each word the "month" pattern
# puts before the month, spaces, and the month
_MONTH_AFTER_HINT = re.compile(r"[negtyd-]\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_QUALIFIER = re.compile(r"\((?:the\s+)?(?P<q>week|month)\s+of\)", re.I)
_LOWER = {kind: re.compile(rx.pattern) for kind, rx in _PATTERNS}
_COMPILED = dict(_PATTERNS)
_PART_OF_DAY = re.compile(
    r"\b(?:overnight|at dawn|early hours|in the (?:early )?(?:morning|afternoon|evening)|at night|during the night"
    r"|the (?:early |late )?(?:morning|afternoon|evening|night) of)\b",
    re.I,
)
_NUM_SEP = re.compile(r"\d[./]\d")
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    date: str  # YYYY-MM-DD
    precision: int  # 1 day, 2 week, 3 month
    time_of_day: str | None = None
    explicit: bool = True  # False when derived only from the publication date


def parse_published(value: str | None) -> date | None:
    """The publication date of an ISO date or datetime string (None if absent or unreadable)."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value.strip())
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, pub: date | None) -> int | None:
    """A date without a year lies on or before the publication date (news reports the past)."""
    if pub is None:
        return None
    d = _safe_date(pub.year, month, day)
    if d is not None and d > pub + timedelta(days=2):
        return pub.year - 1
    return pub.year


def _part_of_day(text: str) -> str | None:
    t = text.lower()
    for key, label in (
        ("early hours", "early morning"),
        ("dawn", "dawn"),
        ("overnight", "night"),
        ("night", "night"),
        ("tonight", "night"),
        ("morning", "morning"),
        ("afternoon", "afternoon"),
        ("evening", "evening"),
    ):
        if key in t:
            return label
    return None


def _from_match(kind: str, m: re.Match[str], pub: date | None, off: int = 0) -> DateMention | None:
    """The date a pattern's match names; `off` is added to the match's offsets."""
    g = m.groupdict()
    a, b = m.start() + off, m.end() + off
    if kind in ("iso", "numeric", "dmy", "mdy"):
        mon = int(g["mon"]) if g["mon"].isdigit() else MONTHS.get(g["mon"].lower().rstrip("."))
        day = int(g["day"])
        if not mon or not 1 <= day <= 31:
            return None
        if g.get("year"):
            year = int(g["year"])
            if year < 100:
                year += 2000
        else:
            year = _year_for(mon, day, pub)
            if year is None:
                return None
        d = _safe_date(year, mon, day)
        return DateMention(a, b, d.isoformat(), 1) if d else None
    if kind == "month":
        mon = MONTHS[g["mon"].lower().rstrip(".")]
        if g.get("year"):
            year = int(g["year"])
        elif pub is not None:
            year = pub.year if mon <= pub.month else pub.year - 1
        else:
            return None
        # ACLED codes a month-precision event on the 15th.
        return DateMention(a, b, date(year, mon, 15).isoformat(), 3)
    if pub is None:
        return None
    if kind == "weekday":
        target = WEEKDAYS[g["wd"].lower()]
        back = (pub.weekday() - target) % 7
        if "last" in m.group(0).lower() and back == 0:
            back = 7
        d = pub - timedelta(days=back)
        tod = None
        if g.get("part"):
            tod = g["part"].lower()
            if g.get("tod1"):
                tod = f"{g['tod1'].split()[0].lower()} {tod}"
        elif g.get("tod1"):
            tod = "late evening" if g["tod1"].lower().startswith("late") else "early morning"
        return DateMention(a, b, d.isoformat(), 1, tod)
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    precision, days = 1, 0
    if rel == "yesterday" or rel in ("the day before", "the previous day") or rel == "last night":
        days = 1
    elif rel.endswith("days ago"):
        n = g["n"].lower()
        days = int(n) if n.isdigit() else _SMALL[n]
    elif rel == "last week":
        days, precision = 7, 2
    elif rel in ("this week", "earlier this week"):
        precision = 2
    elif rel == "last month":
        first = pub.replace(day=1) - timedelta(days=1)
        return DateMention(a, b, first.replace(day=15).isoformat(), 3)
    elif rel in ("this month", "earlier this month"):
        return DateMention(a, b, pub.replace(day=15).isoformat(), 3)
    return DateMention(a, b, (pub - timedelta(days=days)).isoformat(), precision, _part_of_day(rel))


def _clock(text: str, start: int, end: int, low: str, num_sep: bool) -> str | None:
    """The clock time in text[start:end]; `low` is that range lower-cased, on which the
    patterns run without re.I when the offsets carry over (as in `_dates`).  Each
    pattern runs only if its telltale is there: "h:mm" or "h.mm" (`num_sep` says
    whether some digit, "." or "/" and digit are), a digit before "am" or "pm"."""
    same = len(low) == end - start
    if ":" in low or num_sep:
        m = _CLOCK_LOW.search(low) if same else _CLOCK.search(text, start, end)
        if m:
            h, mi = int(m["h"]), int(m["m"] or m["m2"])
            ampm = m["ampm"] or m["ampm2"]
            if ampm and ampm[0].lower() == "p" and h < 12:
                h += 12
            return f"{h:02d}:{mi:02d}"
    if not _AMPM_HINT.search(low):
        return None
    m = _CLOCK_AMPM_LOW.search(low) if same else _CLOCK_AMPM.search(text, start, end)
    if m:
        h = int(m["h"]) % 12 + (12 if m["ampm"][0].lower() == "p" else 0)
        return f"{h:02d}:00"
    return None


def find_dates(
    text: str, published: date | None, start: int = 0, end: int | None = None
) -> list[DateMention]:
    """Every date mention in text[start:end], in order, without overlaps.

    Absolute dates win over relative ones where they overlap.  A clock time or a
    part of the day anywhere in the range is attached to the mentions as time_of_day.
    """
    end = len(text) if end is None else end
    low = text[start:end].lower()
    digits = _DIGIT.search(low) is not None
    # Which pattern families can match at all, each decided once by a cheap test: most
    # sentences name no date, and then no pattern runs.
    kinds = []
    has = _HINTS.found(low)
    months = has & _HAS_MONTH
    num_sep = digits and _NUM_SEP.search(low) is not None
    if digits:
        if "-" in low:
            kinds.append("iso")
        if num_sep:
            kinds.append("numeric")
        if months:
            kinds.append("dmy")
            # most spans name a month with a day before it or a year after it
            if len(low) != end - start or _MDY_HINT.search(low):
                kinds.append("mdy")
    # the finer hints below hold for the patterns without re.I that run on `low` (see
    # _dates); where lower-casing changed the length, the coarse ones of old are used
    same = len(low) == end - start
    if months and (not same or _MONTH_AFTER_HINT.search(low)):
        kinds.append("month")
    if has & _HAS_WEEKDAY:
        kinds.append("weekday")
    if has & _HAS_REL if same else _REL_HINT_COARSE.search(low):
        kinds.append("relative")
    found = _dates(text, published, start, end, low, kinds) if kinds else []
    if not found:
        return found  # the time of day is only ever attached to a date
    clock = _clock(text, start, end, low, num_sep) if digits else None
    part = None
    if clock is None and (
        "night" in low
        or "dawn" in low
        or "hours" in low
        or "morning" in low
        or "afternoon" in low
        or "evening" in low
    ):
        pm = _PART_OF_DAY.search(text, start, end)
        part = _part_of_day(pm.group(0)) if pm else None
    tod = clock or part
    if tod and found:
        found = [
            d if d.time_of_day else DateMention(d.start, d.end, d.date, d.precision, tod)
            for d in found
        ]
    return found


def _dates(
    text: str, published: date | None, start: int, end: int, low: str, kinds: list[str]
) -> list[DateMention]:
    """The mentions of the pattern families `kinds`, in order, without overlaps."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    # The patterns run on the lower-cased text, without re.I, which is about twice as
    # fast; offsets carry over unless lower-casing changed the length ("İ").
    same = len(low) == end - start
    off = start if same else 0
    for kind in kinds:
        matches = _LOWER[kind].finditer(low) if same else _COMPILED[kind].finditer(text, start, end)
        for m in matches:
            ms, me = m.start() + off, m.end() + off
            if taken and any(ms < b and me > a for a, b in taken):
                continue
            dm = _from_match(kind, m, published, off)
            if dm is None:
                continue
            # "(the week of)" needs its bracket close after the date
            if dm.precision == 1 and text.find("(", dm.end, min(end, dm.end + 40)) >= 0:
                q = _QUALIFIER.match(text, dm.end, min(end, dm.end + 20)) or _QUALIFIER.search(
                    text, dm.end, min(end, dm.end + 40)
                )
                if q:
                    week = q["q"].lower() == "week"
                    dm = DateMention(dm.start, dm.end, dm.date, 2 if week else 3, dm.time_of_day)
            found.append(dm)
            taken.append((ms, me))
    found.sort(key=lambda d: d.start)
    return found
