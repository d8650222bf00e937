"""The pipeline: load → plan → charts → deck → (atomic) write.

One :func:`build` that reads like the diagram in STYLE.md. Stages report to a
``log`` callback (one line each) and the result says what was made. python-pptx
and matplotlib are imported only by the stages that need them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import glob
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .atomic import write_atomic, write_or_beside
from .charts.jobs import chart_jobs, draw_charts  # matplotlib only to draw
from .charts.pool import ChartWorker, can_fork
from .errors import OutlineError, OutputError, Problem
from .load import load_talk
from .model import Talk
from .overwrite import check_may_write, keep_edited, replaceable
from .plan import timing
from .plan.frame import Frame, theme_on
from .plan.naming import name_slides
from .plan.planner import plan_slides
from .plan.spec import SlideSpec


@dataclass
class BuildResult:
    """What a build made and how long each stage took (seconds)."""

    output: Path
    slides: int
    charts: int
    drawn: int
    seconds: float
    warnings: list[Problem] = field(default_factory=list)
    talk: Talk | None = None
    specs: list[SlideSpec] = field(default_factory=list)
    #: Slides kept from the previous deck in memory (see :class:`Reuse`).
    kept: int = 0
    #: The deck asked for, when another program held it open and ``output`` was written beside it.
    locked: Path | None = None


def default_output(outline: Path) -> Path:
    """``build/<stem>.pptx`` beside the outline."""
    return outline.parent / "build" / f"{outline.stem}.pptx"


def runsheet_path(output: Path) -> Path:
    """``build/talk-runsheet.md`` beside ``build/talk.pptx`` (the deck's name cut short to keep it a file name
    of at most 255 bytes)."""
    stem, suffix = output.stem, "-runsheet.md"
    while len(os.fsencode(stem + suffix)) > 255:
        stem = stem[:-1]
    return output.with_name(stem + suffix)


def build_time(talk: Talk) -> dt.datetime:
    """The timestamp written into the deck: SOURCE_DATE_EPOCH, else the talk's date, else 1980-01-01."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    if talk.date:
        return dt.datetime.combine(talk.date, dt.time(9, 0))
    return dt.datetime(1980, 1, 1)


def _figures(specs: list[SlideSpec]) -> list[tuple[int, Any]]:
    """(slide number, figure) of every chart of ``specs``, in order."""
    return [(spec.number, f) for spec in specs for f in spec.figures if f.chart is not None]


def render_charts(talk: Talk, specs: list[SlideSpec], cache_dir: Path, use_cache: bool = True,
                  file: str = "talk.yaml", made: list[Path] | None = None) -> tuple[dict[int, list[Path]], int]:
    """PNGs of each slide's charts, in the order of its figures (keyed by slide number), and how many were
    drawn (not cached), drawn in this process (:func:`chart_jobs`, then :func:`draw_charts`)."""
    out, jobs = chart_jobs(talk, _figures(specs), cache_dir, use_cache)
    draw_charts(jobs, file, made)
    return out, len(jobs)


@dataclass
class Reuse:
    """What a rebuild in the same process may reuse (``talkdeck watch``).

    The last deck in memory, the deck-wide inputs it was made from, and a
    fingerprint of each of its slides: a rebuild rewrites only the slides whose
    fingerprint changed, and starts a new deck when anything else did.
    """

    deck: Any = None
    frame: Any = None
    slides: list[tuple] = field(default_factory=list)


def _frame(talk: Talk, template: Path | None) -> tuple:
    """Everything the deck may read besides the slides: the talk without its slides and charts, the template."""
    bare = dataclasses.replace(
        talk, sections=[dataclasses.replace(s, slides=[]) for s in talk.sections],
        intro=dataclasses.replace(talk.intro, slides=[]) if talk.intro else None, charts={})
    return bare, template, _stat(template)


def _fingerprint(spec: SlideSpec, pngs: list[Path] | None) -> tuple:
    """(structure, content) of one slide; the deck can rewrite a slide in place while its structure holds."""
    structure = (spec.kind, spec.layout, len(spec.figures))
    # Where a slide is written in the outline does not change the slide.
    content = dataclasses.replace(spec, pos=(0, 0), path="")
    return structure, (content, tuple(pngs or ()), tuple(_stat(f.image) for f in spec.figures))


def _stat(path: Path | None) -> tuple[int, int] | None:
    try:
        st = path.stat() if path is not None else None
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size) if st else None


def template_path(talk: Talk) -> Path | None:
    """The talk's ``theme.template`` as a path, or None for the built-in design."""
    return (talk.base_dir / talk.theme.template) if talk.theme.template and talk.base_dir else None


class TemplateFile:
    """The talk's template for one build, opened at most once.

    Its frame (what the planner needs) is kept by file version across builds in
    one process (``watch``); a new deck gets the very presentation the frame was
    read from in this build, or opens the file when the frame came from that
    store. A template that cannot serve is an OutlineError at its line.
    """

    #: Frames by (path, file version, aspect): the last few templates read in this process.
    _frames: dict[tuple, Frame] = {}

    def __init__(self, talk: Talk, name: str):
        self.path = template_path(talk)
        self.aspect = talk.theme.aspect
        self.problem_at = (name, talk.theme.pos("template"))
        self._opened: Any = None

    def frame(self) -> Frame | None:
        """The template's geometry, colours and fonts (None for the built-in design)."""
        if self.path is None:
            return None
        key = (self.path, _stat(self.path), self.aspect)
        frame = self._frames.get(key)
        if frame is None:
            from .deck import TemplateError, checked_frame

            self._opened = self._open()
            try:
                frame = checked_frame(self._opened, self.path)
            except TemplateError as e:
                name, pos = self.problem_at
                raise OutlineError([Problem(name, pos, "theme.template", str(e))]) from None
            if len(self._frames) >= 4:
                self._frames.pop(next(iter(self._frames)))
            self._frames[key] = frame
        return frame

    def new_deck(self, talk: Talk) -> Any:
        """A DeckBuilder on the template (the built-in design when there is none), with the frame planned with."""
        from .deck import DeckBuilder

        frame = self.frame()
        prs, self._opened = self._opened, None
        return DeckBuilder(talk, self.path, frame, prs if prs is not None else self._open())

    def _open(self) -> Any:
        from .deck import TemplateError, open_presentation  # python-pptx only when a deck or template is read

        try:
            return open_presentation(self.path, self.aspect)
        except TemplateError as e:
            name, pos = self.problem_at
            raise OutlineError([Problem(name, pos, "theme.template", str(e))]) from None


def plan_talk(talk: Talk, name: str, template: TemplateFile | None = None
              ) -> tuple[Talk, list[SlideSpec], list[Problem]]:
    """The talk with its theme completed from the template (frame.theme_on), its slides and the planner's warnings."""
    frame = (template or TemplateFile(talk, name)).frame()
    talk = dataclasses.replace(talk, theme=theme_on(talk.theme, frame))
    specs, warnings = plan_slides(talk, name, frame)
    return talk, specs, warnings


def open_deck(talk: Talk, template: TemplateFile, reuse: Reuse | None = None) -> Any:
    """A new DeckBuilder on the talk's template, or None when ``reuse`` holds a deck of the same design.

    Called before any chart is drawn, so that a template that cannot serve is
    reported (at its line) before any work is done.
    """
    if reuse is not None and reuse.deck is not None and reuse.frame == _frame(talk, template_path(talk)):
        return None
    return template.new_deck(talk)


def assemble_deck(talk: Talk, specs: list[SlideSpec], pngs: dict[int, list[Path]], template: TemplateFile,
                  reuse: Reuse | None = None, fresh: Any = None) -> tuple[Any, int]:
    """The DeckBuilder holding ``specs``, and how many of its slides were reused unchanged.

    With ``reuse`` holding the previous deck of the same shape (same deck-wide
    inputs, same number of slides, each of the same kind), only the slides that
    changed are rewritten; otherwise a new deck is made (``fresh``, from
    :func:`open_deck`, when given). ``reuse`` is updated, or emptied if
    assembling fails half-way.
    """
    frame = _frame(talk, template_path(talk))
    prints = [_fingerprint(spec, pngs.get(spec.number)) for spec in specs]
    old = reuse.slides if reuse is not None and reuse.deck is not None and reuse.frame == frame else []
    try:
        if reuse is not None and len(old) == len(prints) and all(a[0] == b[0] for a, b in zip(old, prints)):
            deck, kept = reuse.deck, 0
            for i, (before, now) in enumerate(zip(old, prints)):
                if before == now:
                    kept += 1
                else:
                    deck.replace(i, specs[i], pngs.get(specs[i].number))
        else:
            deck, kept = (fresh if fresh is not None else template.new_deck(talk)), 0
            for spec in specs:
                deck.add(spec, pngs.get(spec.number))
    except BaseException:
        if reuse is not None:
            reuse.deck, reuse.frame, reuse.slides = None, None, []
        raise
    if reuse is not None:
        reuse.deck, reuse.frame, reuse.slides = deck, frame, prints
    return deck, kept


def build(outline: Path, output: Path | None = None, *, use_cache: bool = True, allow_outside: bool = False,
          log: Callable[[str], None] = lambda line: None, display_name: str | None = None,
          reuse: Reuse | None = None, background_charts: bool = False,
          planned: Callable[[Talk, list[SlideSpec]], None] | None = None) -> BuildResult:
    """Build the deck for ``outline``; raise OutlineError/OutputError for the user's mistakes.

    ``reuse`` (from the previous build in this process) lets unchanged slides be kept. ``planned`` is
    called with the talk and its slides once they are planned, before the deck is written (the live
    preview shows new notes from there).
    ``background_charts``: draw the charts in a :class:`~talkdeck.charts.pool.ChartWorker` started as soon as
    the talk is loaded (the command line's builds; not ``watch``, whose process keeps threads and
    matplotlib loaded).
    """
    start = time.perf_counter()
    output = output or default_output(outline)
    name = display_name or str(outline)

    t = time.perf_counter()
    # A worker imports matplotlib while the talk is loaded and planned here when no chart has been drawn for
    # this deck yet (no chart cache); else only once the plan shows a chart that is not cached, so that a
    # build whose charts are all cached never imports matplotlib.
    beside = background_charts and can_fork() and (os.cpu_count() or 1) > 1
    worker = ChartWorker() if beside and not (use_cache and os.path.isdir(output.parent / "charts")) else None
    try:
        talk = load_talk(outline, name, allow_outside=allow_outside)
    except BaseException:
        if worker is not None:
            worker.close()
        raise
    if worker is not None and not talk.charts:
        worker.close()
        worker = None
    made: list[Path] = []
    new_dirs = _missing_folders(output.parent / "charts")
    try:
        template = TemplateFile(talk, name)
        talk, specs, fit_warnings = plan_talk(talk, name, template)
        warnings = name_slides(sorted(talk.warnings + fit_warnings, key=lambda p: (p.pos, p.path)), talk)
        log(f"load    {name}: {len(talk.sections)} sections, {len(specs)} slides ({time.perf_counter() - t:.2f} s)")
        log(f"time    {timing.plan_summary(talk, timing.section_spans(talk))}")
        if planned is not None:
            planned(talk, specs)

        check_output(output)
        edited = check_may_write([output, runsheet_path(output)], outline, talk)
        t = time.perf_counter()
        pngs, jobs = chart_jobs(talk, _figures(specs), output.parent / "charts", use_cache)
        if worker is None and beside and jobs:
            worker = ChartWorker()
        sent = worker is not None and bool(jobs) and worker.send(jobs)
        if sent:
            made += [job.png for job in jobs]  # whatever the worker writes goes if the build fails
        elif worker is not None:
            worker.close()
        fresh = open_deck(talk, template, reuse)  # while the charts are drawn
        draw_charts(jobs, name, made, worker.results(len(jobs)) if sent and worker is not None else None)
        charts = len({png for slide in pngs.values() for png in slide})
        log(f"charts  {charts} chart{'' if charts == 1 else 's'}: {len(jobs)} drawn, {charts - len(jobs)} cached "
            f"({time.perf_counter() - t:.2f} s)")

        t = time.perf_counter()
        deck, kept = assemble_deck(talk, specs, pngs, template, reuse, fresh)
        data = deck.to_bytes(build_time(talk))
        if edited is not None:  # the deck there was saved since talkdeck made it: the speaker's edits stay
            keep_edited(output, edited)
            log(f"kept    {output} as {edited}: it was saved (edited) since talkdeck made it")
        # Beside it when PowerPoint holds the deck open (never over a file talkdeck did not write).
        written = write_or_beside(output, data, may_replace=replaceable)
    except BaseException:
        if worker is not None:
            worker.close()  # before its files are removed: it may still be writing them
        _remove(made, new_dirs)  # a failed build leaves nothing beside the previous deck
        raise
    write_atomic(runsheet_path(output), timing.runsheet(talk, specs, name).encode("utf-8"))
    log(f"deck    {written} ({len(data) / 1024:.0f} KiB, {time.perf_counter() - t:.2f} s)")
    return BuildResult(written, len(specs), charts, len(jobs), time.perf_counter() - start, warnings, talk, specs,
                       kept, locked=output if written != output else None)


def check_output(output: Path) -> None:
    """Raise OutputError, before any work is done, if the deck cannot be written at ``output``."""
    try:
        os.stat(output)
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError as e:  # a name of over 255 bytes, links in a loop
        raise OutputError(f"{output}: cannot be written ({e.strerror}); give a shorter name, or another "
                          f"folder") from None
    if output.is_dir():
        raise OutputError(f"{output}: is a folder; give a file name such as {output / 'talk.pptx'}")
    folder = output.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        why = "File exists" if folder == output.parent else "Not a directory"  # what mkdir would say
        raise OutputError(f"{output.parent}: cannot create the folder ({why})")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{folder}: cannot write here (permission denied)")


def _missing_folders(path: Path) -> list[Path]:
    """``path`` and its ancestors that do not exist yet, outermost first."""
    missing = []
    while not os.path.lexists(path) and path != path.parent:  # False too for a name too long (check_output's)
        missing.append(path)
        path = path.parent
    return missing[::-1]


def _remove(files: list[Path], folders: list[Path]) -> None:
    """Delete ``files`` (and the temporary files of their writing), then those of ``folders`` (innermost
    first) that are left empty."""
    for f in files:
        f.unlink(missing_ok=True)
        for tmp in f.parent.glob(f".{glob.escape(f.name)}.*.tmp"):
            tmp.unlink(missing_ok=True)
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:  # not empty (another build's files) or already gone
            pass
