"""The pipeline: load → plan → charts → deck → (atomic) write.

One :func:`build` that reads like the diagram in STYLE.md. Stages report to a
``log`` callback (one line each) and the result says what was made. python-pptx
and matplotlib are imported only by the stages that need them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from . import timing
from .atomic import write_atomic
from .charts import FontMissing, chart_key, chart_style, render_chart  # imports matplotlib only to draw
from .errors import OutlineError, OutputError, Problem
from .i18n import messages_for
from .load import load_talk
from .model import Talk
from .naming import name_slides
from .plan import SlideSpec, plan_slides

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"IEND\xaeB`\x82"


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


def default_output(outline: Path) -> Path:
    """``build/<stem>.pptx`` beside the outline."""
    return outline.parent / "build" / f"{outline.stem}.pptx"


def runsheet_path(output: Path) -> Path:
    """``build/talk-runsheet.md`` beside ``build/talk.pptx``."""
    return output.with_name(f"{output.stem}-runsheet.md")


def build_time(talk: Talk) -> dt.datetime:
    """The timestamp written into the deck: SOURCE_DATE_EPOCH, else the talk's date, else 1980-01-01."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    if talk.date:
        return dt.datetime.combine(talk.date, dt.time(9, 0))
    return dt.datetime(1980, 1, 1)


def cached_png_ok(path: Path) -> bool:
    """True if ``path`` is a whole PNG (signature at the start, IEND at the end)."""
    try:
        with path.open("rb") as f:
            head = f.read(8)
            f.seek(-8, os.SEEK_END)
            return head == PNG_SIGNATURE and f.read(8) == PNG_END
    except OSError:
        return False


def render_charts(talk: Talk, specs: list[SlideSpec], cache_dir: Path, use_cache: bool = True,
                  file: str = "talk.yaml") -> tuple[dict[int, list[Path]], int]:
    """PNGs of each slide's charts, in the order of its figures (keyed by slide number), and how many
    were drawn (not cached). Each chart is drawn at the size of its box.

    Raises OutlineError at the chart's line when no installed font can draw its labels.
    """
    out: dict[int, list[Path]] = {}
    drawn = 0
    done: dict[str, Path] = {}
    style = chart_style(talk.theme, talk.language, heading=messages_for(talk).text("title_with_unit"))
    for spec in specs:
        for figure in spec.figures:
            if figure.chart is None:
                continue
            key = chart_key(figure.chart, style, figure.box)
            # The hash names the file; the chart's name (any text a speaker wrote) is only a readable prefix.
            slug = re.sub(r"[^A-Za-z0-9_-]+", "-", figure.chart_name or "chart").strip("-")[:40] or "chart"
            png = cache_dir / f"{slug}-{key}.png"
            if key not in done:
                if not (use_cache and cached_png_ok(png)):
                    try:
                        render_chart(figure.chart, style, figure.box, png)
                    except FontMissing as e:
                        raise OutlineError([Problem(file, figure.chart.pos(), figure.chart.path, str(e))]) from None
                    except OSError as e:
                        raise OutputError(f"{png}: cannot write the chart ({e.strerror})") from None
                    drawn += 1
                done[key] = png
            out.setdefault(spec.number, []).append(done[key])
    return out, drawn


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


def new_deck(talk: Talk, name: str):
    """A DeckBuilder on the talk's template; a template that cannot serve is an OutlineError at its line."""
    from .deck import DeckBuilder, TemplateError

    template = template_path(talk)
    try:
        return DeckBuilder(talk, template)
    except TemplateError as e:
        raise OutlineError([Problem(name, talk.theme.pos("template"), "theme.template", str(e))]) from None


def assemble_deck(talk: Talk, specs: list[SlideSpec], pngs: dict[int, list[Path]], name: str,
                  reuse: Reuse | None = None) -> tuple[Any, int]:
    """The DeckBuilder holding ``specs``, and how many of its slides were reused unchanged.

    With ``reuse`` holding the previous deck of the same shape (same deck-wide
    inputs, same number of slides, each of the same kind), only the slides that
    changed are rewritten; otherwise a new deck is made. ``reuse`` is updated,
    or emptied if assembling fails half-way.
    """
    frame = _frame(talk, template_path(talk))
    prints = [_fingerprint(spec, pngs.get(spec.number)) for spec in specs]
    old = reuse.slides if reuse is not None and reuse.deck is not None and reuse.frame == frame else []
    try:
        if len(old) == len(prints) and all(a[0] == b[0] for a, b in zip(old, prints)):
            deck, kept = reuse.deck, 0
            for i, (before, now) in enumerate(zip(old, prints)):
                if before == now:
                    kept += 1
                else:
                    deck.replace(i, specs[i], pngs.get(specs[i].number))
        else:
            deck, kept = new_deck(talk, name), 0
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
          reuse: Reuse | None = None) -> BuildResult:
    """Build the deck for ``outline``; raise OutlineError/OutputError for the user's mistakes.

    ``reuse`` (from the previous build in this process) lets unchanged slides be kept.
    """
    start = time.perf_counter()
    output = output or default_output(outline)
    name = display_name or str(outline)

    t = time.perf_counter()
    talk = load_talk(outline, name, allow_outside=allow_outside)
    specs, fit_warnings = plan_slides(talk, name)
    warnings = name_slides(sorted(talk.warnings + fit_warnings, key=lambda p: (p.pos, p.path)), talk)
    log(f"load    {name}: {len(talk.sections)} sections, {len(specs)} slides ({time.perf_counter() - t:.2f} s)")
    log(f"time    {timing.plan_summary(talk, timing.section_spans(talk))}")

    t = time.perf_counter()
    pngs, drawn = render_charts(talk, specs, output.parent / "charts", use_cache, name)
    charts = len({png for slide in pngs.values() for png in slide})
    log(f"charts  {charts} chart{'' if charts == 1 else 's'}: {drawn} drawn, {charts - drawn} cached "
        f"({time.perf_counter() - t:.2f} s)")

    t = time.perf_counter()
    deck, kept = assemble_deck(talk, specs, pngs, name, reuse)
    data = deck.to_bytes(build_time(talk))
    write_atomic(output, data)
    write_atomic(runsheet_path(output), timing.runsheet(talk, specs, name).encode("utf-8"))
    log(f"deck    {output} ({len(data) / 1024:.0f} KiB, {time.perf_counter() - t:.2f} s)")
    return BuildResult(output, len(specs), charts, drawn, time.perf_counter() - start, warnings, talk, specs,
                       kept)
