"""plan: Talk → [SlideSpec]: order, numbering, agenda, dividers, notes, timing and fit.

Pure functions on the model: no file is read or written here except font
metrics. Every text block gets its box from :mod:`talkdeck.layout` and its
size from :mod:`talkdeck.fit`; the deck writer only places what this decides.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from . import layout as L
from . import timing
from .errors import Problem
from .charts.describe import chart_notes, describe_chart
from .charts.labels import fit_labels, label_problem
from .charts.style import chart_style
from .i18n import messages_for
from .fit import Para, fit_text
from .spec import Figure, SlideSpec, TextBlock
from .tables import plan_table
from .layout import Box
from .model import SLIDE_KINDS, Bullet, Column, Pos, Section, Slide, Talk, Theme


#: Layout each slide kind uses, by the placeholders it needs (see deck.pick_layout).
LAYOUT_OF = {
    "title": "cover", "closing": "cover", "divider": "section", "bio": "content",
    "agenda": "content", "bullets": "content", "quote": "content", "statement": "content",
    "columns": "two", "beside": "beside", "chart": "title_only", "image": "title_only", "table": "title_only",
}


#: A title longer than this many lines at the floor is warned about.
MAX_TITLE_LINES = 2
#: Room kept under a title's planned lines, in EMU (2 pt): what rounding in the renderer may add.
_TITLE_SLACK = 2 * L.EMU_PER_PT
#: Sources, captions and the footer: their size, and the smallest the footer shrinks to to stay on one line.
SMALL_SIZE = 12
FOOTER_FLOOR = 10


def plan_footer(talk: Talk, file: str = "talk.yaml") -> tuple[TextBlock, list[Problem]]:
    """The footer of content slides (the talk's ``footer``, else "speaker · title") on one line, shrunk
    down to :data:`FOOTER_FLOOR` if needed; and a warning if it does not fit even then."""
    text = talk.footer or f"{talk.speaker.name} · {talk.title}"
    t = talk.theme
    size = float(SMALL_SIZE)
    while True:
        result = fit_text([Para(text)], L.FOOTER, size, size, t.font, t.font_cjk)
        if (result.fits and result.lines == 1) or size - 1 < FOOTER_FLOOR:
            break
        size -= 1
    block = TextBlock("footer", [Para(text)], L.FOOTER, size, color=t.muted, floor=FOOTER_FLOOR)
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


def _bullet_paras(bullets: list[Bullet], level: int = 0) -> list[Para]:
    out: list[Para] = []
    for b in bullets:
        out.append(Para(b.text, level=level, bullet=True))
        out += _bullet_paras(b.children, level + 1)
    return out


class _Planner:
    def __init__(self, talk: Talk, file: str):
        self.talk = talk
        self.theme: Theme = talk.theme
        self.file = file
        self.specs: list[SlideSpec] = []
        self.warnings: list[Problem] = []
        self.m = messages_for(talk)

    # --- text blocks ------------------------------------------------------------------
    def block(self, role: str, paras: list[Para], box: Box, size: float, floor: float,
              spec_path: str = "", pos: Pos = (1, 1), **style) -> TextBlock:
        if role == "title":
            return self.title_block(paras, box, size, floor, spec_path, pos, **style)
        result = fit_text(paras, box, size, floor, self.theme.font, self.theme.font_cjk)
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
        measured = [dataclasses.replace(p, text=p.text.upper()) for p in paras] if style.pop("caps", False) else paras
        while True:
            result = fit_text(measured, box, size, size, t.font, t.font_cjk)
            if (result.fits and result.lines <= MAX_TITLE_LINES) or size - 1 < floor:
                break
            size -= 1
        fits = result.fits and result.lines <= MAX_TITLE_LINES
        if not fits:
            self.warnings.append(Problem(self.file, pos, spec_path, f"title takes {result.lines} lines even at "
                                         f"{size:g} pt (at most {MAX_TITLE_LINES} fit); shorten it", "warning"))
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

    def title(self, text: str, path: str, pos: Pos, box: Box = L.TITLE, **style) -> TextBlock:
        t = self.theme
        return self.block("title", [Para(text, bold=True)], box, t.title_size, t.min_title_size, path, pos,
                          anchor="bottom", **style)

    def body(self, paras: list[Para], path: str, pos: Pos, box: Box = L.BODY, role: str = "body",
             **style) -> TextBlock:
        t = self.theme
        return self.block(role, paras, box, t.body_size, t.min_body_size, path, pos, **style)

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
            cue = timing.cue(spec, self.m)
            spec.notes = (cue + "\n\n" + spec.notes) if cue else spec.notes
            spec.notes = spec.notes.strip() + "\n\n" + self.m("notes_slide_number", number=spec.number, total=total)
        return self.specs

    def cover_slide(self) -> SlideSpec:
        talk, m = self.talk, self.m
        details = [talk.speaker.name] + [x for x in (talk.event, talk.date and m.date(talk.date)) if x]
        texts = [self.block("title", [Para(talk.title, bold=True)], L.COVER_TITLE, 44, self.theme.min_title_size,
                            "title", talk.pos("title"), align="center", anchor="bottom")]
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
        box = L.BIO_TEXT if sp.photo else L.BODY
        texts = [self.title(sp.name, "speaker.name", sp.pos("name")),
                 self.body(lines, "speaker.bio", sp.pos("bio"), box)]
        who = m("speaker_role", name=sp.name, role=sp.role) if sp.role else sp.name
        if sp.affiliations:
            who = m("speaker_affiliations", who=who, affiliations=m.names(sp.affiliations))
        notes = prose(sp.notes) or m("notes_about", who=who)
        spec = SlideSpec("bio", sp.name, 0, notes, LAYOUT_OF["bio"], texts, path="speaker", pos=sp.pos(),
                         said=prose(sp.notes))
        if sp.photo and self.talk.base_dir:
            spec.figures.append(Figure(L.BIO_PHOTO, sp.photo_alt or m("portrait_alt", name=sp.name),
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
        texts = [self.title(title, "sections", self.talk.pos("sections")),
                 self.body(paras, "sections", self.talk.pos("sections"))]
        return SlideSpec("agenda", title, 0, notes, LAYOUT_OF["agenda"], texts, path="sections",
                         pos=self.talk.pos("sections"))

    def divider_slide(self, i: int, section: Section) -> SlideSpec:
        n, m = len(self.talk.sections), self.m
        texts = [self.title(section.title, f"{section.path}.title", section.pos("title"), L.DIVIDER_TITLE,
                            caps=not self.theme.template)]
        texts[0].color = "#FFFFFF"
        body = [Para(m("part_of", number=i + 1, total=n))] + ([Para(section.summary)] if section.summary else [])
        texts.append(self.body(body, section.path, section.pos(), L.DIVIDER_BODY, color="#FFFFFF"))
        titles = m.join((s.title or s.quote or "" for s in section.slides), "group_separator")
        notes = prose(section.notes) or m.sentences(
            m("notes_part", number=i + 1, total=n, title=section.title),
            section.summary and m("notes_covers", summary=section.summary.rstrip(".。")),
            section.minutes and m("notes_budget", minutes=m.count("minutes_count", section.minutes)),
            m("notes_slides", titles=titles))
        return SlideSpec("divider", section.title, 0, notes, LAYOUT_OF["divider"], texts, footer=False,
                         section=i, path=section.path, pos=section.pos(), background=self.theme.accent,
                         said=prose(section.notes))

    def closing_slide(self) -> SlideSpec:
        c, talk = self.talk.closing, self.talk
        title = c.title or self.m("closing_title")
        texts = [self.block("title", [Para(title, bold=True)], L.COVER_TITLE, 44, self.theme.min_title_size,
                            "closing.title", c.pos("title"), align="center", anchor="bottom")]
        details = [Para(c.text)] if c.text else [Para(f"{talk.speaker.name} · {talk.title}")]
        texts.append(self.body(details, "closing", c.pos(), L.COVER_DETAILS,
                               role="details", align="center"))
        notes = prose(c.notes) or self.m("notes_closing")
        return SlideSpec("closing", title, 0, notes, LAYOUT_OF["closing"], texts, footer=False,
                         path="closing", pos=c.pos(), said=prose(c.notes))

    def content_slide(self, i: int, slide: Slide) -> SlideSpec:
        kind = slide.kind
        # An untitled quote is titled by its author, who is then not repeated under it.
        title = slide.title or slide.by or self.m("quote_title")
        said = prose(slide.notes)
        spec = SlideSpec(kind, title, 0, said, LAYOUT_OF[kind], section=i, path=slide.path, said=said,
                         pos=slide.pos())
        spec.texts.append(self.title(title, f"{slide.path}.title", slide.pos("title")))
        source = slide.source
        shows_chart = slide.chart is not None or any(c.chart for c in slide.columns or [])
        body_box = L.BODY_WITH_SOURCE if source or shows_chart else L.BODY
        self._FILL[kind](self, spec, slide, body_box)
        charts = [f.chart for f in spec.figures if f.chart is not None]
        if charts and not source:
            source = self.m.join(dict.fromkeys(c.source for c in charts), "group_separator")
        if source:
            spec.texts.append(self.small("source", self.m("source", source=source), L.SOURCE))
        return spec

    def _fill_bullets(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        spec.texts.append(self.body(_bullet_paras(slide.bullets), f"{slide.path}.bullets", slide.pos("bullets"), box))

    def _fill_columns(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        for n, (col, col_box) in enumerate(zip(slide.columns, box.split(2, L.COLUMN_GAP))):
            heading = [Para(col.heading, bold=True)] if col.heading else []
            if col.bullets is not None:
                spec.texts.append(self.body(heading + _bullet_paras(col.bullets), col.path, col.pos(), col_box,
                                            role=f"column{n + 1}"))
                continue
            if heading:
                head_box = Box(col_box.x, col_box.y, col_box.w, L.HEADING_H)
                spec.texts.append(self.body(heading, f"{col.path}.heading", col.pos("heading"), head_box,
                                            role=f"column{n + 1}"))
                col_box = Box(col_box.x, col_box.y + L.HEADING_H, col_box.w, col_box.h - L.HEADING_H)
            self.figure(spec, col, col_box, None)

    def _fill_beside(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        text_box, figure_box = L.beside(box, slide.figure_side or "right")
        spec.texts.append(self.body(_bullet_paras(slide.bullets), f"{slide.path}.bullets", slide.pos("bullets"),
                                    text_box))
        self.figure(spec, slide, figure_box, slide.caption)

    def figure(self, spec: SlideSpec, shown: Slide | Column, box: Box, caption: str | None) -> None:
        """Put ``shown``'s chart or image in ``box`` (with ``caption`` under it); a chart's data goes in the notes."""
        if caption:
            box = Box(box.x, box.y, box.w, box.h - L.CAPTION_H)
            spec.texts.append(self.small("caption", caption, box.below(L.CAPTION_H), "center"))
        if shown.chart is None:
            image = (self.talk.base_dir / shown.image).resolve() if self.talk.base_dir else Path(shown.image)
            spec.figures.append(Figure(box, "" if shown.decorative else (shown.alt or ""), image=image))
            return
        chart = self.talk.charts[shown.chart]
        spec.figures.append(Figure(box, describe_chart(chart, self.m), chart=chart, chart_name=shown.chart))
        # The labels' room is decided from font metrics, as the drawing will: warn here, at the chart's line.
        problem = label_problem(chart, fit_labels(chart, chart_style(self.theme, self.talk.language), box))
        if problem and not any(w.path == chart.path and w.message == problem for w in self.warnings):
            self.warnings.append(Problem(self.file, chart.pos(), chart.path, problem, "warning"))
        spec.notes = (spec.notes.strip() + "\n\n" + chart_notes(chart, self.m)).strip()

    def _fill_statement(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        spec.texts.append(self.block("body", [Para(slide.statement, bold=True)], L.QUOTE_BODY, 40,
                                     self.theme.min_body_size, f"{slide.path}.statement", slide.pos("statement"),
                                     align="center", anchor="middle"))

    def _fill_quote(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        spec.texts.append(self.block("body", [Para(self.m("quote", quote=slide.quote.strip()), italic=True)], L.QUOTE_BODY, 36,
                                     self.theme.min_body_size, f"{slide.path}.quote", slide.pos("quote"),
                                     align="center", anchor="middle"))
        if slide.by:
            spec.texts.append(self.body([Para(self.m("quote_by", author=slide.by))], f"{slide.path}.by",
                                        slide.pos("by"), L.QUOTE_BY, role="by", align="center",
                                        color=self.theme.muted))

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


def plan_slides(talk: Talk, file: str = "talk.yaml") -> tuple[list[SlideSpec], list[Problem]]:
    """The deck's slides in order, and warnings (text that does not fit) with their lines."""
    planner = _Planner(talk, file)
    specs = planner.plan()
    return specs, planner.warnings + plan_footer(talk, file)[1]
