"""Equations in a chart's title (and its unit): ``$…$`` drawn by matplotlib's mathtext.

The ``$`` rule is the slides' (pandoc's, :func:`talkdeck.text.maths.dollar_span`):
"US$5 to US$10" stays text and is escaped for matplotlib, ``$\\lambda^{-4}$`` is
set as maths. mathtext knows most of the LaTeX the slides draw; a few commands
are written in the spelling it knows (``\\le`` as ``\\leq``, ``\\tfrac`` as
``\\frac``), and what it cannot draw at all (environments such as ``pmatrix``,
``\\underbrace``, :data:`NOT_DRAWN`) is an error at the chart's line, checked by
the loader through :func:`chart_problem`. matplotlib is imported only when a
title has an equation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from ..text.maths import dollar_span

#: Commands mathtext knows under another name (or needs not: it sets a title's maths in text style).
_SPELLING = {"le": r"\leq", "ge": r"\geq", "tfrac": r"\frac", "lvert": "|", "rvert": "|", "lVert": r"\Vert",
             "rVert": r"\Vert", "displaystyle": "", "textstyle": ""}
_RESPELL = re.compile(r"\\(" + "|".join(_SPELLING) + r")(?![A-Za-z])")
#: What the slides draw and mathtext does not (named in the docs and in the error).
NOT_DRAWN = (r"\begin{…} (matrices, cases, aligned)", r"\underbrace", r"\overbrace", r"\substack",
             r"\xrightarrow", r"\cancel")


def segments(text: str) -> list[tuple[str, str | None]]:
    """``text`` cut into (piece as written, its LaTeX or None for plain text), by the slides' ``$`` rule."""
    out: list[tuple[str, str | None]] = []
    i = start = 0
    while i < len(text):
        if text[i] == "\\" and text[i + 1:i + 2] == "$":
            i += 2
            continue
        span = dollar_span(text, i) if text[i] == "$" else None
        if span is None:
            i += 1
            continue
        if i > start:
            out.append((text[start:i], None))
        out.append((text[i:span[0]], span[1]))
        i = start = span[0]
    if start < len(text):
        out.append((text[start:], None))
    return out


def has_maths(text: str) -> bool:
    return "$" in text and any(tex is not None for _, tex in segments(text))


def mathtext(tex: str) -> str:
    """``tex`` in the spelling matplotlib's mathtext reads, between dollars."""
    return "$" + _RESPELL.sub(lambda m: _SPELLING[m.group(1)], tex).strip() + "$"


def markup(piece: str, tex: str | None) -> str:
    """A piece of a title as matplotlib draws it with ``parse_math`` on: maths as mathtext, a dollar of
    text (``\\$`` or a price) escaped."""
    if tex is not None:
        return mathtext(tex)
    return piece.replace("\\$", "$").replace("$", r"\$")


@functools.lru_cache(maxsize=256)
def chart_problem(tex: str) -> str | None:
    """Why mathtext cannot draw ``tex`` (the command it stops at, named), or None when it can."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.mathtext import MathTextParser

    try:
        MathTextParser("path").parse(mathtext(tex), 72, FontProperties())
    except ValueError as e:
        found = re.search(r"Unknown symbol: (\\[A-Za-z]+)", str(e))
        what = f"'{found.group(1)}'" if found else "it"
        return (f"matplotlib, which draws the charts, cannot draw {what} in a chart's title (it lacks "
                f"{', '.join(NOT_DRAWN)}); write the title without it, or show the equation on the slide")
    return None


def title_lines(text: str, wrap: Callable[[str], list[str]]) -> list[str]:
    """``text`` wrapped by ``wrap`` (a function of a line's text as measured) into lines as matplotlib draws
    them: an equation is measured as its inline form (the runs the slides write it as) and never split,
    plain text is escaped (:func:`markup`)."""
    from ..text.mathruns import NeedsDisplay, inline_pieces

    parts = []  # (measured stand-in, piece as written, LaTeX)
    for piece, tex in segments(text):
        stand_in = piece
        if tex is not None:
            try:
                stand_in = "".join(p[0] for p in inline_pieces(tex))
            except (NeedsDisplay, Exception):  # noqa: BLE001 - refused by the loader; measured as typed
                stand_in = tex
            stand_in = re.sub(r"\s", "\u00a0", stand_in) or "\u00a0"  # one word: never broken
        parts.append((stand_in, piece, tex))
    whole = "".join(p[0] for p in parts)
    bounds, at = [], 0
    for stand_in, _, _ in parts:
        bounds.append((at, at + len(stand_in)))
        at += len(stand_in)
    lines, cursor, placed = [], 0, set()
    for line in wrap(whole):
        a = whole.find(line, cursor) if line else cursor
        a = cursor if a < 0 else a
        z = cursor = a + len(line)
        out = []
        for k, ((s, e), (_, piece, tex)) in enumerate(zip(bounds, parts, strict=True)):
            if e <= a or s >= z:
                continue
            if tex is not None:  # an equation goes whole on the first line that has any of it
                if k not in placed:
                    placed.add(k)
                    out.append(markup(piece, tex))
                continue
            out.append(markup(piece[max(a, s) - s:min(z, e) - s], None))
        if out:
            lines.append("".join(out))
    return lines
