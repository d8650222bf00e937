"""The 16:9 slide grid: where each box of each kind of slide goes.

Pure geometry in EMU (914 400 per inch, 12 700 per point), shared by the
planner (which fits text and sizes charts to these boxes) and the deck writer
(which places shapes at them), so a chart is drawn at the size it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

EMU_PER_INCH = 914_400
EMU_PER_PT = 12_700

SLIDE_W = 12_192_000  # 13.333 in
SLIDE_H = 6_858_000  # 7.5 in


def inches(x: float) -> int:
    """EMU for ``x`` inches."""
    return round(x * EMU_PER_INCH)


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    x: int
    y: int
    w: int
    h: int

    @property
    def w_in(self) -> float:
        return self.w / EMU_PER_INCH

    @property
    def h_in(self) -> float:
        return self.h / EMU_PER_INCH

    @property
    def w_pt(self) -> float:
        return self.w / EMU_PER_PT

    @property
    def h_pt(self) -> float:
        return self.h / EMU_PER_PT

    def split(self, n: int, gap: int) -> list[Box]:
        """``n`` side-by-side boxes filling this one, ``gap`` EMU apart."""
        w = (self.w - gap * (n - 1)) // n
        return [Box(self.x + i * (w + gap), self.y, w, self.h) for i in range(n)]

    def below(self, h: int, gap: int = 0) -> Box:
        """A box of height ``h`` under this one, same x and width."""
        return Box(self.x, self.y + self.h + gap, self.w, h)


MARGIN = inches(0.6)
CONTENT_W = SLIDE_W - 2 * MARGIN

#: Where each named box of a slide goes, by role.
TITLE = Box(MARGIN, inches(0.35), CONTENT_W, inches(1.15))
RULE = Box(MARGIN + inches(0.1), inches(1.52), inches(1.2), inches(0.06))  # under the title's text, past its inset
BODY = Box(MARGIN, inches(1.75), CONTENT_W, inches(4.65))
BODY_WITH_SOURCE = Box(MARGIN, inches(1.75), CONTENT_W, inches(4.3))
SOURCE = Box(MARGIN, inches(6.12), CONTENT_W, inches(0.55))
FOOTER = Box(MARGIN, inches(6.95), inches(9.5), inches(0.4))
NUMBER = Box(SLIDE_W - MARGIN - inches(1.2), inches(6.95), inches(1.2), inches(0.4))

# Title and closing slides: centred, on a band.
COVER_TITLE = Box(inches(1.0), inches(1.6), SLIDE_W - inches(2.0), inches(2.1))
COVER_SUBTITLE = Box(inches(1.0), inches(3.8), SLIDE_W - inches(2.0), inches(1.1))
COVER_DETAILS = Box(inches(1.0), inches(5.1), SLIDE_W - inches(2.0), inches(1.5))

# Section dividers: a label, the title, the summary.
DIVIDER_TITLE = Box(inches(1.0), inches(2.4), SLIDE_W - inches(2.0), inches(1.8))
DIVIDER_BODY = Box(inches(1.0), inches(4.3), SLIDE_W - inches(2.0), inches(1.6))

# Quotes and statements: large text in the middle.
QUOTE_BODY = Box(inches(1.4), inches(1.75), SLIDE_W - inches(2.8), inches(3.6))
QUOTE_BY = Box(inches(1.4), inches(5.45), SLIDE_W - inches(2.8), inches(0.6))

# Bio: text left, photo right.
BIO_TEXT = Box(MARGIN, inches(1.75), inches(8.4), inches(4.9))
BIO_PHOTO = Box(MARGIN + inches(8.8), inches(1.75), CONTENT_W - inches(8.8), inches(4.3))

COLUMN_GAP = inches(0.5)
CAPTION_H = inches(0.45)
#: A column's heading above its picture or chart.
HEADING_H = inches(0.6)
#: The share of the body a picture or chart takes beside bullets.
FIGURE_SHARE = 0.55


def beside(body: Box, figure_side: str) -> tuple[Box, Box]:
    """(text box, figure box): ``body`` split for bullets beside a picture on ``figure_side`` (left or right)."""
    figure_w = round((body.w - COLUMN_GAP) * FIGURE_SHARE)
    text_w = body.w - COLUMN_GAP - figure_w
    if figure_side == "left":
        return (Box(body.x + figure_w + COLUMN_GAP, body.y, text_w, body.h), Box(body.x, body.y, figure_w, body.h))
    return Box(body.x, body.y, text_w, body.h), Box(body.x + text_w + COLUMN_GAP, body.y, figure_w, body.h)

def mirror(box: Box) -> Box:
    """``box`` mirrored about the slide's vertical centre line: where a right-to-left talk puts it."""
    return Box(SLIDE_W - box.x - box.w, box.y, box.w, box.h)


def contain(box: Box, w_px: int, h_px: int) -> Box:
    """The largest box of a ``w_px`` × ``h_px`` picture's aspect ratio centred inside ``box``."""
    scale = min(box.w / w_px, box.h / h_px)
    w, h = int(w_px * scale), int(h_px * scale)
    return Box(box.x + (box.w - w) // 2, box.y + (box.h - h) // 2, w, h)


#: Line spacing as a multiple of the font size (PowerPoint's single spacing ≈ 1.2).
#: Sources, captions and the footer: their size in points.
SMALL_SIZE = 12

LINE_SPACING = 1.2
#: Space before each paragraph, as a fraction of the font size.
PARA_SPACE = 0.35
#: Text frame insets python-pptx leaves at PowerPoint's defaults: 0.1 in left/right, 0.05 in top/bottom.
INSET_X = inches(0.1)
INSET_Y = inches(0.05)
