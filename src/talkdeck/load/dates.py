"""Dates as an outline writes them: YYYY-MM-DD, in the calendar, in the years a .pptx can store.

:func:`read_date` reads a date or raises ValueError with the message to show;
:func:`date_slip` recognises a date written the local way (``14/05/2026``,
``May 14, 2026``) and says how to write it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import itertools
import re

from babel import Locale

#: The years a .pptx can carry: its zip stores dates from 1980 to 2107 only, so a talk's
#: date outside them (which also dates the file) is taken for a typo rather than stored wrong.
ZIP_YEARS = (1980, 2107)

_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], start=1)}
_MONTH = "|".join(sorted(set(_MONTHS) | {m[:3] for m in _MONTHS}, key=len, reverse=True))


def read_date(value: str) -> dt.date:
    """The date ``value`` (YYYY-MM-DD) names; ValueError (with the message to show) if none does."""
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value)
    if not m:  # a time after the date
        raise ValueError(f"not a date (expected a date alone, YYYY-MM-DD, got {value!r})")
    year, month, day = map(int, m.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"not a date: there is no month {month} (expected YYYY-MM-DD, got {value!r})")
    try:
        date = dt.date(year, month, day)
    except ValueError:
        days = calendar.monthrange(year, month)[1]
        raise ValueError(f"not a date: {dt.date(year, month, 1):%B %Y} has {days} days (got {value!r})") from None
    if not ZIP_YEARS[0] <= year <= ZIP_YEARS[1]:
        near = sorted({int("".join(p)) for p in itertools.permutations(m.group(1))
                       if ZIP_YEARS[0] <= int("".join(p)) <= ZIP_YEARS[1]},
                      key=lambda y: abs(y - dt.date.today().year))
        typo = f"; is it a typo for {near[0]}?" if near else "; write the talk's date, or leave 'date' out"
        raise ValueError(f"the year {year} cannot be stored in a deck (a .pptx is a zip file, whose dates run "
                         f"from {ZIP_YEARS[0]} to {ZIP_YEARS[1]}){typo}")
    return date


@functools.lru_cache(maxsize=1)
def _local_months() -> dict[str, int]:
    """Month names (wide and abbreviated, as in a date and standing alone) of the languages talkdeck
    speaks besides English, lower-cased: ``мая`` and ``май`` → 5, ``octobre`` → 10, ``März`` → 3."""
    names: dict[str, int] = {}
    for tag in ("ru", "de", "fr", "es"):
        months = Locale.parse(tag).months
        for context, width in itertools.product(("format", "stand-alone"), ("wide", "abbreviated")):
            for number, name in months[context][width].items():
                names.setdefault(name.lower().rstrip("."), number)
    return names


def _local_slip(value: str) -> list[dt.date]:
    """The dates of ``2026年3月18日`` (Chinese, Japanese), ``2026년 3월 18일``, ``2026/3/18``, and of a
    date with a Russian, German, French or Spanish month name (``20 мая 2026 г.``, ``1er octobre 2026``)."""
    m = re.fullmatch(r"(\d{4})\s*[年년/.]\s*(\d{1,2})\s*[月월/.]\s*(\d{1,2})\s*[日일]?", value)
    if m:
        return _date(*map(int, m.groups()))
    m = re.fullmatch(r"(\d{1,2})(?:er)?\.?\s+(?:de\s+)?([^\W\d_]+)\.?\s+(?:de\s+)?(\d{4})(?:\s*г\.?)?", value)
    month = _local_months().get(m.group(2).lower()) if m else None
    return _date(int(m.group(3)), month, int(m.group(1))) if m and month else []


def date_slip(value: str) -> str | None:
    """A date written in a local way, rewritten as YYYY-MM-DD when that is unambiguous."""
    tried: list[dt.date] = _local_slip(value.replace("\u00a0", " ").replace("\u202f", " "))
    m = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", value)
    if m:
        a, b, year = map(int, m.groups())
        for day, month in ((a, b), (b, a)):
            try:
                tried.append(dt.date(year, month, day))
            except ValueError:
                pass
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if m:
        tried += _date(*map(int, m.groups()))
    m = re.fullmatch(rf"(\d{{1,2}})\.?\s+({_MONTH})\.?,?\s+(\d{{4}})", value, re.I) or \
        re.fullmatch(rf"({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", value, re.I)
    if m:
        day_text, name = (m.group(1), m.group(2)) if m.group(1).isdigit() else (m.group(2), m.group(1))
        name = name.lower()
        number = _MONTHS.get(name) or _MONTHS[next(k for k in _MONTHS if k.startswith(name[:3]))]
        tried += _date(int(m.group(3)), number, int(day_text))
    dates = sorted(set(tried))
    if not dates:
        return None
    choices = " or ".join(d.isoformat() for d in dates)
    return f"not a date YAML reads (expected YYYY-MM-DD, got {value!r}); write {choices}"


def _date(year: int, month: int, day: int) -> list[dt.date]:
    try:
        return [dt.date(year, month, day)]
    except ValueError:
        return []

