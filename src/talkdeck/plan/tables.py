"""Tables sized to their text: column widths from the measured cells, numbers right-aligned,
long words hyphenated, colours readable on any background.

Column widths follow the automatic table layout of web browsers (CSS 2.1 §17.5.2.2):
each column has a minimum width (its widest unbreakable word) and a maximum width
(its widest cell on one line); when the maxima fit the box they are used, grown in
proportion to fill it; otherwise each column gets its minimum plus a share of the
room left in proportion to how much wider it would like to be. The text shrinks
(1 pt steps, down to the theme's floor) before a word is broken, and a word is only
ever broken at a hyphenation point of the talk's language (Pyphen), with a hyphen.

Pure: no file is written; fonts are measured through :mod:`talkdeck.text.fit`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

from .. import layout as L
from ..layout import Box
from ..model import Theme
from ..text.bidi import is_rtl_tag
from ..text.color import AA_BODY, contrast, luminance, mix, readable_on
from ..text.fit import Para, text_width, wrap
from ..text.script import EAST_ASIAN, EAST_ASIAN_CLASS, is_east_asian_tag
from ..text.shaping import line_spacing, natural_line_height

#: A cell that is a number: sign, currency, digits grouped by , . or thin/no-break spaces, decimals, a per cent.
NUMBER = re.compile(r"[+\-−–]?[$€£¥₽]?\s?(?:\d{1,3}(?:[,.\u00a0\u202f\u2009 ]\d{3})+|\d+)(?:[.,]\d+)?\s?[%‰]?")
#: What an empty cell of a column of numbers may hold instead.
_NO_VALUE = {"", "-", "–", "—", "n/a", "…"}
#: The pieces a line may break between: one East Asian character, or a word up to and including a hyphen
#: (a no-break space joins words into one: an equation's "E = mc²" is one piece, as wrap() keeps it).
_PIECES = re.compile(rf"{EAST_ASIAN.pattern}|(?:[^\s\-‐{EAST_ASIAN_CLASS}]|[\u00a0\u2007\u202f])+[\-‐]?|[\-‐]")
#: Room kept free in each cell beyond the measured text, in points: LibreOffice and PowerPoint
#: round glyph advances differently, and a line measured to the last point may wrap when drawn.
_SLACK_PT = 2.0
#: A cell's top and bottom inset (EMU): PowerPoint's default, and the tighter one a table too tall at the
#: smallest size takes before it is warned about (a header and ten rows then fit above a source).
INSET_Y = L.INSET_Y
TIGHT_INSET_Y = L.inches(0.02)
#: Each row's height beyond its lines and insets: a rule.
_RULE_PT = 2.0


def is_number(text: str) -> bool:
    """True if ``text`` reads as a number: 1,234 · −5 · 12% · 3.5 · €40."""
    return bool(NUMBER.fullmatch(text.strip()))


@dataclass
class TablePlan:
    """A table laid out in its box: cells (a hyphenated word's break written as a line feed), sizes, colours."""

    #: The cells as written in the outline (spaces collapsed).
    rows: list[list[str]]
    cells: list[list[str]]
    box: Box
    col_widths: list[int]  # EMU, adding up to box.w
    row_heights: list[int]  # EMU
    size: float
    #: "left" or "right", for each cell.
    align: list[list[str]]
    header_fill: str
    header_text: str
    band_fill: str
    fill: str
    text: str
    fits: bool = True
    #: The cells' top and bottom inset (EMU).
    inset_y: int = INSET_Y
    #: What a speaker should be told (each a warning's message).
    problems: list[str] = field(default_factory=list)
    #: The cells are right-to-left paragraphs and the columns stand in that order: the lists above run from
    #: the rightmost column (the table's first) to the left; ``align`` stays "left" for a cell's start.
    rtl: bool = False

    @property
    def height(self) -> int:
        return sum(self.row_heights)


def right_to_left(plan: TablePlan) -> TablePlan:
    """``plan`` as a right-to-left talk shows it: its first column at the right.

    The columns are put in the order they stand, rather than the table being marked
    ``a:tblPr rtl="1"``: LibreOffice 7.4 ignores that mark (PowerPoint honours it), and
    would show the table left to right.
    """
    return replace(plan, rows=[row[::-1] for row in plan.rows], cells=[row[::-1] for row in plan.cells],
                   col_widths=plan.col_widths[::-1], align=[row[::-1] for row in plan.align], rtl=True)


def table_colors(theme: Theme) -> tuple[str, str, str]:
    """(header fill, header text, banded rows' fill): each pair at least WCAG AA's 4.5:1.

    The bands are the background tinted towards the text colour, as far as the
    text still reads on them; the header is the accent, darkened or lightened
    until its text reads on it.
    """
    bg, text = theme.background, theme.text
    band: str = bg
    for t in (0.08, 0.06, 0.04, 0.02):
        candidate = mix(bg, text, t)
        if contrast(text, candidate) >= AA_BODY:
            band = candidate
            break
    fill: str = theme.accent
    dark, light = sorted((text, bg), key=luminance)
    header_text = readable_on(fill, dark, light)
    away = "#000000" if header_text == "#FFFFFF" else "#FFFFFF"
    step = 0
    while contrast(header_text, fill) < AA_BODY and step < 20:
        step += 1
        fill = mix(theme.accent, away, step / 20)
    return fill, header_text, band


@functools.lru_cache(maxsize=16)
def _hyphenator(language: str):
    import pyphen

    tag = language.replace("-", "_")
    lang = pyphen.language_fallback(tag) or pyphen.language_fallback(tag.split("_")[0])
    return pyphen.Pyphen(lang=lang) if lang else None


def _dictionaries(word: str, language: str) -> list:
    """Pyphen dictionaries to try for ``word``: the talk's language, then Russian for a Cyrillic word."""
    out = [_hyphenator(language)]
    if re.search(r"[\u0400-\u04ff]", word) and not language.lower().startswith(("ru", "uk", "bg", "be", "sr", "mn")):
        out.append(_hyphenator("ru"))
    return [d for d in out if d is not None]


#: A word Pyphen may cut: letters only, capitalised or lower case (not an acronym, a code or a camelCase name),
#: with punctuation before or after it.
_ORDINARY_WORD = re.compile(r"(\W*)(\w+)(\W*)")


def hyphenate(word: str, width_pt: float, measure, language: str) -> list[str] | None:
    """``word`` cut at hyphenation points into pieces that each fit ``width_pt`` (all but the last end
    in a hyphen), or None if it cannot be: no cuts that fit in the talk's language (or Russian, for a
    Cyrillic word), or a word no dictionary should cut (NOAAGlobalTemp, CO2, an acronym)."""
    m = _ORDINARY_WORD.fullmatch(word)
    if m is None or not m.group(2).isalpha() or not m.group(2)[1:].islower():
        return None
    lead, core = len(m.group(1)), m.group(2)
    for dic in _dictionaries(core, language):
        points = [lead + i for i in dic.positions(core)]
        pieces, start = [], 0
        while measure(word[start:]) > width_pt:
            fitting = [i for i in points if i > start and measure(word[start:i] + "-") <= width_pt]
            if not fitting:
                break
            cut = max(fitting)
            pieces.append(word[start:cut] + "-")
            start = cut
        else:
            return pieces + [word[start:]]
    return None


def _distribute(width: float, mins: list[float], maxs: list[float]) -> list[float]:
    """Column widths adding up to ``width`` as a browser's auto table layout sets them."""
    if sum(maxs) <= width:
        total = sum(maxs) or 1.0
        return [m + (width - sum(maxs)) * m / total for m in maxs]
    if sum(mins) >= width:
        total = sum(mins) or 1.0
        return [m * width / total for m in mins]
    room = width - sum(mins)
    want = [mx - mn for mn, mx in zip(mins, maxs)]
    total = sum(want) or 1.0
    return [mn + room * w / total for mn, w in zip(mins, want)]


def plan_table(rows: list[list[str]], box: Box, theme: Theme, language: str) -> TablePlan:
    """Lay ``rows`` (the first is the header) out in ``box`` at the largest size from the theme's body
    size down to its floor at which the columns' words and the rows fit; hyphenate at the floor."""
    font, cjk, cs = theme.font, theme.font_cjk, theme.font_cs or ""
    rtl = is_rtl_tag(language)
    rows = [[" ".join(c.split()) for c in row] for row in rows]
    # Measured and hyphenated as shown: inline markup resolved; a cell that is all `code` in the
    # monospace font (an identifier too narrow a column would break), any other in its row's face.
    paras = [[Para(c) for c in row] for row in rows]
    shown = [[p.text for p in row] for row in paras]
    mono = [[bool(p.runs) and all(run.code for run in p.runs) for p in row] for row in paras]

    def family(r: int, c: int | None) -> str:
        return theme.font_mono if c is not None and mono[r][c] else font
    n = len(rows[0])
    width_pt = box.w_pt
    pad = 2 * L.INSET_X / L.EMU_PER_PT + _SLACK_PT

    def measure(text: str, size: float, r: int, c: int | None = None) -> float:
        return text_width(text, size, family(r, c), cjk, bold=(r == 0), language=language, cs_family=cs)

    def widths_at(size: float, cells: list[list[str]]) -> tuple[list[float], list[float]]:
        mins, maxs = [pad] * n, [pad] * n
        for r, row in enumerate(cells):
            for c, text in enumerate(row):
                for line in text.split("\n"):
                    words = [p.strip() for p in _PIECES.findall(line)]
                    mins[c] = max([mins[c]] + [measure(w, size, r, c) + pad for w in words if w])
                    maxs[c] = max(maxs[c], measure(line, size, r, c) + pad)
        return mins, maxs

    # LibreOffice, rendering a Chinese, Japanese or Korean talk in its locale, makes each line of a cell at
    # least as tall as the East Asian font's own line (1.45 em for Noto Sans CJK), digits and all, whatever
    # the exact spacing: the rows are planned that tall, or a table that fits would run over its source.
    least = natural_line_height(cjk) if is_east_asian_tag(language) else 0.0

    def heights_at(size: float, cells: list[list[str]], cols: list[float], inset_y: int = INSET_Y) -> list[float]:
        out = []
        for r, row in enumerate(cells):
            # Each cell's lines at its own spacing (taller for Arabic: text.shaping.line_spacing).
            tallest = max(sum(len(wrap(line, cols[c] - pad, size, family(r, c), cjk, bold=(r == 0),
                                       language=language, cs_family=cs)) for line in text.split("\n"))
                          * max(least, line_spacing(text, cs, L.LINE_SPACING, rtl)) for c, text in enumerate(row))
            out.append(tallest * size + 2 * inset_y / L.EMU_PER_PT + _RULE_PT)
        return out

    size = float(theme.body_size)
    cells = shown
    while True:
        mins, maxs = widths_at(size, cells)
        cols = _distribute(width_pt, mins, maxs)
        heights = heights_at(size, cells, cols)
        if (sum(mins) <= width_pt and sum(heights) <= box.h_pt) or size - 1 < theme.min_body_size:
            break
        size -= 1
    problems: list[str] = []
    if sum(mins) > width_pt:
        # Hyphenate each column's words to its share of the width. A word that cannot be cut (a code, an
        # acronym) keeps its column as wide as it is, and the other columns share what is left: their
        # words are cut again to that, so that no word is wider than the column it is finally given.
        fixed: dict[int, float] = {}
        while True:
            hyphenated, share = _hyphenate_cells(cells, width_pt, maxs, size, pad, measure, language, fixed)
            mins, hmaxs = widths_at(size, hyphenated)
            over = {c: mins[c] for c in range(n) if c not in fixed and mins[c] > share[c] + 0.01}
            if not over or sum(mins) <= width_pt:
                break
            fixed.update(over)
        cells, maxs = hyphenated, hmaxs
        cols = _distribute(width_pt, mins, maxs)
        heights = heights_at(size, cells, cols)
        problems = _too_wide(cells, cols, size, pad, measure)
    inset_y = INSET_Y
    if sum(heights) > box.h_pt:
        tight = heights_at(size, cells, cols, TIGHT_INSET_Y)
        if sum(tight) <= box.h_pt:
            heights, inset_y = tight, TIGHT_INSET_Y
    fits = sum(heights) <= box.h_pt
    if not fits:
        problems.append(f"table does not fit its box even at {size:g} pt; split it")
    col_emu = [round(w * L.EMU_PER_PT) for w in cols]
    col_emu[-1] = box.w - sum(col_emu[:-1])
    # A column of numbers is right-aligned, header included, so that units, tens and hundreds line up;
    # a column that mixes numbers with words ("about 11,000") reads as text.
    numeric = []
    for c in range(n):
        body = [row[c] for row in shown[1:] if row[c].strip() not in _NO_VALUE]
        numeric.append(bool(body) and all(is_number(text) for text in body))
    align = [["right" if numeric[c] else "left" for c in range(n)] for _ in rows]
    header_fill, header_text, band = table_colors(theme)
    return TablePlan(rows, cells, Box(box.x, box.y, box.w, round(sum(heights) * L.EMU_PER_PT)), col_emu,
                     [round(h * L.EMU_PER_PT) for h in heights], size, align, header_fill, header_text, band,
                     theme.background, theme.text, fits, inset_y, problems)


def _hyphenate_cells(cells, width_pt, maxs, size, pad, measure, language, fixed):
    """The cells with each word too wide for its column's share cut at hyphenation points, and the shares.

    ``fixed`` holds the columns whose width is already decided (a word in them that cannot be cut), by
    column; the other columns share the rest.
    """
    n = len(cells[0])
    # Each column's share: its widest cell if that is narrow, else an equal part of what is left
    # (water-filling).
    share = [fixed.get(c, 0.0) for c in range(n)]
    free = [c for c in range(n) if c not in fixed]
    room = width_pt - sum(fixed.values())
    while free:
        level = room / len(free)
        narrow = [c for c in free if maxs[c] <= level]
        if not narrow:
            for c in free:
                share[c] = level
            break
        for c in narrow:
            share[c] = maxs[c]
            room -= maxs[c]
            free.remove(c)
    out = []
    for r, row in enumerate(cells):
        new_row = []
        for c, text in enumerate(row):
            limit = share[c] - pad
            lines = []
            for line in text.split("\n"):
                words = line.split(" ")
                for k, word in enumerate(words):
                    # A line may break after a hyphen the word has: each part is a word of its own here.
                    parts = re.split(r"(?<=[\-‐])(?=.)", word)
                    for j, part in enumerate(parts):
                        if EAST_ASIAN.search(part) or measure(part, size, r, c) <= limit:
                            continue
                        pieces = hyphenate(part, limit, lambda s, r=r, c=c: measure(s, size, r, c), language)
                        if pieces is not None:
                            parts[j] = "\n".join(pieces)
                    words[k] = "".join(parts)
                lines.append(" ".join(words))
            new_row.append("\n".join(lines))
        out.append(new_row)
    return out, share


def _too_wide(cells, cols, size, pad, measure) -> list[str]:
    """A warning for each word still wider than the column it is given (it has no hyphenation point that fits)."""
    problems, told = [], set()
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            for line in text.split("\n"):
                for word in line.split(" "):
                    parts = re.split(r"(?<=[\-‐])(?=.)", word)
                    if word in told or all(EAST_ASIAN.search(part) or measure(part, size, r, c) <= cols[c] - pad + 0.01
                                           for part in parts):
                        continue
                    told.add(word)
                    problems.append(f"'{word}' is wider than its column even at {size:g} pt and has "
                                    "no hyphenation point that fits; shorten it or split the table")
    return problems
