"""Dates as news files write them, parsed into timezone-aware UTC datetimes.

One function per question: :func:`parse_datetime` for a publication timestamp in any of the
shapes our corpora use, :func:`parse_iso_date` for a strict ``YYYY-MM-DD`` (the seed header's
listed date).  Neither raises: text that is not a date gives ``None``.

Shapes understood (anything after a recognised date is ignored, so Reuters' trailing junk
``27-MAR-1987 00:02:59.13&#5;&#5;F`` still parses):

- ISO 8601: ``2022-08-20``, ``2022-08-20T12:00:00Z``, ``2022-08-20 12:00:00.5+05:00``
- day, month name, year: ``Sat, 20 Aug 2022 12:00 UTC``, ``26-FEB-1987 15:01:01.79``
- month name, day, year: ``August 20, 2022 3:15 pm EDT``
- numeric: ``9/30/2015`` and ``12/1/16`` (month first with slashes), ``01-12-2015`` (day first
  with dashes or dots)

A missing time is midnight; a missing or unknown zone is UTC; years 0001 to 9999 are allowed and a
two-digit year is 2000-2068 or 1969-1999 (as ``strptime``'s ``%y``).  Month names and zone
abbreviations live in ``vocab/ingest_months.tsv`` and ``vocab/ingest_timezones.tsv``.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import re

from pipeline import vocab

__all__ = ["parse_datetime", "parse_iso_date"]

MONTHS = {name: int(number) for name, number in vocab.table("ingest_months.tsv")}
ZONES = {name: int(minutes) for name, minutes in vocab.table("ingest_timezones.tsv")}
MAX_CHARS = 80  # a date never needs more; longer input is cut before matching
# The patterns below are linear (no nested or overlapping quantifiers) and see at most MAX_CHARS
# characters, so they use the stdlib ``re`` without the ``regex`` module's timeout: twice as fast.

_MONTH_NAMES = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))

# The time of day and zone that may follow any date shape.
_TIME = r"""
    (?:
        (?:[ \t]*[T,@]?[ \t]*|[ \t]+at[ \t]+)       # separator: T, space, comma, "at"
        (?P<hour>\d{1,2}) : (?P<minute>\d{2})      # 12:00
        (?: : (?P<second>\d{2})                    # :59
            (?: [.,] (?P<fraction>\d{1,6}) \d* )?  # .79 (digits past microseconds dropped)
        )?
        [ \t]* (?P<ampm>[AaPp]\.?[Mm]\.?(?![A-Za-z]))?  # 3:15 pm
    )?
    [ \t]*
    (?:
        (?P<offset>[+-]\d{2}(?::?\d{2})?)(?!\d)    # +05:00, -0400, +01
      | (?P<zone>[A-Za-z]{1,5})(?![A-Za-z])        # UTC, Z, EDT (unknown words are ignored)
    )?
"""

# ISO 8601 and its relatives: 2022-08-20, 2022/08/20, 2022-08-20T12:00:00Z.
_ISO = re.compile(
    r"""
    [ \t]*
    (?P<year>\d{4}) (?P<sep>[-/]) (?P<month>\d{1,2}) (?P=sep) (?P<day>\d{1,2}) (?!\d)
    """ + _TIME,
    re.VERBOSE,
)

# Day, month name, year, with an optional weekday: "Sat, 20 Aug 2022 12:00 UTC", "26-FEB-1987".
_DAY_MONTH_YEAR = re.compile(
    r"""
    [ \t]*
    (?:[A-Za-z]{3,9}\.?,?[ \t]+)?                  # weekday: "Sat, "
    (?P<day>\d{1,2}) (?:st|nd|rd|th)? [ \t-]+      # 20, 3rd, "26-"
    (?P<monthname>""" + _MONTH_NAMES + r""") \.? (?![A-Za-z])
    [ \t,-]+ (?P<year>\d{4}) (?!\d)                # 2022, "-1987"
    """ + _TIME,
    re.VERBOSE | re.IGNORECASE,
)

# Month name, day, year: "August 20, 2022", "Aug. 20 2022 3:15 pm EDT".
_MONTH_DAY_YEAR = re.compile(
    r"""
    [ \t]*
    (?:[A-Za-z]{3,9}\.?,?[ \t]+)??                 # weekday: "Saturday, " (lazy: a month may follow)
    (?P<monthname>""" + _MONTH_NAMES + r""") \.? (?![A-Za-z])
    [ \t]+ (?P<day>\d{1,2}) (?:st|nd|rd|th)? (?!\d)
    [ \t,]+ (?P<year>\d{4}) (?!\d)
    """ + _TIME,
    re.VERBOSE | re.IGNORECASE,
)

# Numbers only: "9/30/2015", "12/1/16" (month first); "01-12-2015", "01.12.2015" (day first).
_NUMERIC = re.compile(
    r"""
    [ \t]*
    (?P<lead>\d{1,2}) (?P<sep>[-/.]) (?P<follow>\d{1,2}) (?P=sep)
    (?P<year>\d{4}|\d{2}) (?!\d)
    """ + _TIME,
    re.VERBOSE,
)

_SHAPES = (_ISO, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _NUMERIC)

# Strict YYYY-MM-DD for the seed header.
_ISO_DATE = re.compile(r"[ \t]*(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})[ \t]*\Z")


def parse_datetime(text: object) -> datetime | None:
    """A timezone-aware UTC datetime for the first date in ``text``, or None.

    >>> parse_datetime("Sat, 20 Aug 2022 12:00 UTC").isoformat()
    '2022-08-20T12:00:00+00:00'
    >>> parse_datetime("26-FEB-1987 15:01:01.79&#5;&#5;").isoformat()
    '1987-02-26T15:01:01.790000+00:00'
    >>> parse_datetime("12/1/16").date().isoformat()
    '2016-12-01'
    >>> parse_datetime("not a date") is None
    True
    """
    if not isinstance(text, str):
        return None
    text = text[:MAX_CHARS]
    for shape in _SHAPES:
        match = shape.match(text)
        if match is not None:
            return _build(match)
    return None


def parse_iso_date(text: object) -> date | None:
    """The date of a strict ``YYYY-MM-DD`` string, or None.

    >>> parse_iso_date("2022-08-22")
    datetime.date(2022, 8, 22)
    >>> parse_iso_date("2022-02-30") is None
    True
    """
    if not isinstance(text, str):
        return None
    match = _ISO_DATE.match(text[:MAX_CHARS])
    if match is None:
        return None
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def _build(match: re.Match) -> datetime | None:
    """Assemble the matched parts; impossible dates (Feb 30, hour 25, year 0) give None."""
    parts = match.groupdict()
    year = int(parts["year"])
    if len(parts["year"]) == 2:
        year += 2000 if year < 69 else 1900
    if parts.get("monthname"):
        month, day = MONTHS[parts["monthname"].lower()], int(parts["day"])
    elif parts.get("lead"):
        lead, follow = int(parts["lead"]), int(parts["follow"])
        month, day = (lead, follow) if parts["sep"] == "/" else (follow, lead)
    else:
        month, day = int(parts["month"]), int(parts["day"])
    hour = int(parts["hour"] or 0)
    if parts["ampm"] and 1 <= hour <= 12:
        hour = hour % 12 + (12 if parts["ampm"][0] in "Pp" else 0)
    fraction = parts["fraction"] or ""
    zone = _zone(parts["offset"], parts["zone"])
    try:
        value = datetime(
            year, month, day, hour, int(parts["minute"] or 0), int(parts["second"] or 0),
            int(fraction.ljust(6, "0")) if fraction else 0, tzinfo=zone,
        )
        return value.astimezone(timezone.utc)
    except (ValueError, OverflowError):
        return None


def _zone(offset: str | None, name: str | None) -> timezone:
    """The zone of ``+05:00`` / ``-0400`` / ``EDT``; UTC when absent or unknown."""
    if offset:
        digits = offset[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:4] or 0)
        if minutes >= 24 * 60:
            return timezone.utc
        return timezone(timedelta(minutes=-minutes if offset[0] == "-" else minutes))
    if name:
        minutes = ZONES.get(name.lower(), 0)
        return timezone(timedelta(minutes=minutes)) if minutes else timezone.utc
    return timezone.utc
