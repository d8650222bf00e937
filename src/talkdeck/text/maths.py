"""Equations: where ``$…$`` is maths, whether its LaTeX can be drawn, and the drawing (SVG, PNG).

The ``$`` rule is pandoc's (``tex_math_dollars``), so that prices stay text:
an opening ``$`` has a non-space character right after it, the closing ``$``
a non-space character right before it and no digit right after it; ``$$…$$``
is a display equation; ``\\$`` is a dollar sign. "$0.9 bn … $1.6 bn" is text.

Equations are drawn by ziamath (pure Python: LaTeX → MathML through
latex2mathml, laid out with the STIX Two Math font's MATH table, written as
SVG paths) and rasterised by resvg (resvg-py) for the fallback picture.
Both are imported only when a talk has an equation. SVG units are points:
an equation drawn for text of 24 pt is measured in points.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .. import limits

#: Environments ziamath lays out (``\\begin{…}``); the rest are refused by name.
ENVIRONMENTS = ("matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix", "cases",
                "aligned", "align", "align*", "array", "split")

#: A command name as LaTeX reads it: letters, or one other character.
_COMMAND = re.compile(r"\\([A-Za-z]+|.)", re.S)
#: An unknown command left in latex2mathml's MathML as it was written: ``<mi>\\foo</mi>``.
_LEFT_AS_TYPED = re.compile(r">(\\[A-Za-z]+)<")
_BEGIN = re.compile(r"\\(begin|end)\s*\{([^}]*)\}")


def dollar_span(src: str, pos: int) -> tuple[int, str, bool] | None:
    """The equation opening at ``src[pos]`` (a ``$``), by pandoc's rule: (end offset after the closing
    dollar(s), its LaTeX, whether it is a display equation ``$$…$$``), or None when this ``$`` is text."""
    if src.startswith("$$", pos):
        close = src.find("$$", pos + 2)
        while close != -1 and _escaped(src, close):
            close = src.find("$$", close + 1)
        if close == -1 or not src[pos + 2:close].strip():
            return None
        return close + 2, src[pos + 2:close].strip(), True
    if pos + 1 >= len(src) or src[pos + 1].isspace():
        return None
    i = pos + 1
    while i < len(src):
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "$":
            if src[i - 1].isspace() or (i + 1 < len(src) and src[i + 1].isdigit()):
                return None
            return i + 1, src[pos + 1:i], False
        i += 1
    return None


def bare_latex(tex: str) -> str:
    """``tex`` without the dollars someone wrote around a whole equation (``$$E = mc^2$$``), stripped."""
    tex = str(tex).strip()
    span = dollar_span(tex, 0) if tex.startswith("$") else None
    return span[1].strip() if span is not None and span[0] == len(tex) else tex


def _escaped(src: str, i: int) -> bool:
    """Whether ``src[i]`` follows an odd number of backslashes."""
    n = 0
    while i - n - 1 >= 0 and src[i - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def near_misses(text: str) -> list[tuple[int, str]]:
    """(offset, how to write it) for each pair of dollars in ``text`` that reads as text but was
    likely meant as maths: a space inside (``$ x$``, ``$x $``) or a digit right after (``$x$2``)."""
    out = []
    for m in re.finditer(r"(?<![\\$])\$(?!\$)([^$\n]{1,80}?)(?<!\\)\$(?!\$)", text):
        inner = m.group(1)
        if (dollar_span(text, m.start()) is not None or not inner.strip() or inner.lstrip()[:1].isdigit()
                or not re.search(r"[A-Za-z\\^_=]", inner)):
            continue  # an amount of money ("$5 and $6"), or no maths in it
        if inner != inner.strip():
            out.append((m.start(), f"'{m.group()}' is shown as typed: maths has no space just inside its "
                        f"dollars; for maths write '${inner.strip()}$', for dollar signs write '\\$'"))
        elif m.end() < len(text) and text[m.end()].isdigit():
            out.append((m.start(), f"'{m.group()}{text[m.end()]}' is shown as typed: a digit right after "
                        f"the closing '$' makes it text; for maths put a space after it ('{m.group()} "
                        f"{text[m.end()]}'), for dollar signs write '\\$'"))
    return out


def problem(tex: str) -> str | None:
    """Why ``tex`` cannot be drawn (an unknown command, named), or None when it can."""
    if len(tex) > limits.MAX_EQUATION_CHARS:
        return (f"{len(tex):,} characters; the limit is {limits.MAX_EQUATION_CHARS:,} "
                f"({limits.how_to_raise('MAX_EQUATION_CHARS')}): split it into several equations")
    depth = deepest = nested = 0
    for m in re.finditer(r"\\(?:left|begin)(?![A-Za-z])|\\(?:right|end)(?![A-Za-z])|\\.|[{}]", tex, re.S):
        if m.group() == "{":
            depth += 1
        elif m.group() == "}":
            depth -= 1
            if depth < 0:
                return "a '}' closes no '{'"
        elif m.group() in ("\\left", "\\begin"):
            nested += 1
        elif m.group() in ("\\right", "\\end"):
            nested -= 1
        deepest = max(deepest, depth + nested)
    if deepest > limits.MAX_EQUATION_DEPTH:
        return (f"nests {deepest} levels deep (braces, \\left…\\right, \\begin…\\end); the limit is "
                f"{limits.MAX_EQUATION_DEPTH} ({limits.how_to_raise('MAX_EQUATION_DEPTH')}): split it into smaller equations")
    if depth:
        return f"{depth} '{{' {'is' if depth == 1 else 'are'} not closed"
    for m in _BEGIN.finditer(tex):
        if m.group(2) not in ENVIRONMENTS:
            return (f"unknown environment '{m.group(2)}' (expected one of: {', '.join(ENVIRONMENTS)})")
    import latex2mathml.exceptions as bad

    try:
        mathml = _mathml(tex)
    except bad.MissingEndError:
        return "a \\begin{…} has no \\end{…}"
    except bad.ExtraLeftOrMissingRightError:
        return "a \\left has no \\right"
    except bad.MissingSuperScriptOrSubscriptError:
        return "a '^' or '_' has nothing after it"
    except (bad.NoAvailableTokensError, bad.NumeratorNotFoundError, bad.DenominatorNotFoundError):
        return "a command is missing what it applies to (\\frac needs {a}{b}, \\sqrt needs {x})"
    except Exception as e:  # latex2mathml's other refusals, its message as it is
        return f"cannot be read as LaTeX ({type(e).__name__}{': ' + str(e) if str(e) else ''})"
    unknown = _LEFT_AS_TYPED.search(mathml)
    if unknown:
        return f"unknown command '{unknown.group(1)}'"
    try:
        _draw(tex, 24.0, "#000000", True)
    except Exception as e:  # noqa: BLE001 - ziamath's failure on LaTeX it cannot lay out
        return ("cannot be drawn: a command lacks an argument (\\frac takes two, \\frac{a}{b})"
                if isinstance(e, AssertionError) else f"cannot be drawn ({type(e).__name__}: {e})")
    return None


@functools.lru_cache(maxsize=1)
def _ziamath():
    """The ziamath module, imported once (its import of its font warns of a deprecated importlib call)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import ziafont
        import ziamath
        import ziamath.tex

    ziafont.config.svg2 = False  # <use xlink:href>, which every SVG reader knows
    return ziamath


@functools.lru_cache(maxsize=512)
def _mathml(tex: str, inline: bool = False) -> str:
    return _ziamath().tex.tex2mml(_respelled(tex), inline=inline)


#: Commands latex2mathml sets wrong, in a spelling it sets as TeX does: ``\bmod`` ran into its operands
#: ("dmodc"), ``\pmod``'s brackets stretched to the height of what stands around them.
_RESPELL = [(re.compile(r"\\bmod(?![A-Za-z])"), r"\\,\\mathrm{mod}\\,"),
            (re.compile(r"\\pmod\s*\{([^{}]*)\}"), r"\\quad(\\mathrm{mod}\\,\\,\1)"),
            (re.compile(r"\\pmod\s*([A-Za-z0-9])"), r"\\quad(\\mathrm{mod}\\,\\,\1)")]
#: And what ziamath draws wrong: ``\bar`` over a tall letter (d, h, k) sits on the letter's body, not above it.
_DRAWN_RESPELL = [(re.compile(r"\\bar(?![A-Za-z])"), r"\\overline")]


def _respelled(tex: str, drawn: bool = False) -> str:
    for pattern, spelling in _RESPELL + (_DRAWN_RESPELL if drawn else []):
        tex = pattern.sub(spelling, tex)
    return tex


@dataclass(frozen=True)
class Drawn:
    """An equation drawn: SVG text in points, its size and its baseline (from its top), in points."""

    svg: str
    width: float
    height: float
    baseline: float

    @property
    def depth(self) -> float:
        """How far the drawing reaches below its baseline, in points."""
        return self.height - self.baseline


#: Room around the ink, in points at 24 pt (ziamath's margin): antialiased edges are not cut.
_MARGIN_EM = 1 / 24


@functools.lru_cache(maxsize=1024)
def draw(tex: str, size_pt: float, color: str, display: bool = True) -> Drawn:
    """``tex`` drawn for text of ``size_pt`` in ``color`` (``#RRGGBB``); a display equation in
    display style (limits over and under a sum). Raises what ziamath raises on LaTeX
    :func:`problem` would refuse."""
    return _draw(tex, size_pt, color, display)


def _draw(tex: str, size_pt: float, color: str, display: bool) -> Drawn:
    import xml.etree.ElementTree as ET

    ziamath = _ziamath()
    margin = size_pt * _MARGIN_EM
    math = ziamath.Latex(_respelled(tex, drawn=True), size=size_pt, color=color, inline=not display, margin=margin)
    root = math.svgxml()
    bbox = math.node.bbox
    width = bbox.xmax - bbox.xmin + 2 * margin
    height = bbox.ymax - bbox.ymin + 2 * margin
    svg = ET.tostring(root, encoding="unicode")
    return Drawn(svg, width, height, bbox.ymax + margin)


def to_png(drawn: Drawn, scale: float) -> bytes:
    """``drawn`` rasterised at ``scale`` pixels a point, on a transparent ground (resvg)."""
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=drawn.svg, zoom=scale))


@dataclass(frozen=True)
class Placed:
    """A display equation as laid out in its block: its LaTeX, its top below the block's first line's
    top and its left edge right of the text's left edge, its size (points), and the size it is drawn for."""

    tex: str
    top: float
    left: float
    width: float
    height: float
    size: float


def equation_size(tex: str, size_pt: float, room_pt: float) -> tuple[float, float]:
    """(width, height) in points of the display equation ``tex`` drawn for text of ``size_pt``, made
    smaller to fit ``room_pt`` when it is wider."""
    drawn = draw(tex, size_pt, "#000000", True)
    scale = min(1.0, room_pt / drawn.width) if drawn.width > 0 else 1.0
    return drawn.width * scale, drawn.height * scale
