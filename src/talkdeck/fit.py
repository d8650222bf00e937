"""Text fitting with the real font's metrics.

PowerPoint's "shrink text on overflow" only runs when someone edits the text,
so a generated deck must choose its sizes itself. Each text block is wrapped
at its box's width with the advance widths of the font that will draw it
(found with fontconfig, measured with Pillow/FreeType), and shrunk in 1 pt
steps to a floor. Latin-script fonts such as Calibri are measured with their
metric-compatible Linux twins (Carlito), so the measure holds in PowerPoint.
"""

from __future__ import annotations

import functools
import math
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import Sequence

from .script import EAST_ASIAN, EAST_ASIAN_RUN
from .layout import EMU_PER_PT, INSET_X, INSET_Y, LINE_SPACING, PARA_SPACE, Box

#: East Asian characters: measured with the CJK font, and a line may break between any two.
#: Indent of each bullet level, in points (set on the paragraphs by the deck writer too).
LEVEL_INDENT_PT = (0.0, 27.0, 54.0)
#: Left margin for bulleted text at each level (the bullet hangs in it), in points.
BULLET_MARGIN_PT = (27.0, 54.0, 81.0)
#: Each bullet level's marker and its size relative to the block's: the levels read apart at a glance.
LEVEL_MARKERS = ("•", "–", "◦")
LEVEL_SCALE = (1.0, 0.9, 0.8)


def para_size(para: Para, size_pt: float, floor_pt: float = 0.0) -> float:
    """The size ``para`` is set at in a block of ``size_pt``: sub-points smaller, never below ``floor_pt``."""
    if not para.bullet or para.level == 0:
        return size_pt
    return max(float(floor_pt), float(round(size_pt * LEVEL_SCALE[para.level])), 1.0)


#: A run of white space that is not a no-break space (U+00A0, U+2007, U+202F).
_SPACES = re.compile(r"[^\S\u00a0\u2007\u202f]+")


@dataclass(frozen=True)
class Para:
    """A paragraph to lay out: its text, bullet level, and whether it is bulleted or bold."""

    text: str
    level: int = 0
    bullet: bool = False
    bold: bool = False
    italic: bool = False

    def __post_init__(self) -> None:
        # A slide paragraph is one flowing line of text: YAML line breaks and runs of
        # spaces (a folded scalar's indented lines, say) become single spaces. No-break spaces
        # stay: French "Questions ?", Russian "12 мин" keep their words together.
        object.__setattr__(self, "text", _SPACES.sub(" ", self.text).strip(" "))


@dataclass(frozen=True)
class Fit:
    """The size chosen for a block, and whether it fits even at that size."""

    size: float
    fits: bool
    lines: int
    height_pt: float


@functools.lru_cache(maxsize=None)
def font_file(family: str, bold: bool = False, italic: bool = False) -> str | None:
    """The path of the font file fontconfig would use for ``family``, or None."""
    pattern = family + (":bold" if bold else "") + (":italic" if italic else "")
    match = _fontconfig()
    if match is not None:
        return match(pattern)
    if not shutil.which("fc-match"):
        return None
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True,
                             text=True, timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out or None


@functools.lru_cache(maxsize=1)
def _fontconfig():
    """``fc-match -f %{file} PATTERN`` done in this process by libfontconfig, or None if it is not there.

    The same calls fc-match makes (parse, substitute, match), without starting a
    process for each font: ~6 ms a font, ~30 ms a build.
    """
    import ctypes

    try:
        lib = ctypes.CDLL("libfontconfig.so.1")
    except OSError:
        return None
    ptr = ctypes.c_void_p
    lib.FcNameParse.restype, lib.FcNameParse.argtypes = ptr, [ctypes.c_char_p]
    lib.FcConfigSubstitute.argtypes = [ptr, ptr, ctypes.c_int]
    lib.FcDefaultSubstitute.argtypes = [ptr]
    lib.FcFontMatch.restype, lib.FcFontMatch.argtypes = ptr, [ptr, ptr, ctypes.POINTER(ctypes.c_int)]
    lib.FcPatternGetString.argtypes = [ptr, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
    lib.FcPatternDestroy.argtypes = [ptr]
    match_pattern, result_match = 0, 0  # FcMatchPattern, FcResultMatch

    def match(pattern: str) -> str | None:
        wanted = lib.FcNameParse(pattern.encode())
        if not wanted:
            return None
        try:
            lib.FcConfigSubstitute(None, wanted, match_pattern)
            lib.FcDefaultSubstitute(wanted)
            font = lib.FcFontMatch(None, wanted, ctypes.byref(ctypes.c_int()))
            if not font:
                return None
            try:
                path = ctypes.c_char_p()
                if lib.FcPatternGetString(font, b"file", 0, ctypes.byref(path)) != result_match:
                    return None
                return os.fsdecode(path.value) or None
            finally:
                lib.FcPatternDestroy(font)
        finally:
            lib.FcPatternDestroy(wanted)

    return match


@functools.lru_cache(maxsize=256)
def _font(path: str | None, size_pt: float):
    from PIL import ImageFont

    if path is None:
        return None
    try:
        # Measured at 64 units per point for precision; widths are scaled back.
        return ImageFont.truetype(path, size=int(round(size_pt * 64)))
    except OSError:
        return None


#: A run of East Asian characters, measured with the CJK font (the text between runs with the other).
#: The same pattern as deck's, so that re compiles it once (~2 ms a character class this wide).
#: What wrap() breaks between: one East Asian character, a word with the spaces after it, or spaces.
_TOKENS = re.compile(rf"{EAST_ASIAN.pattern}|[^\s\u2e80-\u9fff]+\s*|\s+")
#: Pieces measured apart add up to their measure together within this much per join, in ems:
#: the kerning between a space and a letter, or between two East Asian characters, is far less.
_JOIN_SLACK_EM = 0.25


@functools.lru_cache(maxsize=16384)
def text_width(text: str, size_pt: float, family: str, cjk_family: str, bold: bool = False,
               italic: bool = False) -> float:
    """Advance width of ``text`` in points at ``size_pt``."""
    latin = _font(font_file(family, bold, italic), size_pt)
    if not EAST_ASIAN.search(text):  # one run, and no need for the East Asian font
        return len(text) * size_pt * 0.55 if latin is None else latin.getlength(text) / 64
    cjk = _font(font_file(cjk_family, bold), size_pt)

    def measure(chunk: str, font, estimate_em: float) -> float:
        # Without fontconfig: a generous estimate.
        return len(chunk) * size_pt * estimate_em if font is None else font.getlength(chunk) / 64

    total, pos = 0.0, 0
    for run in EAST_ASIAN_RUN.finditer(text):
        if run.start() > pos:
            total += measure(text[pos:run.start()], latin, 0.55)
        total += measure(run.group(), cjk, 1.0)
        pos = run.end()
    if pos < len(text):
        total += measure(text[pos:], latin, 0.55)
    return total


def wrap(text: str, width_pt: float, size_pt: float, family: str, cjk_family: str,
         bold: bool = False, italic: bool = False) -> list[str]:
    """Greedy word wrap of ``text`` into lines no wider than ``width_pt``.

    Breaks at spaces and between East Asian characters; a word wider than the
    line is broken where it must be.
    """
    def width(piece: str) -> float:
        return text_width(piece, size_pt, family, cjk_family, bold, italic)

    # Each token is tried on the line as it grows. Measuring the whole line each
    # time makes a paragraph quadratic, so the line is measured only when an upper
    # bound on its width (its pieces measured apart, plus a slack per join) does not
    # already show that it fits: the same lines, with a few measures a line.
    slack = size_pt * _JOIN_SLACK_EM

    def bound(piece: str) -> float:
        """At least the width of ``piece`` (no leading spaces), trailing spaces included."""
        stripped = piece.rstrip()
        tail = piece[len(stripped):]
        # Only spaces are measured apart: other white space (a line feed) is left to a whole measure.
        return width(stripped) + (slack + width(tail) if tail.strip(" ") == "" else math.inf)

    def start(piece: str) -> str:
        """Begin a line with ``piece``; a word wider than the line is cut where it
        overflows, as PowerPoint does, and its full lines are emitted."""
        while len(piece) > 1 and width(piece.rstrip()) > width_pt:
            lo, hi = 1, len(piece) - 1  # the longest prefix that fits, by bisection
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if width(piece[:mid].rstrip()) <= width_pt:
                    lo = mid
                else:
                    hi = mid - 1
            lines.append(piece[:lo])
            piece = piece[lo:]
        return piece

    lines: list[str] = []
    line = ""
    upper = 0.0  # at least the width of ``line``, trailing spaces included
    for token in _TOKENS.findall(text):
        candidate = line + token
        if not line:
            line = start(candidate)
            upper = bound(line)
            continue
        word = token.rstrip()
        if word and upper + slack + width(word) <= width_pt:
            line, upper = candidate, upper + slack + bound(token)
            continue
        stripped = candidate.rstrip()
        measured = width(stripped)
        if measured <= width_pt:
            line, upper = candidate, measured + bound(candidate[len(stripped):])
            continue
        lines.append(line.rstrip())
        line = start(token.lstrip()) if token.strip() else ""
        upper = bound(line)
    lines.append(line.rstrip())
    return lines


def layout_height(paras: Sequence[Para], box: Box, size_pt: float, family: str,
                  cjk_family: str, floor_pt: float = 0.0) -> tuple[float, int]:
    """(height in points, number of lines) of ``paras`` wrapped in ``box`` at ``size_pt``
    (sub-points at their :func:`para_size`, not below ``floor_pt``)."""
    inner_w = (box.w - 2 * INSET_X) / EMU_PER_PT
    height = 0.0
    count = 0
    for i, para in enumerate(paras):
        size = para_size(para, size_pt, floor_pt)
        margin = BULLET_MARGIN_PT[para.level] if para.bullet else 0.0
        lines = wrap(para.text, inner_w - margin, size, family, cjk_family, para.bold, para.italic)
        count += len(lines)
        height += len(lines) * size * LINE_SPACING + (size * PARA_SPACE if i else 0.0)
    return height, count


def fit_text(paras: Sequence[Para], box: Box, size_pt: float, floor_pt: float, family: str,
             cjk_family: str) -> Fit:
    """The largest size from ``size_pt`` down to ``floor_pt`` at which ``paras`` fit ``box``."""
    inner_h = (box.h - 2 * INSET_Y) / EMU_PER_PT
    size = float(size_pt)
    while True:
        height, lines = layout_height(paras, box, size, family, cjk_family, floor_pt)
        if height <= inner_h:
            return Fit(size, True, lines, height)
        if size - 1 < floor_pt:
            return Fit(size, False, lines, height)
        size -= 1
