"""Date parsing: every shape the corpora use, and None (never an exception) for the rest."""
from datetime import date, datetime, timezone

import pytest
from hypothesis import given, strategies as st

from pipeline.dates import parse_datetime, parse_iso_date

UTC = timezone.utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sat, 20 Aug 2022 12:00 UTC", datetime(2022, 8, 20, 12, 0, tzinfo=UTC)),  # the seed
        ("2022-08-20", datetime(2022, 8, 20, tzinfo=UTC)),
        ("2022-08-20T12:00:00Z", datetime(2022, 8, 20, 12, tzinfo=UTC)),
        ("2022-08-20T12:00:00+02:00", datetime(2022, 8, 20, 10, tzinfo=UTC)),
        ("2022-08-20 12:00:00.5 -0400", datetime(2022, 8, 20, 16, 0, 0, 500000, tzinfo=UTC)),
        ("26-FEB-1987 15:01:01.79", datetime(1987, 2, 26, 15, 1, 1, 790000, tzinfo=UTC)),  # Reuters
        ("  3-MAR-1987 09:01:01.79", datetime(1987, 3, 3, 9, 1, 1, 790000, tzinfo=UTC)),
        ("27-MAR-1987 00:02:59.13&#5;&#5;&#5;F", datetime(1987, 3, 27, 0, 2, 59, 130000, tzinfo=UTC)),
        ("9/30/2015", datetime(2015, 9, 30, tzinfo=UTC)),  # pakistan, month first with slashes
        ("10/12/2015", datetime(2015, 10, 12, tzinfo=UTC)),
        ("01-02-2015", datetime(2015, 2, 1, tzinfo=UTC)),  # day first with dashes
        ("12/1/16", datetime(2016, 12, 1, tzinfo=UTC)),  # AllSides M/D/YY
        ("1/5/75", datetime(1975, 1, 5, tzinfo=UTC)),
        ("August 20, 2022 3:15 pm EDT", datetime(2022, 8, 20, 19, 15, tzinfo=UTC)),
        ("Saturday, August 20, 2022", datetime(2022, 8, 20, tzinfo=UTC)),
        ("20 August 2022", datetime(2022, 8, 20, tzinfo=UTC)),
        ("0001-01-01", datetime(1, 1, 1, tzinfo=UTC)),
        ("2050-06-01T08:00:00Z", datetime(2050, 6, 1, 8, tzinfo=UTC)),
        ("9999-12-31", datetime(9999, 12, 31, tzinfo=UTC)),
    ],
)
def test_shapes(text, expected):
    assert parse_datetime(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "not a date", "2022-13-01", "2022-02-30", "0000-01-01", "32/13/2015", "25:00", "2022-08-20T25:00",
     "0001-01-01T00:00+05:00", None, 20220820, "Feb 30, 2020"],
)
def test_not_dates(text):
    assert parse_datetime(text) is None


def test_results_are_utc_aware():
    value = parse_datetime("2022-08-20T23:30:00-05:00")
    assert value.tzinfo == UTC and value == datetime(2022, 8, 21, 4, 30, tzinfo=UTC)


def test_iso_date_is_strict():
    assert parse_iso_date("2022-08-22") == date(2022, 8, 22)
    assert parse_iso_date(" 2022-08-22 ") == date(2022, 8, 22)
    assert parse_iso_date("2022-8-22") is None
    assert parse_iso_date("2022-08-32") is None
    assert parse_iso_date(None) is None


@given(st.text(max_size=200))
def test_never_raises(text):
    value = parse_datetime(text)
    assert value is None or (value.tzinfo == UTC and 1 <= value.year <= 9999)
