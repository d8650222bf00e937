"""Numbers as charts, alt text and notes write them: at the precision the speaker wrote, never
with binary-float noise, grouped and punctuated as the talk's language does (CLDR, via Babel).

One formatter serves tick labels, value labels, totals, alt text and notes, so
a number reads the same wherever it appears.
"""

from __future__ import annotations

import copy
import functools
import math
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext

#: Significant digits kept from a float before reading its digits: more than any written number
#: has, fewer than the 17 that show the binary error of a sum (0.1 + 0.2 = 0.30000000000000004).
SIGNIFICANT = 15
#: The most decimals shown, whatever was asked for.
MAX_DECIMALS = 12
_WRITTEN = re.compile(r"[-+]?(\d[\d_]*)?(?:\.(\d*))?(?:[eE]([-+]?\d+))?")
MINUS = "\u2212"
#: Digits a Decimal may need: the 309 of the largest float's whole part, its decimals, and some to spare.
_DIGITS = 340


def clean(x: float) -> float:
    """``x`` without the noise of binary arithmetic: rounded to :data:`SIGNIFICANT` significant digits
    (``x`` itself near the largest float, which rounding would carry past it to infinity)."""
    rounded = float(f"{x:.{SIGNIFICANT}g}")
    return rounded if math.isfinite(rounded) or not math.isfinite(x) else x


def decimals_of(x: float) -> int:
    """The decimals ``x`` has when written shortest (0 for whole numbers): 0.25 → 2, 1e-05 → 5, 1.5e20 → 0."""
    if not math.isfinite(x):
        return 0
    text = repr(clean(x))
    mantissa, _, exp = text.partition("e")
    digits = len(mantissa.partition(".")[2].rstrip("0"))
    return min(MAX_DECIMALS, max(0, digits - int(exp or 0)))


def written_decimals(text: str) -> int:
    """The decimals a number has as the speaker typed it: ``1.50`` → 2, ``1e-3`` → 3, ``1_000`` → 0.

    Trailing zeros count: they say how precise the number is. Text that is not
    a plain number gives 0.
    """
    m = _WRITTEN.fullmatch(text.strip())
    if not m:
        return 0
    return min(MAX_DECIMALS, max(0, len(m.group(2) or "") - int(m.group(3) or 0)))


def decimals_for(values: Iterable[float | None]) -> int:
    """The precision of a set of numbers: the most decimals any of them has (a sum's precision too)."""
    return max((decimals_of(v) for v in values if v is not None), default=0)


def total(values: Iterable[float | None], decimals: int | None = None) -> float:
    """The sum of ``values`` (None counts as nothing) rounded to ``decimals``, by default the most
    its addends have: 31.7 for 10.1 + 21.6, never 31.699999999999996."""
    present = [v for v in values if v is not None]
    places = decimals_for(present) if decimals is None else decimals
    return round(math.fsum(present), places) + 0.0


def fmt_number(x: float, decimals: int | None = None, language: str = "en") -> str:
    """``x`` as text: ``decimals`` places (by default as few as ``x`` needs), grouped for ``language``.

    ``fmt_number(1400)`` → ``1,400``; ``fmt_number(0.1 + 0.2)`` → ``0.3``;
    ``fmt_number(2.5, 2, "ru")`` → ``2,50``; negatives take a true minus sign
    (U+2212), and a value that rounds to zero is never ``−0``.
    """
    places = decimals_of(x) if decimals is None else max(0, min(MAX_DECIMALS, decimals))
    # Half up, as people round: 2.5 → 3, and 2.675 (as written, not as stored) → 2.68. Every digit of the
    # largest float is kept (the default context's 28 digits fail from 1e28 on).
    tag = _locale_tag(language)
    system = numbering_system(language)
    with localcontext(prec=_DIGITS):
        value = Decimal(repr(clean(x))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if value == 0:
            value = abs(value)
        text = _pattern(tag, places).apply(value, _locale(tag), numbering_system=system)
    return native_digits(text.replace("-", MINUS), system)


#: The digits of the numbering systems CLDR gives the languages talkdeck lays out (zero's code point).
_ZERO = {"arab": 0x0660, "arabext": 0x06F0, "deva": 0x0966, "beng": 0x09E6, "thai": 0x0E50, "mymr": 0x1040}
_NU = re.compile(r"-u(?:-[a-z0-9]{2,8})*?-nu-([a-z0-9]{3,8})", re.I)


def with_digits(language: str, digits: str | None) -> str:
    """``language`` with the numbering system its numbers are written in, as BCP 47's ``-u-nu-`` extension:
    ``latin`` → ``ar-EG-u-nu-latn``, ``native`` → ``ar-u-nu-arab``, ``fa-u-nu-arabext``; None (what the
    language's CLDR data says) leaves the tag as it is."""
    if digits is None or _NU.search(language):
        return language
    if digits == "latin":
        return f"{language}-u-nu-latn"
    locale = _locale(_locale_tag(language))
    # Hebrew's native numbers are letters, written by rule, not digits: its digits stay 0–9.
    native = locale.other_numbering_systems.get("native", "latn")
    return f"{language}-u-nu-{native if native in _ZERO else 'latn'}"


def numbering_system(language: str) -> str:
    """The numbering system of ``language``: its ``-u-nu-`` extension, else its CLDR default (``arab`` for
    ar-EG, ``arabext`` for fa, ``latn`` for ar, he, en)."""
    m = _NU.search(language)
    if m:
        return m.group(1).lower()
    return _locale(_locale_tag(language)).default_numbering_system


def native_digits(text: str, system: str) -> str:
    """``text`` with its ASCII digits written in the numbering system's digits (as they are for ``latn``)."""
    zero = _ZERO.get(system)
    if zero is None:
        return text
    return text.translate({48 + d: chr(zero + d) for d in range(10)})


def plain_tag(language: str) -> str:
    """``language`` without a ``-u-`` extension (``ar-EG-u-nu-latn`` → ``ar-EG``), for catalogs and CLDR names."""
    return re.split(r"-u-", language, maxsplit=1, flags=re.I)[0]


def tick_decimals(ticks: Iterable[float]) -> int:
    """The fewest decimals that write every tick exactly (0.5, 1.0, 1.5 → 1; 0, 0.3, 0.6 → 1)."""
    places = 0
    for t in ticks:
        places = max(places, decimals_of(round(t, MAX_DECIMALS)))
    return places


@functools.lru_cache(maxsize=64)
def _locale_tag(language: str) -> str:
    """The CLDR locale for a BCP 47 tag that Babel knows: the tag, else its language, else English."""
    from babel import Locale, UnknownLocaleError

    tag = plain_tag((language or "en").replace("_", "-"))
    parts = tag.split("-")
    for candidate in ("-".join(parts[:n]) for n in range(len(parts), 0, -1)):
        try:
            return str(Locale.parse(candidate, sep="-"))
        except (UnknownLocaleError, ValueError):
            continue
    return "en"


@functools.lru_cache(maxsize=16)
def _locale(tag: str):
    from babel import Locale

    return Locale.parse(tag)


@functools.lru_cache(maxsize=256)
def _pattern(tag: str, places: int):
    """The locale's own decimal pattern (its grouping: 1,234,567 or 12,34,567) with ``places`` fixed decimals."""
    pattern = copy.copy(_locale(tag).decimal_formats[None])
    pattern.frac_prec = (places, places)
    return pattern
