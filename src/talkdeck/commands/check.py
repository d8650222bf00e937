"""check: lint an outline without writing a deck.

Every problem the loader, the validator and the planner find (errors and
warnings, each at its line), a template that cannot serve, and the talk's
timing: the words of the speaker notes at a speaking rate, per part, against
each section's ``minutes`` and the talk's ``duration``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import OutlineError, Problem
from ..lang.pace import WORDS_PER_MINUTE
from ..load import load_talk
from ..model import Pos, Talk
from ..plan.naming import name_slides
from ..plan.planner import plan_slides
from ..plan.spec import SlideSpec
from ..plan.timing import mmss, words


@dataclass
class TimeRow:
    """One part of the talk in the time table."""

    label: str
    slides: int
    words: int
    planned: float | None  # minutes
    path: str = ""
    pos: Pos = (1, 1)

    def speaking(self, wpm: float) -> float:
        """Minutes the notes take to say at ``wpm`` words a minute."""
        return self.words / wpm


@dataclass
class Report:
    """What `talkdeck check` found: problems in file order, and the time table (empty if the outline failed)."""

    problems: list[Problem]
    rows: list[TimeRow] = field(default_factory=list)
    wpm: float = WORDS_PER_MINUTE
    duration: float | None = None
    slides: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def check_outline(outline: Path, display_name: str | None = None, wpm: float = WORDS_PER_MINUTE,
                  allow_outside: bool = False) -> Report:
    """Lint ``outline``: every error and warning, and the time table.

    Raises :class:`OutlineError` only when there is no outline file to check.
    """
    name = display_name or str(outline)
    try:
        talk = load_talk(outline, name, allow_outside=allow_outside)
    except OutlineError as e:
        if not outline.is_file():
            raise
        return Report(list(e.problems), wpm=wpm)
    from ..build import plan_talk

    try:
        talk, specs, fit_warnings = plan_talk(talk, name)  # reads the template's frame; no deck is built
        template_problems: list[Problem] = []
    except OutlineError as e:  # a template that cannot serve: the rest is checked on the built-in design
        template_problems = list(e.problems)
        specs, fit_warnings = plan_slides(talk, name)
    problems = talk.warnings + fit_warnings + template_problems
    rows = time_rows(talk, specs)
    problems += time_warnings(talk, rows, wpm, name)
    return Report(name_slides(sorted(problems, key=lambda p: (p.pos, p.path)), talk), rows, wpm, talk.duration,
                  len(specs))


def time_rows(talk: Talk, specs: list[SlideSpec]) -> list[TimeRow]:
    """The intro, each section, and the slides talkdeck adds (title, bio, agenda, closing), with their notes' words."""
    count = {i: sum(1 for s in specs if s.section == i) for i in range(-1, len(talk.sections))}
    rows = []
    if talk.intro:
        said = sum(words(s.notes) for s in talk.intro.slides)
        rows.append(TimeRow("intro", count[-1], said, talk.intro.minutes, "intro.minutes", talk.intro.pos("minutes")))
    for i, section in enumerate(talk.sections):
        said = words(section.notes) + sum(words(s.notes) for s in section.slides)
        rows.append(TimeRow(f"{i + 1}. {section.title}", count[i], said, section.minutes,
                            f"{section.path}.minutes", section.pos("minutes")))
    others = [s for s in specs if s.section is None]
    said = words(talk.speaker.notes) + words(talk.closing.notes)
    added = "title, bio, agenda, references, closing" if talk.references else "title, bio, agenda, closing"
    rows.append(TimeRow(added, len(others), said, None))
    return rows


def time_warnings(talk: Talk, rows: list[TimeRow], wpm: float, name: str) -> list[Problem]:
    """A warning at each ``minutes`` (and at ``duration``) that the notes take longer to say than planned."""
    out = []
    for row in rows:
        if row.planned is not None and row.speaking(wpm) > row.planned:
            out.append(Problem(name, row.pos, row.path, f"the notes take about {mmss(row.speaking(wpm))} to say "
                               f"at {wpm:g} words a minute, more than the {row.planned:g} minute{'' if row.planned == 1 else 's'} planned",
                               "warning"))
    total = sum(row.speaking(wpm) for row in rows)
    if talk.duration is not None and total > talk.duration:
        out.append(Problem(name, talk.pos("duration"), "duration", f"the notes take about {mmss(total)} to say "
                           f"at {wpm:g} words a minute, more than the talk's {talk.duration:g} minutes", "warning"))
    return out


def format_time_table(report: Report) -> list[str]:
    """The time table as text lines: part, slides, notes' words, speaking time, time planned."""
    if not report.rows:
        return []
    wpm = report.wpm
    width = min(44, max(display_width(r.label) for r in report.rows))
    head = f"  {pad('part', width)}  slides  words  speaking  planned"
    lines = [f"time: the notes' words at {wpm:g} words a minute", head]
    for row in report.rows:
        label = clip(row.label, width)
        planned = mmss(row.planned) if row.planned is not None else "–"
        over = "  over" if row.planned is not None and row.speaking(wpm) > row.planned else ""
        lines.append(f"  {pad(label, width)}  {row.slides:>6}  {row.words:>5}  {mmss(row.speaking(wpm)):>8}  "
                     f"{planned:>7}{over}")
    total = sum(r.speaking(wpm) for r in report.rows)
    planned_total = report.duration
    if planned_total is None and all(r.planned is not None for r in report.rows if r.path):
        planned_total = sum(r.planned for r in report.rows if r.planned is not None)
    over = "  over" if planned_total is not None and total > planned_total else ""
    lines.append(f"  {pad('total', width)}  {sum(r.slides for r in report.rows):>6}  "
                 f"{sum(r.words for r in report.rows):>5}  {mmss(total):>8}  "
                 f"{mmss(planned_total) if planned_total is not None else '–':>7}{over}")
    return lines


def display_width(text: str) -> int:
    """Terminal cells ``text`` takes: two for wide and full-width characters (中文, Ａ), none for combining marks."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces to fill ``width`` terminal cells."""
    return text + " " * max(0, width - display_width(text))


def clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` cells, an ellipsis marking a cut."""
    if display_width(text) <= width:
        return text
    out = ""
    for c in text:
        if display_width(out + c) > width - 1:
            break
        out += c
    return out + "…"


def format_report(report: Report, name: str) -> list[str]:
    """Every line `talkdeck check` prints: problems, the time table, a summary."""
    lines = [str(p) for p in report.problems]
    table = format_time_table(report)
    if table:
        lines += ([""] if lines else []) + table + [""]
    n_err, n_warn = len(report.errors), len(report.warnings)
    counts = f"{n_err} error{'s' if n_err != 1 else ''}, {n_warn} warning{'s' if n_warn != 1 else ''}"
    slides = f"{report.slides} slides, " if report.slides else ""
    lines.append(f"check   {name}: {slides}{counts}")
    return lines
