"""What the planner hands the deck writer: text blocks in boxes, figures, and one spec per slide.

Plain data: the planner (:mod:`talkdeck.plan.planner`) fills it in, the deck writer reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..layout import Box
from ..model import Chart, Pos
from ..text.fit import Para
from .tables import TablePlan


@dataclass
class TextBlock:
    """Paragraphs in a box at a size chosen to fit; ``role`` picks the placeholder."""

    role: str
    paras: list[Para]
    box: Box
    size: float
    fits: bool = True
    color: str | None = None
    #: None: the placeholder's own alignment and anchor (on a template).
    align: str | None = "left"
    anchor: str | None = "top"
    #: The smallest size any paragraph may take (sub-points shrink towards it; see fit.para_size).
    floor: float = 0.0
    #: The box's fill (the panel behind code), or None for none.
    fill: str | None = None
    #: Extra inset on every side inside a filled box, in EMU.
    pad: int = 0
    #: The font family the text was measured in and is set in (None: the theme's font).
    font: str | None = None
    #: A template placeholder's own insets (left, top, right, bottom, EMU) the text was measured inside; the
    #: deck leaves them as the template has them. None: talkdeck's (layout.INSET_X, INSET_Y, and ``pad``).
    insets: tuple[int, int, int, int] | None = None
    #: Whether ``color`` is written even in a template placeholder whose style gives one (the template's would
    #: not read on what lies behind it).
    own_color: bool = False
    #: The monospace family its code is set in (None: the theme's ``font_mono``): a monospaced East Asian
    #: font for code that holds East Asian characters, so that they keep the columns.
    font_mono: str | None = None
    #: Right to left: paragraphs marked ``rtl``, "left" alignment drawn at the right, Latin words isolated.
    rtl: bool = False
    #: Room kept under the last line, in EMU, beyond the inset: what the descenders of a complex script reach
    #: below the line LibreOffice lays out (see :func:`talkdeck.text.shaping.overhang`).
    depth: int = 0


@dataclass
class Figure:
    """A picture on a slide: a chart (drawn at ``box``'s size) or an image (fitted inside ``box``)."""

    box: Box
    alt: str = ""
    chart: Chart | None = None
    chart_name: str | None = None
    image: Path | None = None
    #: "svg" or "pdf" for a vector figure (the deck embeds an SVG as SVG, rasterises a PDF), else None.
    vector: str | None = None
    #: A vector figure's natural size (CSS pixels), which its picture keeps the proportions of.
    natural: tuple[float, float] | None = None


@dataclass
class SlideSpec:
    """Everything the deck writer needs for one slide."""

    kind: str
    title: str
    number: int
    notes: str
    layout: str
    texts: list[TextBlock] = field(default_factory=list)
    #: The footer the slide shows (None: none, as on the title slide, dividers and the closing slide).
    footer: TextBlock | None = None
    section: int | None = None
    path: str = ""
    pos: Pos = (1, 1)
    #: Charts and pictures, in reading order (a chart slide's chart; a picture beside bullets; one per column).
    figures: list[Figure] = field(default_factory=list)
    table: TablePlan | None = None
    #: On the built-in design: the accent rule under the title, and where the slide number goes (None: none,
    #: or the template's own placeholder).
    rule: Box | None = None
    number_box: Box | None = None
    background: str | None = None
    #: The speaker's own notes (empty for what talkdeck generates): what timing counts.
    said: str = ""
    #: Bullets only: the index of the first top-level point that did not fit and continues on the next slide.
    continue_from: int | None = None
    start_min: float | None = None
    end_min: float | None = None
    span: tuple[float, float] | None = None

    def text(self, role: str) -> TextBlock | None:
        """The block with ``role``, if the slide has one."""
        return next((t for t in self.texts if t.role == role), None)

    # The first figure's parts, for slides with one chart or one picture.
    @property
    def chart(self) -> Chart | None:
        return next((f.chart for f in self.figures if f.chart is not None), None)

    @property
    def chart_name(self) -> str | None:
        return next((f.chart_name for f in self.figures if f.chart is not None), None)

    @property
    def chart_alt(self) -> str:
        return next((f.alt for f in self.figures if f.chart is not None), "")

    @property
    def image(self) -> Path | None:
        return next((f.image for f in self.figures if f.image is not None), None)

    @property
    def image_alt(self) -> str:
        return next((f.alt for f in self.figures if f.image is not None), "")

    @property
    def figure_box(self) -> Box | None:
        return self.figures[0].box if self.figures else None
