"""Text fitting with the real font's metrics.

PowerPoint's "shrink text on overflow" only runs when someone edits the text,
so a generated deck must choose its sizes itself. Each text block is wrapped
at its box's width with the advance widths of the font that will draw it
(found by :mod:`talkdeck.text.fonts`, measured with Pillow/FreeType), and shrunk in 1 pt
steps to a floor. Latin-script fonts such as Calibri are measured with their
metric-compatible Linux twins (Carlito), so the measure holds in PowerPoint.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, replace
from typing import Sequence

from ..layout import EMU_PER_PT, INSET_X, INSET_Y, LINE_SPACING, PARA_SPACE, Box
from .fonts import font_file, load_font
from .markup import Run, collapse, parse
from .script import (
    EAST_ASIAN,
    NO_BREAK_AFTER,
    NO_BREAK_BEFORE,
    NOT_EAST_ASIAN,
    WEAK,
    east_asian_runs,
    is_east_asian_tag,
)

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


@dataclass(frozen=True)
class Para:
    """A paragraph to lay out: its runs, bullet level, and whether it is bulleted, bold or italic.

    ``text`` is read as inline markup (see :mod:`talkdeck.text.markup`) unless
    ``markup`` is False; after construction it holds the text as shown (markup
    resolved) and ``runs`` the pieces in their faces, the paragraph's own bold
    and italic applied to each. A slide paragraph is one flowing line: YAML line
    breaks and runs of spaces become single spaces; no-break spaces stay (French
    "Questions ?", Russian "12 мин" keep their words together). Runs given
    ready-made (a line of code) are kept as they are, spaces and all, and set the text.
    """

    text: str = ""
    level: int = 0
    bullet: bool = False
    bold: bool = False
    italic: bool = False
    markup: bool = True
    runs: tuple[Run, ...] = ()
    #: False for a line that must not wrap (code): too wide, and the block shrinks instead.
    wrap: bool = True
    #: True for no space before the paragraph (the lines of a code block).
    tight: bool = False

    def __post_init__(self) -> None:
        if self.runs:
            object.__setattr__(self, "text", "".join(r.text for r in self.runs))
            return
        runs = parse(self.text) if self.markup else collapse((Run(self.text),))
        if self.bold or self.italic:
            runs = tuple(replace(r, bold=r.bold or self.bold, italic=r.italic or self.italic) for r in runs)
        object.__setattr__(self, "runs", runs)
        object.__setattr__(self, "text", "".join(r.text for r in runs))


@dataclass(frozen=True)
class Fit:
    """The size chosen for a block, and whether it fits even at that size."""

    size: float
    fits: bool
    lines: int
    height_pt: float


#: A run of East Asian characters, measured with the CJK font (the text between runs with the other).
#: The same pattern as deck's, so that re compiles it once (~2 ms a character class this wide).
#: What wrap() breaks between: one East Asian character, a word with the spaces after it, or spaces.
#: Opening punctuation stays with the character after it, closing punctuation with the one before.
#: A no-break space (U+00A0, U+2007, U+202F) holds the words beside it together.
_TOKENS = re.compile(rf"{NO_BREAK_AFTER.pattern}*{EAST_ASIAN.pattern}{NO_BREAK_BEFORE.pattern}*"
                     rf"|(?:{NOT_EAST_ASIAN.pattern}|[\u00a0\u2007\u202f])+[^\S\u00a0\u2007\u202f]*"
                     rf"|[^\S\u00a0\u2007\u202f]+")
#: Pieces measured apart add up to their measure together within this much per join, in ems:
#: the kerning between a space and a letter, or between two East Asian characters, is far less.
_JOIN_SLACK_EM = 0.25
#: The space LibreOffice sets between East Asian text and Latin text or digits beside it, in ems
#: (measured: 5.8 pt at 24 pt, "ABC中文" and "中文1953年"; a quarter em, to stay on the safe side).
AUTOSPACE_EM = 0.25


#: A face to measure with: (font family, bold, italic).
Face = tuple[str, bool, bool]


@functools.lru_cache(maxsize=16384)
def _piece_width(piece: str, size_pt: float, family: str, cjk_family: str, bold: bool, italic: bool,
                 east_asian: bool) -> float:
    """Advance width in points of ``piece``, all of one script: East Asian with the CJK font, the
    rest with ``family``. Without fontconfig, a generous estimate."""
    if not east_asian:
        latin = load_font(font_file(family, bold, italic), size_pt)
        return len(piece) * size_pt * 0.55 if latin is None else latin.getlength(piece) / 64
    cjk = load_font(font_file(cjk_family, bold), size_pt)
    # Ambiguous punctuation in East Asian text is set full-width (one em), as LibreOffice
    # sets it with the language's forms (the font's default glyphs may be narrower).
    weak = len(WEAK.findall(piece))
    rest = WEAK.sub("", piece) if weak else piece
    return (len(rest) * size_pt if cjk is None else cjk.getlength(rest) / 64) + weak * size_pt


class Measure:
    """Widths of stretches of one paragraph's ``text``, each in its face (``faces``: (end offset,
    face) in order, the last ending at ``len(text)``) and in its script as the whole paragraph
    decides it: a quotation mark takes the script of the text before it, even across a line break.

    LibreOffice also sets :data:`AUTOSPACE_EM` between East Asian text and the Latin text, digits
    or punctuation it touches (and after a quotation mark that opens East Asian text).
    """

    def __init__(self, text: str, faces: Sequence[tuple[int, Face]], size_pt: float, cjk_family: str,
                 language: str = ""):
        self.text, self.faces, self.size, self.cjk = text, faces, size_pt, cjk_family
        self.east_asian = bytearray(len(text))
        for a, z in east_asian_runs(text, language):
            self.east_asian[a:z] = b"\x01" * (z - a)
        self.opening_quote = bool(text) and self.east_asian[0] == 1 and WEAK.match(text[0]) is not None
        self.latin_only = 1 not in self.east_asian

    def __call__(self, i: int, j: int) -> float:
        """Width in points of text[i:j]."""
        text, mask, total, begin = self.text, self.east_asian, 0.0, 0
        if self.latin_only:  # the common case: each face's stretch measured whole (and cached)
            for end, (family, bold, italic) in self.faces:
                if begin < j and end > i:
                    total += _piece_width(text[max(i, begin):min(j, end)], self.size, family, self.cjk, bold,
                                          italic, False)
                begin = end
            return total
        spaced = 0  # places that get LibreOffice's space between scripts
        previous = -1  # the script of the piece before, once there is one
        for end, (family, bold, italic) in self.faces:
            a, z = max(i, begin), min(j, end)
            while a < z:
                script = mask[a]
                m = a + 1
                while m < z and mask[m] == script:
                    m += 1
                total += _piece_width(text[a:m], self.size, family, self.cjk, bold, italic, script == 1)
                if previous not in (-1, script) and not text[a - 1].isspace() and not text[a].isspace():
                    spaced += 1
                previous, a = script, m
            begin = end
            if begin >= j:
                break
        if i == 0 and j > 1 and self.opening_quote:
            spaced += 1
        return total + spaced * AUTOSPACE_EM * self.size


@functools.lru_cache(maxsize=16384)
def text_width(text: str, size_pt: float, family: str, cjk_family: str, bold: bool = False,
               italic: bool = False, language: str = "") -> float:
    """Advance width of ``text``, a paragraph in one face, in points at ``size_pt``."""
    if not EAST_ASIAN.search(text) and not (language and is_east_asian_tag(language)):
        return _piece_width(text, size_pt, family, cjk_family, bold, italic, False)  # no East Asian font
    return Measure(text, [(len(text), (family, bold, italic))], size_pt, cjk_family, language)(0, len(text))




def wrap(text: str, width_pt: float, size_pt: float, family: str, cjk_family: str,
         bold: bool = False, italic: bool = False, language: str = "") -> list[str]:
    """Greedy word wrap of ``text`` into lines no wider than ``width_pt``.

    Breaks at spaces and between East Asian characters; a word wider than the
    line is broken where it must be.
    """
    return wrap_faces(text, [(len(text), (family, bold, italic))], width_pt, size_pt, cjk_family, language)


def run_faces(runs: Sequence[Run], family: str, mono_family: str) -> list[tuple[int, Face]]:
    """(end offset in the runs' joined text, face) of each run: code in ``mono_family``."""
    out, end = [], 0
    for run in runs:
        end += len(run.text)
        out.append((end, (mono_family if run.code else family, run.bold, run.italic)))
    return out


def wrap_faces(text: str, faces: Sequence[tuple[int, Face]], width_pt: float, size_pt: float,
               cjk_family: str, language: str = "") -> list[str]:
    """:func:`wrap` for text drawn in several faces: ``faces`` gives (end offset, face) of each
    stretch of ``text``, in order, the last ending at ``len(text)``."""
    width = Measure(text, faces, size_pt, cjk_family, language)
    if width.latin_only and len(faces) == 1:  # most paragraphs: a measure is one cache look-up
        family, bold, italic = faces[0][1]

        def width(i: int, j: int) -> float:
            return _piece_width(text[i:j], size_pt, family, cjk_family, bold, italic, False)

    def rstrip(i: int, j: int) -> int:
        while j > i and text[j - 1].isspace():
            j -= 1
        return j

    # Each token is tried on the line as it grows. Measuring the whole line each
    # time makes a paragraph quadratic, so the line is measured only when an upper
    # bound on its width (its pieces measured apart, plus a slack per join) does not
    # already show that it fits: the same lines, with a few measures a line.
    slack = size_pt * _JOIN_SLACK_EM

    def bound(i: int, j: int) -> float:
        """At least the width of text[i:j] (no leading spaces), trailing spaces included."""
        s = rstrip(i, j)
        # Only spaces are measured apart: other white space (a line feed) is left to a whole measure.
        return width(i, s) + (slack + width(s, j) if text[s:j].strip(" ") == "" else math.inf)

    def start(i: int, j: int) -> tuple[int, int]:
        """Begin a line with text[i:j]; a word wider than the line is cut where it
        overflows, as PowerPoint does, and its full lines are emitted."""
        while j - i > 1 and width(i, rstrip(i, j)) > width_pt:
            lo, hi = 1, j - i - 1  # the longest prefix that fits, by bisection
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if width(i, rstrip(i, i + mid)) <= width_pt:
                    lo = mid
                else:
                    hi = mid - 1
            lines.append(text[i:i + lo])
            i += lo
        return i, j

    lines: list[str] = []
    ls = le = 0  # the line is text[ls:le]
    upper = 0.0  # at least the width of the line, trailing spaces included
    for token in _TOKENS.finditer(text):
        ts, te = token.span()
        if ls == le:
            ls, le = start(ts, te)
            upper = bound(ls, le)
            continue
        word_end = rstrip(ts, te)
        if word_end > ts and upper + slack + width(ts, word_end) <= width_pt:
            le, upper = te, upper + slack + bound(ts, te)
            continue
        s = rstrip(ls, te)
        measured = width(ls, s)
        if measured <= width_pt:
            le, upper = te, measured + bound(s, te)
            continue
        lines.append(text[ls:rstrip(ls, le)])
        if word_end > ts:
            k = ts
            while text[k].isspace():
                k += 1
            ls, le = start(k, te)
        else:
            ls = le = te
        upper = bound(ls, le)
    lines.append(text[ls:rstrip(ls, le)])
    return lines


#: The monospace font code is set in when the caller names none (Liberation Mono measures it here).
MONO_FAMILY = "Courier New"


def layout_height(paras: Sequence[Para], box: Box, size_pt: float, family: str,
                  cjk_family: str, floor_pt: float = 0.0, mono_family: str = MONO_FAMILY,
                  language: str = "") -> tuple[float, int]:
    """(height in points, number of lines) of ``paras`` wrapped in ``box`` at ``size_pt``
    (sub-points at their :func:`para_size`, not below ``floor_pt``).

    A paragraph that must not wrap and is wider than the box counts as infinitely high.
    """
    inner_w = (box.w - 2 * INSET_X) / EMU_PER_PT
    height = 0.0
    count = 0
    for i, para in enumerate(paras):
        size = para_size(para, size_pt, floor_pt)
        margin = BULLET_MARGIN_PT[para.level] if para.bullet else 0.0
        faces = run_faces(para.runs, family, mono_family)
        if para.wrap:
            n = len(wrap_faces(para.text, faces, inner_w - margin, size, cjk_family, language))
        else:
            n = 1
            if line_width(para, size, family, cjk_family, mono_family, language) > inner_w - margin:
                height = math.inf
        count += n
        height += n * size * LINE_SPACING + (size * PARA_SPACE if i and not para.tight else 0.0)
    return height, count


def line_width(para: Para, size_pt: float, family: str, cjk_family: str, mono_family: str = MONO_FAMILY,
               language: str = "") -> float:
    """Width in points of ``para`` set on one line at ``size_pt``, each run in its face."""
    return Measure(para.text, run_faces(para.runs, family, mono_family), size_pt, cjk_family, language)(
        0, len(para.text))


def widest_word(para: Para, size_pt: float, family: str, cjk_family: str, mono_family: str = MONO_FAMILY,
                language: str = "") -> float:
    """Width in points of ``para``'s widest word at ``size_pt`` (an East Asian character is a word): what
    cannot be wrapped, only cut."""
    text = para.text
    measure = Measure(text, run_faces(para.runs, family, mono_family), size_pt, cjk_family, language)
    widest = 0.0
    for token in _TOKENS.finditer(text):
        i, j = token.span()
        while j > i and text[j - 1].isspace():
            j -= 1
        if j > i:
            widest = max(widest, measure(i, j))
    return widest


def fit_text(paras: Sequence[Para], box: Box, size_pt: float, floor_pt: float, family: str,
             cjk_family: str, mono_family: str = MONO_FAMILY, language: str = "") -> Fit:
    """The largest size from ``size_pt`` down to ``floor_pt`` at which ``paras`` fit ``box``."""
    inner_h = (box.h - 2 * INSET_Y) / EMU_PER_PT
    size = float(size_pt)
    while True:
        height, lines = layout_height(paras, box, size, family, cjk_family, floor_pt, mono_family, language)
        if height <= inner_h:
            return Fit(size, True, lines, height)
        if size - 1 < floor_pt:
            return Fit(size, False, lines, height)
        size -= 1
