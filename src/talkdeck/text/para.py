"""A paragraph to lay out, and the sizes and markers of the bullet levels (text.fit measures them)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .markup import Run, collapse, parse

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
    #: Display equations (LaTeX), each drawn on a line of its own under the paragraph's text (a
    #: paragraph written ``$$…$$`` is one with no text). Taken out of the runs on construction.
    equations: tuple[str, ...] = ()
    #: A hanging indent in points: every line but the first starts this far in (a reference in a list of works).
    hang: float = 0.0
    #: Its lines' spacing in ems (None: its text's own, see :func:`para_spacing`).
    spacing: float | None = None
    #: True: a right-to-left paragraph, False: left to right, whatever its block's direction (a Hebrew work in
    #: an English talk's references, an English one in a Hebrew talk's); None: its block's.
    rtl: bool | None = None

    def rtl_in(self, block_rtl: bool) -> bool:
        """Whether the paragraph is written right to left in a block of direction ``block_rtl``."""
        return block_rtl if self.rtl is None else self.rtl

    def __post_init__(self) -> None:
        if self.runs:
            runs = self.runs
        else:
            runs = parse(self.text) if self.markup else collapse((Run(self.text),))
            if self.bold or self.italic:
                runs = tuple(replace(r, bold=r.bold or self.bold, italic=r.italic or self.italic) for r in runs)
        if any(r.display for r in runs):
            object.__setattr__(self, "equations", self.equations + tuple(r.math or "" for r in runs if r.display))
            runs = collapse(tuple(r for r in runs if not r.display))
        object.__setattr__(self, "runs", runs)
        object.__setattr__(self, "text", "".join(r.text for r in runs))


def para_spacing(para: Para, cs_family: str | None, rtl: bool = False) -> float:
    """The spacing of ``para``'s lines in ems: its own when the planner set one (a code block's lines all take
    their tallest line's), else :func:`~talkdeck.text.shaping.line_spacing` of its text (1.2, more for a
    complex script, and for the digits of a right-to-left paragraph)."""
    from ..layout import LINE_SPACING
    from .shaping import line_spacing

    return para.spacing if para.spacing is not None else line_spacing(para.text, cs_family, LINE_SPACING, rtl)
