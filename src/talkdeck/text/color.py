"""Colour arithmetic for accessibility: WCAG 2 relative luminance and contrast ratios."""

from __future__ import annotations

#: WCAG AA's minimum contrast for body text.
AA_BODY = 4.5
#: WCAG AA's minimum contrast for large text (18 pt, or 14 pt bold, and up).
AA_LARGE = 3.0


def luminance(hex_color: str) -> float:
    """WCAG relative luminance of ``#RRGGBB`` (0 black … 1 white)."""
    h = hex_color.lstrip("#")
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(background: str, dark: str = "#1F2933", light: str = "#FFFFFF") -> str:
    """Whichever of ``dark`` and ``light`` reads better on ``background``."""
    return dark if contrast(dark, background) >= contrast(light, background) else light


def mix(a: str, b: str, t: float) -> str:
    """The colour ``t`` of the way from ``a`` to ``b`` (0 is ``a``), as ``#RRGGBB``."""
    ca = [int(a.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    cb = [int(b.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(ca, cb))


#: WCAG 2.1 SC 1.4.11: the least contrast of graphical objects (bars, lines) against what is around them.
GRAPHICS_MIN = 3.0


def _rgb(hex_color: str) -> tuple[float, float, float]:
    h = hex_color.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def lab(hex_color: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of ``#RRGGBB``: distances in it follow how different colours look."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(hex_color)]
    x = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    z = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def distance(a: str, b: str) -> float:
    """How different two colours look: CIE76 ΔE (about 2 is just noticeable; 25 tells series apart)."""
    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b))) ** 0.5


def to_contrast(color: str, background: str, ratio: float = GRAPHICS_MIN) -> str:
    """``color``, darkened or lightened (towards black on a light background, white on a dark one)
    just enough to reach ``ratio`` against ``background``; unchanged if it already does."""
    if contrast(color, background) >= ratio:
        return color
    target = "#000000" if luminance(background) > 0.18 else "#FFFFFF"
    lo, hi = 0.0, 1.0
    for _ in range(20):  # bisection: the least mix that reaches the ratio
        mid = (lo + hi) / 2
        if contrast(mix(color, target, mid), background) >= ratio:
            hi = mid
        else:
            lo = mid
    return mix(color, target, hi)


def label_on(fill: str, text: str, background: str, ratio: float = AA_BODY) -> str:
    """The colour for a label drawn on ``fill``: the talk's ``text`` or ``background`` colour, whichever
    reads at ``ratio`` (the better one if both do), else black or white, whichever reads better."""
    for pair in ((text, background), ("#000000", "#FFFFFF")):
        best = max(pair, key=lambda c: contrast(c, fill))
        if contrast(best, fill) >= ratio:
            return best
    return best


def large_text_on(fill: str, dark: str = "#1F2933", light: str = "#FFFFFF") -> str:
    """The colour for large text (18 pt and up) on ``fill``: ``light`` where it reads at WCAG AA's 3:1 for
    large text, as designers set text on a saturated colour, else ``dark``.

    One of the two always reaches 3:1: a fill too light for white text (luminance above 0.30) is dark
    enough from #1F2933 (it needs 0.17 or more).
    """
    return light if contrast(light, fill) >= AA_LARGE else dark


#: Two series colours closer than this (CIE76 ΔE) are one colour to the eye.
_TWINS = 10.0


def legible_palette(palette, background: str, n: int = 2, ratio: float = GRAPHICS_MIN) -> list[str]:
    """``palette`` as ``n`` (or more) series colours on ``background``: those that stand out at 3:1 (WCAG
    1.4.11), in their order, near-twins left out; a colour that fails is replaced by the rest of the
    palette, and comes last, darkened or lightened to 3:1, only when fewer than ``n`` pass."""
    passing: list[str] = []
    for colour in palette:
        if contrast(colour, background) >= ratio and all(distance(colour, c) >= _TWINS
                                                                for c in passing):
            passing.append(colour)
    if len(passing) >= n:
        return passing
    for colour in palette:
        fixed = to_contrast(colour, background, ratio)
        if all(distance(fixed, c) >= _TWINS for c in passing):
            passing.append(fixed)
    return passing or [to_contrast(palette[0], background, ratio)]
