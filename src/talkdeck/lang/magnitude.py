"""Numbers of any magnitude as a chart writes them: the form is chosen per chart from its data's range.

- **fixed**: every value with the decimals the speaker wrote (``1.50`` keeps its
  two), as long as that keeps the labels short: at most :data:`MAX_DIGITS`
  digits (``35,600.0000`` has nine: too many);
- **significant**: otherwise each value to :data:`SIGNIFICANT` significant
  figures, never fewer whole digits and never more decimals than it was
  written with (35,600 and 0.0021 on one chart);
- **compact**: when the largest is a million or more, the language's short
  scale for those (``1.2M``, ``1,5 Mrd.``, ``12亿``, from CLDR through Babel),
  significant figures for the rest;
- **scientific**: from 10¹⁵ up, and below 10⁻⁴, ``3.5 × 10¹⁵``.

Tick labels take the same form, with the decimals their steps need. Pure: no
matplotlib; alt text and notes write values as the labels do.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from .numfmt import MINUS, _locale_tag, decimals_of, fmt_number, tick_decimals

#: The most digits a value label has in the fixed form before the chart turns to significant figures.
MAX_DIGITS = 7
#: Significant figures of the significant and compact forms.
SIGNIFICANT = 3
#: From here up numbers are written in the short scale (thousands stay whole: 35,600).
COMPACT_FROM = 1e6
#: From here up (and below SCIENTIFIC_BELOW, zero apart) numbers are written as a power of ten.
SCIENTIFIC_FROM = 1e15
SCIENTIFIC_BELOW = 1e-4
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


@dataclass(frozen=True)
class NumberForm:
    """How one chart writes its numbers: ``kind`` and, for ``fixed``, its ``decimals``."""

    kind: str
    decimals: int = 0


def number_form(values: Iterable[float | None], decimals: int, explicit: bool = False) -> NumberForm:
    """The form for a chart with ``values`` whose most precise one was written with ``decimals``.

    ``explicit``: the speaker asked for ``decimals`` (the chart's ``decimals:``), which
    then holds for every value under 10¹⁵.
    """
    present = [abs(v) for v in values if v is not None and math.isfinite(v)]
    largest = max(present, default=0.0)
    smallest = min((v for v in present if v > 0), default=0.0)
    if largest >= SCIENTIFIC_FROM or (0 < largest < SCIENTIFIC_BELOW and not explicit):
        return NumberForm("scientific")
    if explicit:
        return NumberForm("fixed", decimals)
    if largest >= COMPACT_FROM:
        return NumberForm("compact")
    whole = len(f"{largest:.0f}") if largest >= 1 else 1
    if whole + decimals <= MAX_DIGITS:
        return NumberForm("fixed", decimals)
    if smallest and smallest < SCIENTIFIC_BELOW:
        return NumberForm("scientific")
    return NumberForm("significant")


def significant_decimals(x: float, figures: int = SIGNIFICANT) -> int:
    """The decimals that show ``x`` to ``figures`` significant figures, and no more than ``x`` has itself."""
    if x == 0 or not math.isfinite(x):
        return 0
    wanted = figures - 1 - math.floor(math.log10(abs(x)))
    return max(0, min(wanted, decimals_of(x)))


def format_number(x: float, form: NumberForm, language: str = "en") -> str:
    """``x`` written in ``form`` for ``language``."""
    if not math.isfinite(x):
        return fmt_number(x, 0, language) if x == x else "NaN"
    if form.kind == "fixed":
        return fmt_number(x, form.decimals, language)
    if form.kind == "significant":
        return fmt_number(x, significant_decimals(x), language)
    if form.kind == "compact":
        return _compact(x, language) if abs(x) >= COMPACT_FROM else fmt_number(x, significant_decimals(x), language)
    return scientific(x, language)


def _compact(x: float, language: str) -> str:
    if abs(x) < 1000:
        return fmt_number(x, significant_decimals(x), language)
    if abs(x) >= SCIENTIFIC_FROM:
        return scientific(x, language)
    from babel.numbers import format_compact_decimal

    exponent = math.floor(math.log10(abs(x)))
    shown = exponent % 3  # 1.23M, 12.3M, 123M: the digits before the short scale's word
    text = format_compact_decimal(x, format_type="short", locale=_locale_tag(language),
                                  fraction_digits=max(0, SIGNIFICANT - 1 - shown))
    return text.replace("-", MINUS)


def scientific(x: float, language: str = "en", figures: int = SIGNIFICANT) -> str:
    """``x`` as ``m × 10ⁿ`` with ``figures`` significant figures in the mantissa (``0`` as ``0``)."""
    if x == 0:
        return "0"
    written, _, power = f"{x:.{figures - 1}e}".partition("e")  # Python's rounding; 10 ** -324 would be 0
    mantissa, exponent = float(written), int(power)
    digits = fmt_number(mantissa, None, language)
    return f"{digits} × 10{str(exponent).translate(_SUPERSCRIPT)}"


def format_ticks(ticks: list[float], form: NumberForm, language: str = "en") -> list[str]:
    """Tick labels for ``ticks`` in the chart's ``form``: a fixed or significant form with the fewest
    decimals that write every tick exactly, the others each in their own."""
    if form.kind in ("fixed", "significant"):
        places = tick_decimals(ticks)
        return [fmt_number(t, places, language) for t in ticks]
    if form.kind == "compact":
        return [_compact(t, language) if abs(t) >= 1000 else fmt_number(t, tick_decimals([t]), language)
                for t in ticks]
    return [scientific(t, language) for t in ticks]
