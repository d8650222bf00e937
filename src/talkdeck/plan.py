"""plan: Talk → [SlideSpec]: order, numbering, agenda, dividers, notes, timing and fit.

Pure functions on the model: no file is read or written here except font
metrics. Every text block gets its box from :mod:`talkdeck.layout` and its
size from :mod:`talkdeck.fit`; the deck writer only places what this decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import layout as L
from . import timing
from .errors import Problem
from .i18n import Messages, messages_for
from .fit import Para, fit_text, wrap
from .layout import Box
from .model import SLIDE_KINDS, Bullet, Chart, Pos, Section, Slide, Talk, Theme


@dataclass
class TextBlock:
    """Paragraphs in a box at a size chosen to fit; ``role`` picks the placeholder."""

    role: str
    paras: list[Para]
    box: Box
    size: float
    fits: bool = True
    color: str | None = None
    align: str = "left"
    anchor: str = "top"


@dataclass
class SlideSpec:
    """Everything the deck writer needs for one slide."""

    kind: str
    title: str
    number: int
    notes: str
    layout: str
    texts: list[TextBlock] = field(default_factory=list)
    footer: bool = True
    section: int | None = None
    path: str = ""
    pos: Pos = (1, 1)
    chart_name: str | None = None
    chart: Chart | None = None
    chart_alt: str = ""
    image: Path | None = None
    image_alt: str = ""
    figure_box: Box | None = None
    table: list[list[str]] | None = None
    table_size: float = 18
    table_rows_pt: list[float] = field(default_factory=list)
    background: str | None = None
    #: The speaker's own notes (empty for what talkdeck generates): what timing counts.
    said: str = ""
    start_min: float | None = None
    end_min: float | None = None
    span: tuple[float, float] | None = None

    def text(self, role: str) -> TextBlock | None:
        """The block with ``role``, if the slide has one."""
        return next((t for t in self.texts if t.role == role), None)


#: Layout each slide kind uses, by the placeholders it needs (see deck.pick_layout).
LAYOUT_OF = {
    "title": "cover", "closing": "cover", "divider": "section", "bio": "content",
    "agenda": "content", "bullets": "content", "quote": "content", "statement": "content",
    "columns": "two", "chart": "title_only", "image": "title_only", "table": "title_only",
}


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


def describe_chart(chart: Chart, m: Messages | None = None) -> str:
    """Alt text for a chart, generated from its data, in the words of ``m`` (English by default)."""
    m = m or Messages()
    categories, series = chart.table()
    if chart.data is not None:
        values = m.join(f"{c} {m.number(v)}" for c, v in chart.data.items())
    else:
        values = m.join((m("label_value", label=name, value=m.join(f"{c} {m.number(v)}" for c, v in zip(categories, vs)))
                         for name, vs in series.items()), "group_separator")
    return m("chart_alt", kind=m(f"chart_{chart.type}"), title=m.heading(chart.title, chart.unit), values=values,
             source=chart.source)


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
        result = fit_text(paras, box, size, floor, self.theme.font, self.theme.font_cjk)
        if not result.fits:
            self.warnings.append(Problem(self.file, pos, spec_path, f"text does not fit its box even at "
                                         f"{floor:g} pt ({role}: {result.lines} lines); shorten it or split the slide",
                                         "warning"))
        return TextBlock(role, paras, box, result.size, result.fits, **style)

    def title(self, text: str, path: str, pos: Pos, box: Box = L.TITLE) -> TextBlock:
        t = self.theme
        return self.block("title", [Para(text, bold=True)], box, t.title_size, t.min_title_size, path, pos,
                          anchor="bottom")

    def body(self, paras: list[Para], path: str, pos: Pos, box: Box = L.BODY, role: str = "body",
             **style) -> TextBlock:
        t = self.theme
        return self.block(role, paras, box, t.body_size, t.min_body_size, path, pos, **style)

    def small(self, role: str, text: str, box: Box, align: str = "left") -> TextBlock:
        return TextBlock(role, [Para(text)], box, 12, color=self.theme.muted, align=align)

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
            spec.image = (self.talk.base_dir / sp.photo).resolve()
            spec.image_alt = sp.photo_alt or m("portrait_alt", name=sp.name)
            spec.figure_box = L.BIO_PHOTO
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
        texts = [self.title(section.title, f"{section.path}.title", section.pos("title"), L.DIVIDER_TITLE)]
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
        body_box = L.BODY_WITH_SOURCE if source or kind == "chart" else L.BODY
        self._FILL[kind](self, spec, slide, body_box)
        if kind == "chart" and spec.chart:
            source = source or spec.chart.source
        if source:
            spec.texts.append(self.small("source", self.m("source", source=source), L.SOURCE))
        return spec

    def _fill_bullets(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        spec.texts.append(self.body(_bullet_paras(slide.bullets), f"{slide.path}.bullets", slide.pos("bullets"), box))

    def _fill_columns(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        for n, (col, col_box) in enumerate(zip(slide.columns, box.split(2, L.COLUMN_GAP))):
            paras = ([Para(col.heading, bold=True)] if col.heading else []) + _bullet_paras(col.bullets)
            spec.texts.append(self.body(paras, col.path, col.pos(), col_box, role=f"column{n + 1}"))

    def _fill_statement(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        spec.texts.append(self.block("body", [Para(slide.statement, bold=True)], L.QUOTE_BODY, 40,
                                     self.theme.min_body_size, f"{slide.path}.statement", slide.pos("statement"),
                                     align="center", anchor="middle"))

    def _fill_quote(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        spec.texts.append(self.block("body", [Para(self.m("quote", quote=slide.quote.strip()), italic=True)], L.QUOTE_BODY, 36,
                                     self.theme.min_body_size, f"{slide.path}.quote", slide.pos("quote"),
                                     align="center", anchor="middle"))
        if slide.by and slide.title:
            spec.texts.append(self.body([Para(self.m("quote_by", author=slide.by))], f"{slide.path}.by", slide.pos("by"),
                                        L.QUOTE_BY, role="by", align="center", color=self.theme.muted))

    def _fill_chart(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        chart = self.talk.charts[slide.chart]
        spec.chart_name, spec.chart = slide.chart, chart
        spec.chart_alt = describe_chart(chart, self.m)
        spec.figure_box = box
        if slide.caption:
            spec.figure_box = Box(box.x, box.y, box.w, box.h - L.CAPTION_H)
            spec.texts.append(self.small("caption", slide.caption, spec.figure_box.below(L.CAPTION_H), "center"))
        m = self.m
        categories, series = chart.table()
        rows = [m("label_value", label=c, value=m.join(f"{name} {m.number(vs[k])}" if len(series) > 1
                                                        else m.number(vs[k]) for name, vs in series.items()))
                for k, c in enumerate(categories)]
        data = (m("chart_data", title=m.heading(chart.title, chart.unit)) + "\n" + "\n".join(rows) + "\n"
                + m("source", source=chart.source))
        spec.notes = (spec.notes.strip() + "\n\n" + data).strip()

    def _fill_image(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        spec.image = (self.talk.base_dir / slide.image).resolve() if self.talk.base_dir else Path(slide.image)
        spec.image_alt = "" if slide.decorative else (slide.alt or "")
        spec.figure_box = box
        if slide.caption:
            spec.figure_box = Box(box.x, box.y, box.w, box.h - L.CAPTION_H)
            spec.texts.append(self.small("caption", slide.caption, spec.figure_box.below(L.CAPTION_H), "center"))

    def _fill_table(self, spec: SlideSpec, slide: Slide, box: Box) -> None:
        spec.table = slide.table
        spec.figure_box = box
        t = self.theme
        col_w = (box.w / len(slide.table[0]) - 2 * L.INSET_X) / L.EMU_PER_PT
        size = float(t.body_size)
        while True:
            rows_pt = [max(len(wrap(c, col_w, size, t.font, t.font_cjk, bold=(r == 0))) for c in row)
                       * size * L.LINE_SPACING + 2 * L.INSET_Y / L.EMU_PER_PT + 2
                       for r, row in enumerate(slide.table)]
            if sum(rows_pt) <= box.h_pt or size - 1 < t.min_body_size:
                break
            size -= 1
        spec.table_size = size
        spec.table_rows_pt = rows_pt
        if sum(rows_pt) > box.h_pt:
            self.warnings.append(Problem(self.file, slide.pos("table"), f"{slide.path}.table",
                                         f"table does not fit its box even at {size:g} pt; split it", "warning"))


#: One filler per slide kind, each placing that kind's body in the slide.
_Planner._FILL = {kind: getattr(_Planner, f"_fill_{kind}") for kind in SLIDE_KINDS}


def plan_slides(talk: Talk, file: str = "talk.yaml") -> tuple[list[SlideSpec], list[Problem]]:
    """The deck's slides in order, and warnings (text that does not fit) with their lines."""
    planner = _Planner(talk, file)
    return planner.plan(), planner.warnings
