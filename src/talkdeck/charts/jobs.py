"""Which charts a build draws, and drawing them: the PNG each chart's figure shows (cached by a hash of all
that changes the picture), and the charts not cached yet drawn in this process or taken from a
:class:`~talkdeck.charts.pool.ChartWorker` that drew them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import OutlineError, OutputError, Problem
from ..lang.i18n import messages_for
from ..model import Talk
from .fonts import FontMissing, check_glyphs
from .pool import Job, Outcome
from .render import cached_png_ok, chart_key, render_chart
from .style import talk_chart_style


def chart_jobs(talk: Talk, figures: Iterable[tuple[int, Any]], cache_dir: Path, use_cache: bool = True
               ) -> tuple[dict[int, list[Path]], list[Job]]:
    """The PNGs of each slide's charts, in the order of its figures (keyed by slide number), and the charts
    to draw for them: those not cached (or all, without ``use_cache``), each once, at the size of its box.

    ``figures``: (slide number, figure) of every chart, in order; a figure has the planner's ``chart``,
    ``chart_name`` and ``box`` (plan.spec.Figure)."""
    out: dict[int, list[Path]] = {}
    todo: dict[str, Job] = {}
    paths: dict[str, Path] = {}
    # On a template the chart is drawn transparent, over the slide master, unless the outline names a background.
    transparent = bool(talk.theme.template) and "background" not in talk.theme.where
    style = talk_chart_style(talk, messages_for(talk), transparent=transparent)
    for number, figure in figures:
        key = chart_key(figure.chart, style, figure.box)
        # The hash names the file; the chart's name (any text a speaker wrote) is only a readable prefix.
        slug = re.sub(r"[^A-Za-z0-9_-]+", "-", figure.chart_name or "chart").strip("-")[:40] or "chart"
        png = paths.setdefault(key, cache_dir / f"{slug}-{key}.png")  # one file for charts drawn alike
        if key not in todo and not (use_cache and cached_png_ok(png)):
            todo[key] = Job(figure.chart, style, figure.box, png)
        out.setdefault(number, []).append(png)
    return out, list(todo.values())


def draw_charts(jobs: list[Job], file: str = "talk.yaml", made: list[Path] | None = None,
                outcomes: list[Outcome] | None = None) -> None:
    """Draw ``jobs`` in this process, or take their ``outcomes`` from a :class:`ChartWorker` that drew them.

    Every chart is checked first: when no installed font can draw its labels,
    OutlineError names each such chart at its line and nothing is drawn. A PNG
    that cannot be written is an OutputError. The PNGs drawn are appended to ``made``.
    """
    if outcomes is None:
        problems = []
        for job in jobs:
            try:
                check_glyphs(job.chart, job.style)
            except FontMissing as e:
                problems.append(Problem(file, job.chart.pos(), job.chart.path, str(e)))
        if problems:
            raise OutlineError(problems)
    for i, job in enumerate(jobs):
        outcome = outcomes[i] if outcomes is not None else None
        if outcome is None:
            try:
                render_chart(job.chart, job.style, job.box, job.png)
            except FontMissing as e:
                outcome = Outcome(job.png, "font", str(e))
            except OSError as e:
                outcome = Outcome(job.png, "os", e.strerror or str(e))
        if outcome is not None and outcome.kind == "font":
            raise OutlineError([Problem(file, j.chart.pos(), j.chart.path, o.problem)
                                for j, o in zip(jobs, outcomes or [outcome]) if o.kind == "font"]) from None
        if outcome is not None and outcome.kind == "os":
            raise OutputError(f"{job.png}: cannot write the chart ({outcome.problem})") from None
        if made is not None:
            made.append(job.png)
