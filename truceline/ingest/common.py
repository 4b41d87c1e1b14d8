"""Small parsers that several input formats share."""

from __future__ import annotations

import re
from datetime import date, datetime

from truceline.errors import InputError

__all__ = ["GRADES", "check_grade", "iso_date", "parse_date"]

GRADES = "ABCDEF"
_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%Y/%m/%d")


def parse_date(value: str) -> date | None:
    """A calendar date from the ways reports write one; day-first where ambiguous."""
    v = value.strip()
    m = re.match(r"^(\d{4}-\d{2}-\d{2})[T ]", v)
    if m:
        v = m.group(1)
    for fmt in _FORMATS:
        try:
            return datetime.strptime(v, fmt).date()
        except ValueError:
            continue
    return None


def iso_date(value: str | None) -> str | None:
    if not value:
        return None
    d = parse_date(value)
    return d.isoformat() if d else None


def check_grade(
    grade: str | None, *, source: str | None = None, field: str = "grade"
) -> str | None:
    """An Admiralty source-reliability letter, A (reliable) to F (cannot be judged)."""
    if grade is None or grade == "":
        return None
    g = str(grade).strip().upper()[:1]
    if g not in GRADES:
        raise InputError(
            f"{grade!r} is not an Admiralty reliability grade",
            source=source,
            field=field,
            hint="use a letter from A (reliable) to F (cannot be judged)",
        )
    return g
