"""Colour arithmetic for accessibility: WCAG 2 relative luminance and contrast ratios."""

from __future__ import annotations

#: WCAG AA's minimum contrast for body text.
AA_BODY = 4.5


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
