"""What every slide kind's planner shares: the talk, its theme and messages, the template's frame, the warnings
found so far; and the boxes and fitted text blocks slides are built from.

A slide kind's module (``bullets``, ``figure``, ``quote`` …) receives a :class:`Context` and adds to a
:class:`~talkdeck.plan.spec.SlideSpec`; it never calls back into the planner, so the kinds sit below
``planner`` and above this module, with no import circle.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .. import layout as L
from ..charts.style import talk_chart_style
from ..errors import Problem
from ..lang.i18n import messages_for
from ..layout import Box
from ..model import Pos, Talk, Theme
from ..text.bidi import is_rtl_tag
from ..text.fit import Para, fit_text
from ..text.fonts import font_file
from ..text.para import para_spacing
from ..text.script import EAST_ASIAN
from ..text.shaping import link_lift, overhang
from .footer import plan_footer
from .frame import Frame, LayoutFrame
from .spec import SlideSpec, TextBlock

#: Slides the built-in design draws no accent rule on: their titles stand alone, centred.
_NO_RULE = ("title", "closing", "divider")


class Context:
    """The state the slide kinds share while a talk is planned."""

    def __init__(self, talk: Talk, file: str, frame: Frame | None = None):
        self.talk = talk
        self.theme: Theme = talk.theme
        self.file = file
        #: The template's geometry (None: the built-in grid of layout.py).
        self.frame = frame
        #: A right-to-left talk (Arabic, Hebrew …): its text blocks are written right to left, and what stands
        #: side by side is laid out from the right (:meth:`mirror`, :meth:`reading_order`).
        self.rtl = is_rtl_tag(talk.language)
        self.warnings: list[Problem] = []
        self.m = messages_for(talk)
        self.chart_style = talk_chart_style(talk, self.m)
        self._footers: dict[str, tuple[TextBlock, list[Problem]]] = {}
        #: The size a table cut over several slides is set at on its first (by the slide's path): the slides it
        #: continues on take no larger one (plan.table).
        self.table_sizes: dict[str, float] = {}

    def footer(self, role: str) -> TextBlock:
        """The footer shown on slides of the layout for ``role``, sized once a layout (plan.footer)."""
        return self._footer(role)[0]

    def footer_problems(self) -> list[Problem]:
        """The warning when the footer does not fit one line (measured once, on the content layout)."""
        return self._footer("content")[1]

    def _footer(self, role: str) -> tuple[TextBlock, list[Problem]]:
        if role not in self._footers:
            self._footers[role] = plan_footer(self.talk, self.file, self.frame, role)
        return self._footers[role]

    def warn(self, pos: Pos, path: str, message: str) -> None:
        """A warning at ``pos`` (the outline's line and column) about the value at ``path``."""
        self.warnings.append(Problem(self.file, pos, path, message, "warning"))

    # --- geometry ---------------------------------------------------------------------
    def layout(self, role: str) -> LayoutFrame | None:
        """The template's layout for ``role``, or None on the built-in design."""
        return self.frame.layouts[role] if self.frame is not None else None

    def said(self, key: str, template_value: Any) -> Any:
        """The theme's ``key`` if the speaker wrote it, else the template's value (when it has one)."""
        if key in self.theme.where or template_value is None:
            return getattr(self.theme, key)
        return template_value

    def size(self, key: str, template_size: float | None, floor: float, ceiling: float) -> float:
        """The theme's size ``key`` (or the template's), kept within ``floor`` and ``ceiling`` points."""
        return float(min(ceiling, max(floor, round(self.said(key, template_size)))))

    def body_area(self, role: str, with_source: bool) -> Box:
        """Where a slide's body goes (its layout's first body placeholder on a template), above the source line."""
        lf = self.layout(role)
        if lf is None:
            return L.BODY_WITH_SOURCE if with_source else L.BODY
        content = self.content(lf)
        # Bullets beside a picture share the whole content area, whatever placeholders the layout has.
        box = lf.bodies[0] if lf.bodies and role != "beside" else content
        if lf.bodies and box != content:
            # The body placeholder as far as it is clear of the master's drawings (a seal in its corner).
            box = within(box, content)
        if box.w < L.inches(1) or box.h < L.inches(0.75):
            box = content
        return self.above_source(box, lf) if with_source else box

    def content(self, lf: LayoutFrame) -> Box:
        """The layout's content area; where a template leaves none worth the name (it is warned about at
        ``template:``), the slide under the title, within half-inch margins, so that a build never fails."""
        c = lf.content
        if c is not None and c.w >= L.inches(1) and c.h >= L.inches(1):
            return c
        width, height = (self.frame.width, self.frame.height) if self.frame is not None else (L.SLIDE_W, L.SLIDE_H)
        top = lf.title.y + lf.title.h + L.inches(0.1) if lf.title and lf.title.y < height // 2 else L.inches(1.5)
        top = min(top, height - L.inches(2))
        return Box(L.inches(0.5), top, width - L.inches(1), height - top - L.inches(0.5))

    def above_source(self, box: Box, lf: LayoutFrame) -> Box:
        """``box`` cut short above the layout's source line (unless that would leave next to nothing)."""
        bottom = min(box.y + box.h, self.source_box(lf).y - L.INSET_Y)
        return Box(box.x, box.y, box.w, bottom - box.y) if bottom - box.y >= L.inches(0.75) else box

    def source_box(self, lf: LayoutFrame | None) -> Box:
        """The source line: the built-in grid's, or the bottom strip of the layout's content area."""
        if lf is None:
            return L.SOURCE
        c = self.content(lf)
        return Box(c.x, c.y + c.h - L.SOURCE.h, c.w, L.SOURCE.h)

    def mirror(self, box: Box, area: Box | None = None) -> Box:
        """Where the talk puts ``box``, which the grid places from the left: in a right-to-left talk, mirrored
        about the vertical middle of ``area`` (default: the slide), so that what starts a line of reading
        starts at the right; in any other talk ``box`` itself."""
        if not self.rtl:
            return box
        if area is None:
            area = Box(0, 0, self.frame.width if self.frame is not None else L.SLIDE_W, 0)
        return Box(2 * area.x + area.w - box.x - box.w, box.y, box.w, box.h)

    def reading_order(self, boxes: list[Box]) -> list[Box]:
        """``boxes`` in the order a reader of the talk meets them: row by row (half an inch of height apart
        makes a new row), in each row from the left, or from the right in a right-to-left talk."""
        side = -1 if self.rtl else 1
        return sorted(boxes, key=lambda b: (b.y // L.inches(0.5), side * b.x))

    def mark(self, spec: SlideSpec) -> None:
        """On the built-in design, ``spec``'s accent rule under its title's first word and its slide number at
        the end of the footer's line: in a right-to-left talk the rule at the right, the number at the left."""
        if self.frame is not None:
            return
        if spec.kind not in _NO_RULE:
            spec.rule = self.mirror(L.RULE)
        if spec.footer is not None:
            spec.number_box = self.mirror(L.NUMBER)

    # --- text blocks ------------------------------------------------------------------
    def block(self, role: str, paras: list[Para], box: Box, size: float, floor: float,
              spec_path: str = "", pos: Pos = (1, 1), overflow: str | None = None, **style) -> TextBlock:
        """``paras`` in ``box`` at the largest size from ``size`` down to ``floor`` at which they fit; a warning
        when they do not fit even at ``floor`` (``overflow``, with ``{floor}`` in it, says it instead of the
        words for text). Titles are fitted by :func:`talkdeck.plan.titles.fit_title`."""
        paras = [with_link_room(p, self.theme.font_cs, self.rtl) for p in paras]
        depth = descender_room(paras, size, self.theme.font_cs)
        # Inline code holding East Asian text is set, like a code block, in a monospaced East Asian face.
        mono = mono_for("".join(r.text for p in paras for r in p.runs if r.code), self.theme)
        result = fit_text(paras, Box(box.x, box.y, box.w, box.h - depth), size, floor,
                          style.get("font") or self.theme.font, self.theme.font_cjk, mono,
                          self.talk.language, self.theme.font_cs or "")
        if not result.fits:
            self.warn(pos, spec_path, overflow.format(floor=f"{floor:g}") if overflow else
                      f"text does not fit its box even at {floor:g} pt ({role}: {result.lines} lines); shorten it "
                      "or split the slide")
        return TextBlock(role, paras, box, result.size, result.fits, floor=floor, depth=depth,
                         **{"rtl": self.rtl, "font_mono": None if mono == self.theme.font_mono else mono, **style})

    def body(self, paras: list[Para], path: str, pos: Pos, box: Box = L.BODY, role: str = "body",
             layout: str = "content", floor: float | None = None, tighten: bool = False, **style) -> TextBlock:
        """Body text at the theme's body size: in ``box`` on the built-in design, in the font and size of the
        body placeholder of the template's ``layout`` on a template; shrunk down to ``floor`` (default the
        theme's ``min_body_size``) to fit. ``tighten``: lines that do not fit even so are set again without
        the space between paragraphs (a list of short lines: an agenda, a title slide's lines) before the
        warning."""
        if tighten:
            warned = len(self.warnings)
            block = self.body(paras, path, pos, box, role, layout, floor, **style)
            if block.fits:
                return block
            del self.warnings[warned:]
            paras = [replace(p, tight=True) for p in paras]
        t = self.theme
        least = t.min_body_size if floor is None else min(floor, t.min_body_size)
        lf = self.layout(layout)
        if lf is None:
            return self.block(role, paras, box, t.body_size, least, path, pos, **style)
        # None: the placeholder's own alignment; a right-to-left paragraph is aligned to the right unless the
        # placeholder centres it.
        align = "center" if self.rtl and lf.text_centred else None
        style = {"align": align, "anchor": None, **style, "font": self.said("font", lf.body_font)}
        if lf.body_fix is not None and "color" not in style and "text" not in self.theme.where:
            style.update(color=lf.body_fix, own_color=True)  # the template's colour would not read here
        size = self.size("body_size", lf.body_size, least, 72)
        return self.block(role, paras, box, size, least, path, pos, **style)

    def small(self, role: str, text: str, box: Box, align: str = "left") -> TextBlock:
        """A source line or caption: one line of small text in the theme's muted colour."""
        return TextBlock(role, [Para(text)], box, L.SMALL_SIZE, color=self.theme.muted, align=align, rtl=self.rtl)


def mono_for(code: str, theme: Theme) -> str:
    """The monospace family ``code`` is set in: the theme's, or for code holding East Asian characters the
    monospaced face of its East Asian font (Noto Sans Mono CJK JP for Noto Sans CJK JP), whose Latin
    letters and spaces are half as wide as its East Asian characters, so that each of those takes two
    columns and the lines keep their columns (Courier New's 0.6 em beside a 1 em character would not,
    and LibreOffice draws the spaces next to East Asian text in the East Asian font)."""
    if not EAST_ASIAN.search(code):
        return theme.font_mono
    mono = theme.font_cjk.replace("Noto Sans CJK", "Noto Sans Mono CJK", 1)
    return mono if mono != theme.font_cjk and font_file(mono) else theme.font_mono


def with_link_room(para: Para, cs_family: str | None, rtl: bool) -> Para:
    """``para`` with its lines spaced wider by what LibreOffice lifts a line holding a link in a complex
    script (:func:`~talkdeck.text.shaping.link_lift`), so that the link's line stands where a line of text
    would; any other paragraph as it is. PowerPoint shows such a paragraph's lines that much further apart."""
    lift = max((link_lift(run.text, cs_family) for run in para.runs if run.link), default=0.0)
    if not lift or para.spacing is not None:
        return para
    return replace(para, spacing=para_spacing(para, cs_family, rtl) + lift)


def descender_room(paras: list[Para], size: float, cs_family: str | None) -> int:
    """The room, in EMU, to keep under the last of ``paras`` at ``size`` points for the descenders of a complex
    script that reach below the line LibreOffice lays out (0 for most text)."""
    if not paras:
        return 0
    last = paras[-1]
    bold = last.bold or any(run.bold for run in last.runs)
    return round(overhang(last.text, cs_family, bold) * size * L.EMU_PER_PT)


def within(box: Box, area: Box) -> Box:
    """The part of ``box`` inside ``area``, or ``box`` itself when they share nothing."""
    x0, y0 = max(box.x, area.x), max(box.y, area.y)
    x1, y1 = min(box.x + box.w, area.x + area.w), min(box.y + box.h, area.y + area.h)
    return Box(x0, y0, x1 - x0, y1 - y0) if x1 > x0 and y1 > y0 else box


def two_boxes(lf: LayoutFrame, box: Box) -> list[Box]:
    """The layout's two body placeholders, cut at ``box``'s bottom; its one body split in two if it has one."""
    if len(lf.bodies) < 2:
        return box.split(2, L.COLUMN_GAP)
    return [Box(b.x, b.y, b.w, min(b.h, box.y + box.h - b.y)) for b in lf.bodies[:2]]
