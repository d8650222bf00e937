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
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..layout import EMU_PER_PT, INSET_X, INSET_Y, PARA_SPACE, Box
from .bidi import COMPLEX, INVISIBLE, is_rtl_tag
from .fonts import font_file, load_font
from .markup import Run
from .maths import Placed, equation_size
from .para import BULLET_MARGIN_PT, Para, para_size, para_spacing
from .script import (
    EAST_ASIAN,
    EAST_ASIAN_CLASS,
    HANGUL,
    NO_BREAK_AFTER,
    NO_BREAK_BEFORE,
    WEAK,
    east_asian_runs,
    is_east_asian_tag,
)
from .shaping import mark_complex, script_font, shaped_width


@dataclass(frozen=True)
class Fit:
    """The size chosen for a block, and whether it fits even at that size."""

    size: float
    fits: bool
    lines: int
    height_pt: float


#: A run of East Asian characters, measured with the CJK font (the text between runs with the other).
#: The same pattern as deck's, so that re compiles it once (~2 ms a character class this wide).
#: What wrap() breaks between: one Chinese or Japanese character, a word with the spaces after it, or
#: spaces. Opening punctuation stays with the character after it, closing punctuation with the one
#: before. Hangul belongs to words: Korean wraps at spaces, as PowerPoint (eaLnBrk="0") and LibreOffice
#: set it. A no-break space (U+00A0, U+2007, U+202F) holds the words beside it together, and a word
#: joiner (U+2060, which the loader puts between a number and the East Asian unit after it) the
#: pieces beside it.
_IDEOGRAPHIC = rf"(?:(?!{HANGUL.pattern}){EAST_ASIAN.pattern})"
_PIECE = (rf"{NO_BREAK_AFTER.pattern}*{_IDEOGRAPHIC}{NO_BREAK_BEFORE.pattern}*"
          rf"|(?:{HANGUL.pattern}|[^\s\u2060{EAST_ASIAN_CLASS}]|[\u00a0\u2007\u202f])+")
_TOKENS = re.compile(rf"(?:{_PIECE})(?:(?:\u2060+|(?<=\d)(?!{NO_BREAK_AFTER.pattern}))(?:{_PIECE}))*\u2060*"
                     rf"[^\S\u00a0\u2007\u202f]*"
                     rf"|\u2060+|[^\S\u00a0\u2007\u202f]+")
#: Pieces measured apart add up to their measure together within this much per join, in ems:
#: the kerning between a space and a letter, or between two East Asian characters, is far less.
_JOIN_SLACK_EM = 0.25
#: The space LibreOffice sets between East Asian text and Latin text or digits beside it, in ems
#: (measured: 5.8 pt at 24 pt, "ABC中文" and "中文1953年"; a quarter em, to stay on the safe side).
AUTOSPACE_EM = 0.25


#: The monospaced faces of Noto Sans CJK (code with East Asian characters is set in them).
MONO_CJK = "Noto Sans Mono CJK"

#: A face to measure with: (font family, bold, italic), and optionally the scale it is drawn at
#: (a sub- or superscript: :data:`SCRIPT_SCALE`).
Face = tuple
#: The size of a raised or lowered run (an exponent) against its text's, as measured: PowerPoint draws
#: such a run at about two thirds, LibreOffice at 58 % (its DFLT_ESC_PROP); the larger is counted.
SCRIPT_SCALE = 0.67
#: How far a superscript is raised and a subscript lowered, in percent of the size (``a:rPr/@baseline``).
SCRIPT_OFFSET = (30, -25)


@functools.lru_cache(maxsize=16384)
def _piece_width(piece: str, size_pt: float, family: str, cjk_family: str, bold: bool, italic: bool,
                 east_asian: int, cs_family: str = "") -> float:
    """Advance width in points of ``piece``, all of one script: East Asian (``east_asian`` 1) with the
    CJK font, complex script (2: Arabic, Hebrew …) shaped in ``cs_family`` (else a font of its script),
    the rest with ``family``. Bidirectional controls and word joiners take no room. Without
    fontconfig, a generous estimate."""
    if INVISIBLE.search(piece):
        piece = INVISIBLE.sub("", piece)
        if not piece:
            return 0.0
    if family.startswith(MONO_CJK):
        # One face of a collection (.ttc) that fontconfig names by file only: measured by its design, half an
        # em for a Latin letter or space, a whole one (two columns) for an East Asian character.
        return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in piece) * size_pt
    if east_asian == 2:
        wide = shaped_width(piece, size_pt, font_file(cs_family or script_font(piece), bold, italic))
        return len(piece) * size_pt * 0.55 if wide is None else wide
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
                 language: str = "", cs_family: str = ""):
        self.text, self.faces, self.size, self.cjk, self.cs = text, faces, size_pt, cjk_family, cs_family
        #: Each character's script as drawn: 0 Latin (the face's font), 1 East Asian, 2 complex.
        self.east_asian = bytearray(len(text))
        for a, z in east_asian_runs(text, language):
            self.east_asian[a:z] = b"\x01" * (z - a)
        mark_complex(text, self.east_asian, language)
        self.opening_quote = bool(text) and self.east_asian[0] == 1 and WEAK.match(text[0]) is not None
        self.latin_only = not any(self.east_asian)

    def __call__(self, i: int, j: int) -> float:
        """Width in points of text[i:j]."""
        text, mask, total, begin = self.text, self.east_asian, 0.0, 0
        if self.latin_only:  # the common case: each face's stretch measured whole (and cached)
            for end, face in self.faces:
                if begin < j and end > i:
                    total += _piece_width(text[max(i, begin):min(j, end)], self.size * _scale(face), face[0],
                                          self.cjk, face[1], face[2], 0, self.cs)
                begin = end
            return total
        spaced = 0  # places that get LibreOffice's space between scripts
        previous = -1  # the script of the piece before, once there is one
        for end, face in self.faces:
            family, bold, italic, size = face[0], face[1], face[2], self.size * _scale(face)
            a, z = max(i, begin), min(j, end)
            while a < z:
                script = mask[a]
                m = a + 1
                while m < z and mask[m] == script:
                    m += 1
                total += _piece_width(text[a:m], size, family, self.cjk, bold, italic, script, self.cs)
                if (previous != -1 and (previous == 1) != (script == 1) and not text[a - 1].isspace()
                        and not text[a].isspace()):
                    spaced += 1
                previous, a = script, m
            begin = end
            if begin >= j:
                break
        if i == 0 and j > 1 and self.opening_quote:
            spaced += 1
        return total + spaced * AUTOSPACE_EM * self.size


def _scale(face: Face) -> float:
    return face[3] if len(face) > 3 else 1.0


@functools.lru_cache(maxsize=16384)
def text_width(text: str, size_pt: float, family: str, cjk_family: str, bold: bool = False,
               italic: bool = False, language: str = "", cs_family: str = "") -> float:
    """Advance width of ``text``, a paragraph in one face, in points at ``size_pt``."""
    if (not EAST_ASIAN.search(text) and not COMPLEX.search(text)
            and not (language and is_east_asian_tag(language))):
        return _piece_width(text, size_pt, family, cjk_family, bold, italic, 0)  # no East Asian font
    return Measure(text, [(len(text), (family, bold, italic))], size_pt, cjk_family, language, cs_family)(
        0, len(text))


def wrap(text: str, width_pt: float, size_pt: float, family: str, cjk_family: str,
         bold: bool = False, italic: bool = False, language: str = "", cs_family: str = "") -> list[str]:
    """Greedy word wrap of ``text`` into lines no wider than ``width_pt``.

    Breaks at spaces and between East Asian characters; a word wider than the
    line is broken where it must be.
    """
    return wrap_faces(text, [(len(text), (family, bold, italic))], width_pt, size_pt, cjk_family, language,
                      cs_family)


def run_faces(runs: Sequence[Run], family: str, mono_family: str) -> list[tuple[int, Face]]:
    """(end offset in the runs' joined text, face) of each run: code in ``mono_family``, a sub- or
    superscript at :data:`SCRIPT_SCALE`."""
    out: list[tuple[int, Face]] = []
    end = 0
    for run in runs:
        end += len(run.text)
        face = (mono_family if run.code else family, run.bold, run.italic)
        out.append((end, face + (SCRIPT_SCALE,) if run.script else face))
    return out


def wrap_faces(text: str, faces: Sequence[tuple[int, Face]], width_pt: float, size_pt: float,
               cjk_family: str, language: str = "", cs_family: str = "") -> list[str]:
    """:func:`wrap` for text drawn in several faces: ``faces`` gives (end offset, face) of each
    stretch of ``text``, in order, the last ending at ``len(text)``."""
    measure = Measure(text, faces, size_pt, cjk_family, language, cs_family)
    width: Callable[[int, int], float] = measure
    if measure.latin_only and len(faces) == 1 and len(faces[0][1]) == 3:  # most paragraphs: one cache look-up
        family, bold, italic = faces[0][1]

        def latin(i: int, j: int) -> float:
            return _piece_width(text[i:j], size_pt, family, cjk_family, bold, italic, 0)

        width = latin

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
                  language: str = "", cs_family: str = "") -> tuple[float, int]:
    """(height in points, number of lines) of ``paras`` wrapped in ``box`` at ``size_pt``
    (sub-points at their :func:`para_size`, not below ``floor_pt``); a display equation counts
    as a line, of its own height.

    A paragraph that must not wrap and is wider than the box counts as infinitely high.
    """
    height, count, _ = layout(paras, box, size_pt, family, cjk_family, floor_pt, mono_family, language, cs_family)
    return height, count


def layout(paras: Sequence[Para], box: Box, size_pt: float, family: str, cjk_family: str,
           floor_pt: float = 0.0, mono_family: str = MONO_FAMILY, language: str = "", cs_family: str = ""
           ) -> tuple[float, int, list[list[Placed]]]:
    """:func:`layout_height`, and where each paragraph's display equations go (centred in the
    width its text has)."""
    inner_w = (box.w - 2 * INSET_X) / EMU_PER_PT
    height = 0.0
    count = 0
    rtl = is_rtl_tag(language)
    places: list[list[Placed]] = []
    for i, para in enumerate(paras):
        size = para_size(para, size_pt, floor_pt)
        margin = BULLET_MARGIN_PT[para.level] if para.bullet else 0.0
        faces = run_faces(para.runs, family, mono_family)
        if not para.runs and para.equations:
            n = 0
        elif para.wrap and para.hang and not para.bullet:
            n = hanging_lines(para.text, faces, inner_w, para.hang, size, cjk_family, language, cs_family)
        elif para.wrap:
            n = len(wrap_faces(para.text, faces, inner_w - margin, size, cjk_family, language, cs_family))
        else:
            n = 1
            if line_width(para, size, family, cjk_family, mono_family, language, cs_family) > inner_w - margin:
                height = math.inf
        count += n
        height += (n * size * para_spacing(para, cs_family, rtl)
                   + (size * PARA_SPACE if i and not para.tight else 0.0))
        placed = []
        for k, tex in enumerate(para.equations):
            if k or n:
                height += size * PARA_SPACE
            w, h = equation_size(tex, size, inner_w - margin)
            placed.append(Placed(tex, height, margin + (inner_w - margin - w) / 2, w, h, size))
            height += h
            count += 1
        places.append(placed)
    return height, count, places


def hanging_lines(text: str, faces: Sequence[tuple[int, Face]], width_pt: float, hang_pt: float, size_pt: float,
                  cjk_family: str, language: str = "", cs_family: str = "") -> int:
    """How many lines ``text`` takes with a hanging indent: the first line ``width_pt`` wide, the others
    ``hang_pt`` narrower (greedy, as PowerPoint and LibreOffice wrap)."""
    lines = wrap_faces(text, faces, width_pt, size_pt, cjk_family, language, cs_family)
    if len(lines) <= 1:
        return len(lines)
    k = len(text) - len(text[len(lines[0]):].lstrip())  # where the second line starts
    rest = [(end - k, face) for end, face in faces if end > k]
    return 1 + len(wrap_faces(text[k:], rest, width_pt - hang_pt, size_pt, cjk_family, language, cs_family))


def line_width(para: Para, size_pt: float, family: str, cjk_family: str, mono_family: str = MONO_FAMILY,
               language: str = "", cs_family: str = "") -> float:
    """Width in points of ``para`` set on one line at ``size_pt``, each run in its face."""
    return Measure(para.text, run_faces(para.runs, family, mono_family), size_pt, cjk_family, language,
                   cs_family)(0, len(para.text))


def widest_word(para: Para, size_pt: float, family: str, cjk_family: str, mono_family: str = MONO_FAMILY,
                language: str = "", cs_family: str = "") -> float:
    """Width in points of ``para``'s widest word at ``size_pt`` (an East Asian character is a word): what
    cannot be wrapped, only cut."""
    text = para.text
    measure = Measure(text, run_faces(para.runs, family, mono_family), size_pt, cjk_family, language, cs_family)
    widest = 0.0
    for token in _TOKENS.finditer(text):
        i, j = token.span()
        while j > i and text[j - 1].isspace():
            j -= 1
        if j > i:
            widest = max(widest, measure(i, j))
    return widest


def fit_text(paras: Sequence[Para], box: Box, size_pt: float, floor_pt: float, family: str,
             cjk_family: str, mono_family: str = MONO_FAMILY, language: str = "", cs_family: str = "") -> Fit:
    """The largest size from ``size_pt`` down to ``floor_pt`` at which ``paras`` fit ``box``."""
    inner_h = (box.h - 2 * INSET_Y) / EMU_PER_PT
    size = float(size_pt)
    while True:
        height, lines = layout_height(paras, box, size, family, cjk_family, floor_pt, mono_family, language,
                                      cs_family)
        if height <= inner_h:
            return Fit(size, True, lines, height)
        if size - 1 < floor_pt:
            return Fit(size, False, lines, height)
        size -= 1

