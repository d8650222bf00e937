"""plan: Talk → [SlideSpec]: order, numbering, agenda, dividers, notes, timing and fit.

Pure functions on the model: no file is read or written here except font
metrics. Every text block gets its box from :mod:`talkdeck.layout` and its
size from :mod:`talkdeck.text.fit`; the deck writer only places what this decides.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .. import layout as L
from ..charts.describe import chart_notes, describe_chart
from ..charts.labels import fit_labels, label_problem
from ..charts.style import talk_chart_style
from ..errors import Problem
from ..lang.i18n import messages_for
from ..layout import Box
from ..load.assets import image_size
from ..model import SLIDE_KINDS, Bullet, Column, Pos, Section, Slide, Talk, Theme
from ..text.color import large_text_on
from ..text.fit import Para, fit_text, font_stand_in, widest_word
from ..text.markup import Run, collapse, parse, plain_lines
from ..text.script import EAST_ASIAN
from . import timing
from .code import plan_code
from .frame import Frame, LayoutFrame
from .spec import Figure, SlideSpec, TextBlock
from .tables import plan_table

#: Layout each slide kind uses, by the placeholders it needs (see deck.pick_layout).
LAYOUT_OF = {
    "title": "cover", "closing": "cover", "divider": "section", "bio": "content",
    "agenda": "content", "bullets": "content", "quote": "content", "statement": "content",
    "columns": "two", "beside": "beside", "chart": "title_only", "image": "title_only", "table": "title_only",
    "code": "title_only",
}



#: A title longer than this many lines at the floor is warned about.
MAX_TITLE_LINES = 2
#: Room kept under a title's planned lines, in EMU (2 pt): what rounding in the renderer may add.
_TITLE_SLACK = 2 * L.EMU_PER_PT
#: Sources, captions and the footer: their size, and the smallest the footer shrinks to to stay on one line.
SMALL_SIZE = 12
FOOTER_FLOOR = 10
#: The smallest size a template's footer is set at (deck.builder shrinks it that far in its placeholder).
TEMPLATE_FOOTER_FLOOR = 8


def plan_footer(talk: Talk, file: str = "talk.yaml", frame: Frame | None = None) -> tuple[TextBlock, list[Problem]]:
    """The footer of content slides (the talk's ``footer``, else "speaker · title") on one line, shrunk
    down to :data:`FOOTER_FLOOR` if needed; and a warning if it does not fit even then.

    On a template (``frame``) it is measured in the content layout's footer placeholder.
    """
    text = talk.footer or f"{talk.speaker.name} · {talk.title}"
    t = talk.theme
    size = float(SMALL_SIZE)
    on_template = frame is not None and frame.layouts["content"].footer is not None
    box = frame.layouts["content"].footer if on_template else L.FOOTER
    floor = TEMPLATE_FOOTER_FLOOR if on_template else FOOTER_FLOOR
    while True:
        result = fit_text([Para(text)], box, size, size, t.font, t.font_cjk, t.font_mono, talk.language)
        if (result.fits and result.lines == 1) or size - 1 < floor:
            break
        size -= 1
    block = TextBlock("footer", [Para(text)], box, size, color=t.muted, floor=FOOTER_FLOOR)
    if result.lines == 1:
        return block, []
    key = "footer" if talk.footer else "title"
    return block, [Problem(file, talk.pos(key), key, f"the footer takes {result.lines} lines even at {size:g} pt "
                           "(it has room for one); write a shorter 'footer:'", "warning")]


_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")


def prose(text: str | None) -> str:
    """Speaker notes as presenter view should flow them.

    The outline's line breaks (a ``notes: |`` block wraps at 80 columns) join
    into spaces; a blank line starts a new paragraph; a line that starts a list
    item (``- ``, ``1. ``) keeps its own line.
    """
    if not text:
        return ""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        for line in block.splitlines():
            if lines and not _LIST_ITEM.match(line):
                lines[-1] += " " + line.strip()
            else:
                lines.append(line.strip())
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def definition_para(term: str, text: str, level: int = 0, language: str = "") -> Para:
    """A definition point, ``Term: explanation``: the term in bold, a colon (full-width after
    an East Asian term, after a no-break space in French), then the explanation; both may hold
    inline markup."""
    colon = ("：" if EAST_ASIAN.match(term.rstrip()[-1:])
             else "\u00a0: " if language.lower().split("-")[0] == "fr" else ": ")
    runs = tuple(replace(r, bold=True) for r in parse(term)) + (Run(colon),) + parse(text)
    return Para(runs=collapse(runs), level=level, bullet=True)


def _bullet_paras(bullets: list[Bullet], language: str, level: int = 0) -> list[Para]:
    out: list[Para] = []
    for b in bullets:
        out.append(definition_para(b.term, b.text, level, language) if b.term is not None
                   else Para(b.text, level=level, bullet=True))
        out += _bullet_paras(b.children, language, level + 1)
    return out



def _within(box: Box, area: Box) -> Box:
    """The part of ``box`` inside ``area``, or ``box`` itself when they share nothing."""
    x0, y0 = max(box.x, area.x), max(box.y, area.y)
    x1, y1 = min(box.x + box.w, area.x + area.w), min(box.y + box.h, area.y + area.h)
    return Box(x0, y0, x1 - x0, y1 - y0) if x1 > x0 and y1 > y0 else box

class _Planner:
    def __init__(self, talk: Talk, file: str, frame: Frame | None = None):
        self.talk = talk
        self.theme: Theme = talk.theme
        self.file = file
        #: The template's geometry (None: the built-in grid of layout.py).
        self.frame = frame
        self.specs: list[SlideSpec] = []
        self.warnings: list[Problem] = []
        self.m = messages_for(talk)
        self.chart_style = talk_chart_style(talk, self.m)
        if frame is not None:
            for problem in frame.problems:
                self.warnings.append(Problem(file, self.theme.pos("template"), "theme.template",
                                             f"the template cannot hold what talkdeck adds: {problem}", "warning"))
            self._warn_stand_in_fonts(frame)
        self._warn_named_fonts_missing()

    def _warn_stand_in_fonts(self, frame: Frame) -> None:
        """A warning for each font of the template's title and body styles that is not installed here."""
        said = set(self.theme.where)
        fonts = [lf.title_font for lf in frame.layouts.values()] if "font" not in said else []
        fonts += [self.theme.font] if "font" not in said else []
        for family in dict.fromkeys(fonts):
            stand_in = font_stand_in(family)
            if stand_in:
                self.warnings.append(Problem(
                    self.file, self.theme.pos("template"), "theme.template",
                    f"the template's font '{family}' is not installed here: text is fitted (and previewed) in "
                    f"{stand_in}, and may fit differently where the deck is shown; install it, or name an "
                    "installed font in theme.font", "warning"))

    def _warn_named_fonts_missing(self) -> None:
        """A warning at each of ``theme.font``, ``font_cjk`` and ``font_mono`` that the outline names and that
        is not installed here (Segoe UI, Aptos): the text would be fitted and previewed in another font."""
        for key in ("font", "font_cjk", "font_mono"):
            if key not in self.theme.where:
                continue
            family = getattr(self.theme, key)
            stand_in = font_stand_in(family)
            if stand_in:
                self.warnings.append(Problem(
                    self.file, self.theme.pos(key), f"theme.{key}",
                    f"the font '{family}' is not installed here: text is fitted (and previewed) in {stand_in}, "
                    "and may fit differently where the deck is shown; install it, or name an installed font",
                    "warning"))

    # --- geometry ---------------------------------------------------------------------
    def layout_role(self, kind: str, slide: Slide) -> str:
        """The layout role (deck.template.LAYOUT_ROLES) a content slide of ``kind`` is built on.

        One role per kind today; a slide whose content asks for another layout
        (a picture beside its bullets) is decided here.
        """
        return LAYOUT_OF[kind]

    def layout(self, role: str) -> LayoutFrame | None:
        """The template's layout for ``role``, or None on the built-in design."""
        return self.frame.layouts[role] if self.frame is not None else None

    def _said(self, key: str, template_value):
        """The theme's ``key`` if the speaker wrote it, else the template's value (when it has one)."""
        if key in self.theme.where or template_value is None:
            return getattr(self.theme, key)
        return template_value

    def _size(self, key: str, template_size: float | None, floor: float, ceiling: float) -> float:
        return float(min(ceiling, max(floor, round(self._said(key, template_size)))))

    def body_area(self, role: str, with_source: bool) -> Box:
        """Where a slide's body goes (its layout's first body placeholder on a template), above the source line."""
        lf = self.layout(role)
        if lf is None:
            return L.BODY_WITH_SOURCE if with_source else L.BODY
        # Bullets beside a picture share the whole content area, whatever placeholders the layout has.
        box = lf.bodies[0] if lf.bodies and role != "beside" else lf.content
        if lf.bodies and lf.content is not None and box != lf.content:
            # The body placeholder as far as it is clear of the master's drawings (a seal in its corner).
            box = _within(box, lf.content)
        return self._above_source(box, lf) if with_source else box

    @staticmethod
    def _cover_text(lf: LayoutFrame) -> Box:
        """Where a title slide's lines go: its subtitle placeholder, else its first body placeholder."""
        if lf.subtitle or lf.bodies:
            return lf.subtitle or lf.bodies[0]
        return lf.title.below(lf.title.h)  # a title-only title slide: a box of its height under it

    @staticmethod
    def _two_boxes(lf: LayoutFrame, box: Box) -> list[Box]:
        """The layout's two body placeholders, cut at ``box``'s bottom; its one body split in two if it has one."""
        if len(lf.bodies) < 2:
            return box.split(2, L.COLUMN_GAP)
        return [Box(b.x, b.y, b.w, min(b.h, box.y + box.h - b.y)) for b in lf.bodies[:2]]

    def _above_source(self, box: Box, lf: LayoutFrame) -> Box:
        bottom = min(box.y + box.h, self.source_box(lf).y - L.INSET_Y)
        return Box(box.x, box.y, box.w, bottom - box.y)

    def source_box(self, lf: LayoutFrame | None) -> Box:
        """The source line: the built-in grid's, or the bottom strip of the layout's content area."""
        if lf is None:
            return L.SOURCE
        c = lf.content
        return Box(c.x, c.y + c.h - L.SOURCE.h, c.w, L.SOURCE.h)

    # --- text blocks ------------------------------------------------------------------
    def block(self, role: str, paras: list[Para], box: Box, size: float, floor: float,
              spec_path: str = "", pos: Pos = (1, 1), **style) -> TextBlock:
        if role == "title":
            return self.title_block(paras, box, size, floor, spec_path, pos, **style)
        result = fit_text(paras, box, size, floor, style.get("font") or self.theme.font, self.theme.font_cjk,
                          self.theme.font_mono, self.talk.language)
        if not result.fits:
            self.warnings.append(Problem(self.file, pos, spec_path, f"text does not fit its box even at "
                                         f"{floor:g} pt ({role}: {result.lines} lines); shorten it or split the slide",
                                         "warning"))
        return TextBlock(role, paras, box, result.size, result.fits, floor=floor, **style)

    def title_block(self, paras: list[Para], box: Box, size: float, floor: float, spec_path: str, pos: Pos,
                    **style) -> TextBlock:
        """A title at the largest size from ``size`` to ``floor`` at which it takes at most two lines and fits.

        A title that does not is warned about and anchored at its top: LibreOffice
        grows an overfull bottom-anchored box upward, past the slide's top edge.
        """
        t = self.theme
        size = float(size)
        # The built-in design sets section titles in capitals (its layout's cap="all"): measure what is drawn.
        measured = [replace(p, runs=tuple(replace(r, text=r.text.upper()) for r in p.runs)) for p in paras
                    ] if style.pop("caps", False) else paras
        font = style.get("font") or t.font
        room = (box.w - 2 * L.INSET_X) / L.EMU_PER_PT
        # A template's title box made for more lines at its own size (a tall title at the slide's side) holds them.
        most = MAX_TITLE_LINES if self.frame is None else max(
            MAX_TITLE_LINES, int((box.h - 2 * L.INSET_Y) / L.EMU_PER_PT // (size * L.LINE_SPACING)))
        while True:
            result = fit_text(measured, box, size, size, font, t.font_cjk, t.font_mono, self.talk.language)
            # A word wider than the box would be cut in two (a narrow title placeholder at a template's side).
            whole = all(widest_word(p, size, font, t.font_cjk, t.font_mono, self.talk.language) <= room
                        for p in measured)
            if (result.fits and result.lines <= most and whole) or size - 1 < floor:
                break
            size -= 1
        fits = result.fits and result.lines <= most and whole
        if not whole:
            self.warnings.append(Problem(self.file, pos, spec_path, f"a word of the title is too wide for its box "
                                         f"even at {size:g} pt, and would be cut in two; shorten it", "warning"))
        elif not fits:
            self.warnings.append(Problem(self.file, pos, spec_path, f"title takes {result.lines} lines even at "
                                         f"{size:g} pt (at most {most} fit); shorten it", "warning"))
            style["anchor"] = "top"
        elif style.get("anchor") == "bottom":
            h = min(box.h, round(result.height_pt * L.EMU_PER_PT) + 2 * L.INSET_Y + _TITLE_SLACK)
            if box.y + box.h - h - round(size * L.LINE_SPACING * L.EMU_PER_PT) < 0:
                # A line more than measured, drawn upward, would leave the slide: the box is shrunk to the
                # planned lines and anchored at its top, where a bottom anchor would put the text, so that
                # such a line goes down instead.
                box = Box(box.x, box.y + box.h - h, box.w, h)
                style["anchor"] = "top"
        return TextBlock("title", paras, box, size, fits, floor=floor, **style)

    def title(self, text: str, path: str, pos: Pos, box: Box = L.TITLE, role: str = "content",
              **style) -> TextBlock:
        """A slide's title: in the built-in grid's ``box``, or in the title placeholder of the layout for ``role``,
        in its font, colour, weight and capitals."""
        t = self.theme
        lf = self.layout(role)
        if lf is None:
            return self.block("title", [Para(text, bold=True)], box, t.title_size, t.min_title_size, path, pos,
                              anchor="bottom", **style)
        size = self._size("title_size", lf.title_size, t.min_title_size, 96)
        return self.block("title", [Para(text, bold=lf.title_bold)], lf.title, size, t.min_title_size, path, pos,
                          align=None, anchor=None, font=self._said("font", lf.title_font), color=lf.title_color,
                          caps=lf.title_caps)

    def body(self, paras: list[Para], path: str, pos: Pos, box: Box = L.BODY, role: str = "body",
             layout: str = "content", **style) -> TextBlock:
        t = self.theme
        lf = self.layout(layout)
        if lf is None:
            return self.block(role, paras, box, t.body_size, t.min_body_size, path, pos, **style)
        style = {"align": None, "anchor": None, **style, "font": self._said("font", lf.body_font)}
        size = self._size("body_size", lf.body_size, t.min_body_size, 72)
        return self.block(role, paras, box, size, t.min_body_size, path, pos, **style)

    def small(self, role: str, text: str, box: Box, align: str = "left") -> TextBlock:
        return TextBlock(role, [Para(text)], box, SMALL_SIZE, color=self.theme.muted, align=align)

    def add(self, spec: SlideSpec) -> None:
        spec.number = len(self.specs) + 1
        self.specs.append(spec)

    # --- the talk ---------------------------------------------------------------------
    def plan(self) -> list[SlideSpec]:
        talk = self.talk
        self.add(self.cover_slide())
        if talk.bio_position == "start":
            self.add(self.bio_slide())
        if talk.intro:
            for slide in talk.intro.slides:
                self.add(self.content_slide(-1, slide))
        self.add(self.agenda_slide())
        for i, section in enumerate(talk.sections):
            self.add(self.divider_slide(i, section))
            for slide in section.slides:
                self.add(self.content_slide(i, slide))
        if talk.bio_position == "end":
            self.add(self.bio_slide())
        self.add(self.closing_slide())
        timing.schedule(talk, self.specs)
        total = len(self.specs)
        for spec in self.specs:
            parts = (timing.cue(spec, self.m), spec.notes.strip(),
                     self.m("notes_slide_number", number=spec.number, total=total))
            spec.notes = "\n\n".join(part for part in parts if part)
            spec.notes = plain_lines(spec.notes)
        return self.specs

    def cover_slide(self) -> SlideSpec:
        talk, m = self.talk, self.m
        details = [talk.speaker.name] + [x for x in (talk.event, talk.date and m.date(talk.date)) if x]
        cover = self.layout("cover")
        if cover is not None and len(cover.bodies) >= len(details):
            # A title slide with a text placeholder for each line (speaker, event, date), as institutions'
            # often have: one line in each, the subtitle in the subtitle placeholder.
            texts = [self.title(talk.title, "title", talk.pos("title"), role="cover")]
            if talk.subtitle:
                texts.append(self.body([Para(talk.subtitle)], "subtitle", talk.pos("subtitle"),
                                       self._cover_text(cover), role="subtitle", layout="cover"))
            texts += [self.body([Para(x)], "speaker", talk.speaker.pos(), box, role="details", layout="cover")
                      for x, box in zip(details, cover.bodies)]
        elif cover is not None:  # the layout's title and subtitle placeholders hold it all
            lines = ([Para(talk.subtitle)] if talk.subtitle else []) + [Para(x) for x in details]
            texts = [self.title(talk.title, "title", talk.pos("title"), role="cover"),
                     self.body(lines, "subtitle" if talk.subtitle else "speaker",
                               talk.pos("subtitle") if talk.subtitle else talk.speaker.pos(),
                               self._cover_text(cover), role="subtitle", layout="cover")]
        else:
            texts = [self.block("title", [Para(talk.title, bold=True)], L.COVER_TITLE, 44,
                                self.theme.min_title_size, "title", talk.pos("title"), align="center",
                                anchor="bottom")]
            if talk.subtitle:
                texts.append(self.body([Para(talk.subtitle)], "subtitle", talk.pos("subtitle"), L.COVER_SUBTITLE,
                                       role="subtitle", align="center", color=self.theme.muted))
            texts.append(self.body([Para(x) for x in details], "speaker", talk.speaker.pos(), L.COVER_DETAILS,
                                   role="details", align="center"))
        notes = m.sentences(
            m("notes_title_subtitle", title=talk.title, subtitle=talk.subtitle) if talk.subtitle
            else m("notes_title", title=talk.title),
            m("notes_speaker", name=talk.speaker.name),
            talk.event and m("notes_event", event=talk.event),
            talk.duration and m("notes_length", minutes=m.count("minutes_count", talk.duration),
                                parts=m.count("parts_count", len(talk.sections))))
        return SlideSpec("title", talk.title, 0, notes, LAYOUT_OF["title"], texts, footer=False,
                         path="title", pos=talk.pos("title"))

    def bio_slide(self) -> SlideSpec:
        sp, m = self.talk.speaker, self.m
        lines = [Para(x, bold=True) for x in [sp.role] if x] + [Para(a) for a in sp.affiliations] + [Para(sp.bio)]
        # On a template, a photo takes the second placeholder of the two-content layout.
        role = "two" if sp.photo and self.frame is not None else LAYOUT_OF["bio"]
        lf = self.layout(role)
        box = (L.BIO_TEXT if sp.photo else L.BODY) if lf is None else (
            self._two_boxes(lf, self.body_area(role, False))[0] if sp.photo else self.body_area(role, False))
        texts = [self.title(sp.name, "speaker.name", sp.pos("name"), role=role),
                 self.body(lines, "speaker.bio", sp.pos("bio"), box, layout=role)]
        who = m("speaker_role", name=sp.name, role=sp.role) if sp.role else sp.name
        if sp.affiliations:
            who = m("speaker_affiliations", who=who, affiliations=m.names(sp.affiliations))
        notes = prose(sp.notes) or m("notes_about", who=who)
        spec = SlideSpec("bio", sp.name, 0, notes, role, texts, path="speaker", pos=sp.pos(),
                         said=prose(sp.notes))
        if sp.photo and self.talk.base_dir:
            photo_box = L.BIO_PHOTO if lf is None else self._two_boxes(lf, lf.bodies[0])[1]
            spec.figures.append(Figure(photo_box, sp.photo_alt or m("portrait_alt", name=sp.name),
                                       image=(self.talk.base_dir / sp.photo).resolve()))
        return spec

    def agenda_slide(self) -> SlideSpec:
        m = self.m
        paras = [Para(m("agenda_item_minutes", number=i + 1, title=s.title, minutes=s.minutes) if s.minutes
                      else m("agenda_item", number=i + 1, title=s.title)) for i, s in enumerate(self.talk.sections)]
        notes = m.sentences(m("notes_agenda"), *(
            m("notes_agenda_part_minutes", number=i + 1, title=s.title, minutes=m.count("minutes_count", s.minutes))
            if s.minutes else m("notes_agenda_part", number=i + 1, title=s.title)
            for i, s in enumerate(self.talk.sections)))
        title = m("agenda")
        box, pos, warned = self.body_area("content", False), self.talk.pos("sections"), len(self.warnings)
        body = self.body(paras, "sections", pos, box)
        if not body.fits:
            # A long agenda (a lecture of a dozen parts) sets its lines without the space between points.
            del self.warnings[warned:]
            body = self.body([replace(p, tight=True) for p in paras], "sections", pos, box)
        texts = [self.title(title, "sections", pos), body]
        return SlideSpec("agenda", title, 0, notes, LAYOUT_OF["agenda"], texts, path="sections",
                         pos=self.talk.pos("sections"))

    def divider_slide(self, i: int, section: Section) -> SlideSpec:
        n, m = len(self.talk.sections), self.m
        lf = self.layout("section")
        texts = [self.title(section.title, f"{section.path}.title", section.pos("title"), L.DIVIDER_TITLE,
                            role="section", **({"caps": True} if lf is None else {}))]
        body = [Para(m("part_of", number=i + 1, total=n))] + ([Para(section.summary)] if section.summary else [])
        if lf is None:  # the built-in divider: capitals on the accent colour, white unless it cannot be read
            texts[0].color = large_text_on(self.theme.accent)
            texts.append(self.body(body, section.path, section.pos(), L.DIVIDER_BODY, color=texts[0].color))
        else:  # the template's section header, as designed
            texts.append(self.body(body, section.path, section.pos(), self.body_area("section", False),
                                   layout="section"))
        titles = m.join((self.slide_title(s) for s in section.slides), "group_separator")
        notes = prose(section.notes) or m.sentences(
            m("notes_part", number=i + 1, total=n, title=section.title),
            section.summary and m("notes_covers", summary=section.summary.rstrip(".。")),
            section.minutes and m("notes_budget", minutes=m.count("minutes_count", section.minutes)),
            m("notes_slides", titles=titles))
        return SlideSpec("divider", section.title, 0, notes, LAYOUT_OF["divider"], texts, footer=False,
                         section=i, path=section.path, pos=section.pos(),
                         background=self.theme.accent if lf is None else None,
                         said=prose(section.notes))

    def closing_slide(self) -> SlideSpec:
        c, talk = self.talk.closing, self.talk
        title = c.title or self.m("closing_title")
        details = [Para(c.text)] if c.text else [Para(f"{talk.speaker.name} · {talk.title}")]
        cover = self.layout("cover")
        if cover is not None:
            texts = [self.title(title, "closing.title", c.pos("title"), role="cover"),
                     self.body(details, "closing", c.pos(), self._cover_text(cover), role="subtitle",
                               layout="cover")]
        else:
            texts = [self.block("title", [Para(title, bold=True)], L.COVER_TITLE, 44, self.theme.min_title_size,
                                "closing.title", c.pos("title"), align="center", anchor="bottom"),
                     self.body(details, "closing", c.pos(), L.COVER_DETAILS, role="details", align="center")]
        notes = prose(c.notes) or self.m("notes_closing")
        return SlideSpec("closing", title, 0, notes, LAYOUT_OF["closing"], texts, footer=False,
                         path="closing", pos=c.pos(), said=prose(c.notes))

    def slide_title(self, slide: Slide) -> str:
        """The title ``slide`` shows: its own, else (an untitled quote) "Quote". Not the quote's author: the
        author is always shown under the quote, and a title repeating them (a long `by:`, twice) reads as a slip."""
        return slide.title or self.m("quote_title")

    def content_slide(self, i: int, slide: Slide) -> SlideSpec:
        kind = slide.kind
        title = self.slide_title(slide)
        said = prose(slide.notes)
        spec = SlideSpec(kind, title, 0, said, self.layout_role(kind, slide), section=i, path=slide.path,
                         said=said, pos=slide.pos())
        spec.texts.append(self.title(title, f"{slide.path}.title", slide.pos("title"), role=spec.layout))
        source = slide.source
        shows_chart = slide.chart is not None or any(c.chart for c in slide.columns or [])
        body_box = self.body_area(spec.layout, bool(source or shows_chart))
        self._FILL[kind](self, spec, slide, body_box)
        charts = [f.chart for f in spec.figures if f.chart is not None]
        if charts and not source:
            source = self.m.join(dict.fromkeys(c.source for c in charts), "group_separator")
        if source:
            spec.texts.append(self.small("source", self.m("source", source=source),
                                         self.source_box(self.layout(spec.layout))))
        return spec

    def _fill_bullets(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        points = _bullet_paras(slide.bullets, self.talk.language)
        spec.texts.append(self.body(points, f"{slide.path}.bullets", slide.pos("bullets"), box, layout=spec.layout))

    def _fill_columns(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        lf = self.layout(spec.layout)
        boxes = box.split(2, L.COLUMN_GAP) if lf is None else self._two_boxes(lf, box)
        for n, (col, col_box) in enumerate(zip(slide.columns, boxes)):
            heading = [Para(col.heading, bold=True)] if col.heading else []
            if col.bullets is not None:
                points = heading + _bullet_paras(col.bullets, self.talk.language)
                spec.texts.append(self.body(points, col.path, col.pos(), col_box,
                                            role=f"column{n + 1}", layout=spec.layout))
                continue
            if heading:
                head_box = Box(col_box.x, col_box.y, col_box.w, L.HEADING_H)
                spec.texts.append(self.body(heading, f"{col.path}.heading", col.pos("heading"), head_box,
                                            role=f"column{n + 1}", layout=spec.layout))
                col_box = Box(col_box.x, col_box.y + L.HEADING_H, col_box.w, col_box.h - L.HEADING_H)
            self.figure(spec, col, col_box, None, top=True)

    def _fill_beside(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        side = slide.figure_side or "right"
        text_box, figure_box = L.beside(box, side)
        size = self._image_size(slide)
        if size is not None:
            # A picture narrower than its half (a portrait) gives the width it does not use to the text.
            pic_h = figure_box.h - (L.CAPTION_H if slide.caption else 0)
            spare = figure_box.w - L.contain(Box(0, 0, figure_box.w, pic_h), *size).w
            if spare > 0:
                if side == "right":
                    text_box = Box(text_box.x, text_box.y, text_box.w + spare, text_box.h)
                    figure_box = Box(figure_box.x + spare, figure_box.y, figure_box.w - spare, figure_box.h)
                else:
                    text_box = Box(text_box.x - spare, text_box.y, text_box.w + spare, text_box.h)
                    figure_box = Box(figure_box.x, figure_box.y, figure_box.w - spare, figure_box.h)
        spec.texts.append(self.body(_bullet_paras(slide.bullets, self.talk.language), f"{slide.path}.bullets", slide.pos("bullets"),
                                    text_box, layout=spec.layout))
        self.figure(spec, slide, figure_box, slide.caption)

    def _image_path(self, shown: Slide | Column) -> Path:
        return (self.talk.base_dir / shown.image).resolve() if self.talk.base_dir else Path(shown.image)

    def _image_size(self, shown: Slide | Column) -> tuple[int, int] | None:
        """The pixel size of ``shown``'s image (None for a chart, or a picture that cannot be read)."""
        return image_size(self._image_path(shown)) if shown.image and shown.chart is None else None

    def figure(self, spec: SlideSpec, shown: Slide | Column, box: Box, caption: str | None,
               top: bool = False) -> None:
        """Put ``shown``'s chart or image in ``box`` (with ``caption`` under it; at its top if ``top``, as a
        column's picture stands under its heading like the other column's text); a chart's data goes in the notes."""
        size = self._image_size(shown)
        if top and size is not None:
            pic = L.contain(box, *size)
            box = Box(pic.x, box.y, pic.w, pic.h)
        if caption and size is not None:
            # The picture and its caption as one group, centred: the caption right under the picture,
            # however wide the picture is.
            pic = L.contain(Box(box.x, box.y, box.w, box.h - L.CAPTION_H), *size)
            top = box.y + (box.h - pic.h - L.CAPTION_H) // 2
            spec.texts.append(self.small("caption", caption, Box(box.x, top + pic.h, box.w, L.CAPTION_H), "center"))
            box = Box(pic.x, top, pic.w, pic.h)
        elif caption:
            box = Box(box.x, box.y, box.w, box.h - L.CAPTION_H)
            spec.texts.append(self.small("caption", caption, box.below(L.CAPTION_H), "center"))
        if shown.chart is None:
            spec.figures.append(Figure(box, "" if shown.decorative else (shown.alt or ""),
                                       image=self._image_path(shown)))
            return
        chart = self.talk.charts[shown.chart]
        spec.figures.append(Figure(box, describe_chart(chart, self.m), chart=chart, chart_name=shown.chart))
        # The labels' room is decided from font metrics, as the drawing will: warn here, at the chart's line.
        problem = label_problem(chart, fit_labels(chart, self.chart_style, box))
        if problem and not any(w.path == chart.path and w.message == problem for w in self.warnings):
            self.warnings.append(Problem(self.file, chart.pos(), chart.path, problem, "warning"))
        spec.notes = (spec.notes.strip() + "\n\n" + chart_notes(chart, self.m)).strip()

    def _large(self, spec: SlideSpec, paras: list[Para], size: float, path: str, pos: Pos, box: Box) -> None:
        """A statement or quote, large and centred: in the built-in grid's middle, or the body placeholder."""
        lf = self.layout(spec.layout)
        style = {} if lf is None else {"font": self._said("font", lf.body_font)}
        spec.texts.append(self.block("body", paras, L.QUOTE_BODY if lf is None else box, size,
                                     self.theme.min_body_size, path, pos, align="center", anchor="middle", **style))

    def _fill_statement(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        lines = [line for line in (slide.statement or "").strip().split("\n") if line.strip()]
        if len(lines) > 1:  # a `statement: |` block holding code, say
            self.warnings.append(Problem(self.file, slide.pos("statement"), f"{slide.path}.statement",
                                         f"a statement is one sentence: its {len(lines)} lines are joined into one; "
                                         "for code or other text whose lines matter, write 'code:'", "warning"))
        self._large(spec, [Para(slide.statement, bold=True)], 40, f"{slide.path}.statement", slide.pos("statement"),
                    box)

    def _fill_quote(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        # On a template the author is a line of the body placeholder, under the quote.
        by = [Para(self.m("quote_by", author=slide.by))] if slide.by and self.frame is not None else []
        self._large(spec, [Para(self.m("quote", quote=slide.quote.strip()), italic=True)] + by, 36,
                    f"{slide.path}.quote", slide.pos("quote"), box)
        if slide.by and not by:
            spec.texts.append(self.body([Para(self.m("quote_by", author=slide.by))], f"{slide.path}.by",
                                        slide.pos("by"), L.QUOTE_BY, role="by", align="center",
                                        color=self.theme.muted))

    def _fill_code(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        block, problems = plan_code(slide, box, self.theme, self.talk.language, self.file)
        spec.texts.append(block)
        self.warnings += problems

    def _fill_chart(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        self.figure(spec, slide, box, slide.caption)

    def _fill_image(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        self.figure(spec, slide, box, slide.caption)

    def _fill_table(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        spec.table = plan_table(slide.table, box, self.theme, self.talk.language)
        for message in spec.table.problems:
            self.warnings.append(Problem(self.file, slide.pos("table"), f"{slide.path}.table", message, "warning"))


#: One filler per slide kind, each placing that kind's body in the slide.
_Planner._FILL = {kind: getattr(_Planner, f"_fill_{kind}") for kind in (*SLIDE_KINDS, "beside")}


def plan_slides(talk: Talk, file: str = "talk.yaml", frame: Frame | None = None
                ) -> tuple[list[SlideSpec], list[Problem]]:
    """The deck's slides in order, and warnings (text that does not fit) with their lines.

    ``frame`` is the template's geometry (deck.read_frame): text is fitted to
    its layouts' placeholders; without one, to the built-in grid.
    """
    planner = _Planner(talk, file, frame)
    specs = planner.plan()
    return specs, planner.warnings + plan_footer(talk, file, frame)[1]
