"""Charts drawn beside the build, on the machine's other core.

Importing matplotlib costs about 0.35 s and each chart about 0.1 s to draw and
encode. A :class:`ChartWorker` is a process forked as soon as the talk is
loaded: it imports matplotlib while the build plans the slides, then draws the
charts it is sent, sharing them with a second process forked from it (with
matplotlib already imported, so that costs nothing), while the build opens the
deck. Where ``fork`` is not available (Windows; macOS, where forking a process
that may hold system frameworks is unsafe) or a worker fails, the charts are
drawn in the build's own process, as before: the worker only ever saves time.

A worker and its helper are one process group, ended together by
:meth:`ChartWorker.close`; both also end when the build's process does (their
end of the pipe closes).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..layout import Box
from ..model import Chart
from .style import ChartStyle


@dataclass(frozen=True)
class Job:
    """One chart to draw into ``png`` at ``box``'s size."""

    chart: Chart
    style: ChartStyle
    box: Box
    png: Path


@dataclass(frozen=True)
class Outcome:
    """What became of a :class:`Job`: drawn (``problem`` None), or why not: ``kind`` "font" (no installed font
    has the characters: nothing was drawn) or "os" (the PNG could not be written), and the message."""

    png: Path
    kind: str | None = None
    problem: str = ""


def can_fork() -> bool:
    """Whether charts may be drawn in forked processes here (Linux and other Unixes but macOS)."""
    return hasattr(os, "fork") and sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


class ChartWorker:
    """A process that imports matplotlib now and draws charts when sent them (see the module docstring)."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("fork")
        self._conn, theirs = ctx.Pipe()
        self._process = ctx.Process(target=_serve, args=(theirs,), daemon=True, name="talkdeck-charts")
        self._process.start()
        theirs.close()

    def send(self, jobs: list[Job]) -> bool:
        """Start the worker on ``jobs`` without waiting; False when it cannot take them."""
        try:
            self._conn.send(jobs)
        except (OSError, pickle.PicklingError):
            self.close()
            return False
        return True

    def results(self, count: int) -> list[Outcome] | None:
        """The outcomes of the ``count`` jobs sent, waiting for them; None when the worker failed."""
        try:
            outcomes = self._conn.recv()
        except (EOFError, OSError):
            outcomes = None
        self.close()
        return outcomes if isinstance(outcomes, list) and len(outcomes) == count else None

    def close(self) -> None:
        """End the worker and its helper (a build that stops, or one whose charts are all cached)."""
        pid = self._process.pid
        if pid is not None and self._process.is_alive():
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                self._process.kill()
        self._process.join(timeout=5)
        self._conn.close()


def _serve(conn: Any) -> None:
    """The worker: import matplotlib, wait for the jobs, draw half of them and have a fork draw the rest."""
    os.setpgid(0, 0)  # one group with its helper, so that close() ends both
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle; it ends the group
    from .render import warm_up

    warm_up()
    try:
        jobs = conn.recv()
    except EOFError:  # the build needed no chart drawn, or stopped
        return
    if not jobs:
        conn.send([])
        return
    problems = _font_problems(jobs)
    if problems:
        conn.send(problems)
        return
    mine, theirs = jobs[0::2], jobs[1::2]
    read_fd, write_fd = os.pipe()
    helper = os.fork() if theirs else -1
    if helper == 0:  # the helper: draw the other half and hand the outcomes back
        os.close(read_fd)
        with os.fdopen(write_fd, "wb") as out:
            pickle.dump([_draw(job) for job in theirs], out)
        os._exit(0)
    os.close(write_fd)
    done = [_draw(job) for job in mine]
    helped: list[Outcome] = []
    if helper > 0:
        with os.fdopen(read_fd, "rb") as back:
            try:
                helped = pickle.load(back)
            except (EOFError, pickle.UnpicklingError):
                helped = [Outcome(job.png, "os", "the chart process ended early") for job in theirs]
        os.waitpid(helper, 0)
    else:
        os.close(read_fd)
    outcomes: list[Outcome | None] = [None] * len(jobs)
    outcomes[0::2], outcomes[1::2] = done, helped
    conn.send(outcomes)


def _font_problems(jobs: list[Job]) -> list[Outcome]:
    """Every job's "font" outcome when any chart lacks a font for its characters (then none is drawn), else []."""
    from .fonts import FontMissing, check_glyphs

    found = []
    for job in jobs:
        try:
            check_glyphs(job.chart, job.style)
            found.append(Outcome(job.png))
        except FontMissing as e:
            found.append(Outcome(job.png, "font", str(e)))
    return found if any(o.kind for o in found) else []


def _draw(job: Job) -> Outcome:
    from .fonts import FontMissing
    from .render import render_chart

    try:
        render_chart(job.chart, job.style, job.box, job.png)
    except FontMissing as e:
        return Outcome(job.png, "font", str(e))
    except OSError as e:
        return Outcome(job.png, "os", e.strerror or str(e))
    return Outcome(job.png)
