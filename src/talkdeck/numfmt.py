"""Numbers as slides, alt text and notes write them."""

from __future__ import annotations


def fmt_number(x: float) -> str:
    """``52`` for 52.0, ``1.5`` for 1.5, with thousands separators and a true minus sign."""
    text = f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"
    return text.replace("-", "\u2212")
