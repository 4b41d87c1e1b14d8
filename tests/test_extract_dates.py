"""Event dates, absolute or relative to the publication date, with ACLED's time precision."""

from datetime import date

import pytest

from truceline.extract.dates import find_dates, parse_published

PUB = date(2025, 3, 14)  # a Friday


def first(text: str, pub: date | None = PUB):
    found = find_dates(text, pub)
    assert found, f"no date in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "want", "precision"),
    [
        ("On 31 July 2022, Russian forces shelled near Bilopillia, Sumy.", "2022-07-31", 1),
        ("The strike on July 4, 2024 destroyed a substation.", "2024-07-04", 1),
        ("Residents reported explosions on 02.03.2025 near the port.", "2025-03-02", 1),
        ("Two drones were downed on 05/03/2025 over the region.", "2025-03-05", 1),
        ("The depot was hit on 2025-03-09, officials said.", "2025-03-09", 1),
        ("Around 18 October 2022 (week of), troops took over a camp.", "2022-10-18", 2),
        ("Around 15 March 2022 (month of), a man was detained.", "2022-03-15", 1 + 2),
        ("Shelling intensified in February, the mayor said.", "2025-02-15", 3),
    ],
)
def test_absolute_dates(text, want, precision):
    d = first(text)
    assert (d.date, d.precision) == (want, precision)


@pytest.mark.parametrize(
    ("text", "want", "precision", "tod"),
    [
        ("Drones attacked the city on Sunday, the governor said.", "2025-03-09", 1, None),
        ("Air defences were active overnight over the capital.", "2025-03-14", 1, "night"),
        ("A plane departed in the early hours of the morning.", "2025-03-14", 1, "early morning"),
        ("Late on Friday, a missile struck a warehouse.", "2025-03-14", 1, "late evening"),
        ("The village was shelled last week.", "2025-03-07", 2, None),
        ("A convoy was ambushed yesterday at 03:40 local time.", "2025-03-13", 1, "03:40"),
        ("Two houses burned after a strike on Wednesday night.", "2025-03-12", 1, "night"),
        ("Three days ago a bridge was blown up.", "2025-03-11", 1, None),
        # monitors' reports name the part of the day before the date
        ("On the evening of 12 March, the team heard 12 explosions.", "2025-03-12", 1, "evening"),
        ("The house was hit on the night of 10-11 March.", "2025-03-11", 1, "night"),
    ],
)
def test_relative_dates(text, want, precision, tod):
    d = first(text)
    assert (d.date, d.precision, d.time_of_day) == (want, precision, tod)


def test_date_without_year_lies_before_publication():
    # Published in January: "28 December" is last December, not this one.
    d = first("The attack on 28 December killed two.", date(2025, 1, 3))
    assert d.date == "2024-12-28"


def test_relative_date_needs_a_publication_date():
    assert find_dates("Drones attacked the city on Sunday.", None) == []


def test_numbers_that_are_not_dates():
    assert find_dates("Crews fought the fire for 12.5 hours with 121 people.", PUB) == []


def test_parse_published_accepts_datetimes():
    assert parse_published("2025-03-14T06:30:00Z") == PUB
    assert parse_published("not a date") is None
