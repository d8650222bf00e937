"""Series colours: from the accent, distinct from one another, and visible on the background."""

from __future__ import annotations

import math

from ..text.color import GRAPHICS_MIN, distance, lab, label_on, mix, to_contrast
from .style import ChartStyle

#: Colours tried after the accent, in order: hues far apart, each darkened or lightened
#: to 3:1 against the background before use.
CANDIDATES = ("#2F6F8F", "#D98E04", "#3E4C59", "#2E8B57", "#7A4FA0", "#C2185B", "#8C6D31", "#0072B2", "#7B8794",
              "#B22222", "#5F9EA0")
#: Least CIE76 ΔE between two series colours chosen here: clearly different at a glance.
MIN_DISTANCE = 30.0
#: Least difference of hue, in degrees, between two chromatic series colours (two blues are one family).
MIN_HUE_GAP = 50.0


def series_colors(style: ChartStyle, n: int) -> list[str]:
    """``n`` colours for a chart's series.

    The style's palette, in order (repeating), when it has one; else the
    accent first, then :data:`CANDIDATES` that stay :data:`MIN_DISTANCE` from
    every colour already chosen, each brought to 3:1 against the background
    (WCAG 1.4.11) with its hue kept.
    """
    if style.palette:
        return [style.palette[k % len(style.palette)] for k in range(n)]
    chosen = [to_contrast(style.accent, style.background, GRAPHICS_MIN)]
    # First hues unlike any chosen; for many series, then any colour that still looks different.
    for strict in (True, False):
        for candidate in CANDIDATES:
            if len(chosen) >= n:
                break
            colour = to_contrast(candidate, style.background, GRAPHICS_MIN)
            if all(_distinct(colour, c) if strict else distance(colour, c) >= MIN_DISTANCE / 2 for c in chosen):
                chosen.append(colour)
    return [chosen[k % len(chosen)] for k in range(n)]


def muted(style: ChartStyle) -> str:
    """The colour of bars and lines that are not highlighted: grey, yet 3:1 on the background."""
    return to_contrast(mix(style.background, style.text, 0.3), style.background, GRAPHICS_MIN)


def rule(style: ChartStyle) -> str:
    """Axis lines and the zero line: quieter than the data."""
    return mix(style.background, style.text, 0.45)


def grid(style: ChartStyle) -> str:
    """Gridlines: barely there."""
    return mix(style.background, style.text, 0.18)


def label_color(fill: str, style: ChartStyle) -> str:
    """The text or background colour, whichever reads at 4.5:1 on ``fill`` (a label on a segment)."""
    return label_on(fill, style.text, style.background)


def _distinct(a: str, b: str) -> bool:
    """Whether two colours tell two series apart: far apart in CIELAB, and of different hues unless one is grey."""
    if distance(a, b) < MIN_DISTANCE:
        return False
    (_, a1, b1), (_, a2, b2) = lab(a), lab(b)
    if math.hypot(a1, b1) < 15 or math.hypot(a2, b2) < 15:  # a grey differs from any hue by lightness
        return True
    gap = abs(math.degrees(math.atan2(b1, a1) - math.atan2(b2, a2))) % 360
    return min(gap, 360 - gap) >= MIN_HUE_GAP
