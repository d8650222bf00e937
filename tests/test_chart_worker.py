"""Charts drawn in a worker process beside the build (charts/pool.py): the same pictures as drawn in the
build's own process, the same messages, nothing left behind, and the build's own drawing when the worker fails."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from talkdeck.build import build
from talkdeck.charts import pool
from talkdeck.errors import OutlineError

from .conftest import ROOT, write_outline

pytestmark = pytest.mark.skipif(not pool.can_fork(), reason="charts are drawn in the build's process here")

CHARTS = """\
title: Charts
speaker: {name: Ada Example, bio: Ada gives talks.}
charts:
  one: {type: bar, title: One, source: S, data: {a: 1, b: 2, c: 3}}
  two: {type: line, title: Two, source: S, categories: ['2020', '2021', '2022'], series: {x: [1, 3, 2]}}
  three: {type: barh, title: Three, source: S, data: {d: 4, e: 5}}
sections:
  - title: Part
    slides:
      - {title: First, chart: one, notes: n}
      - {title: Second, chart: two, notes: n}
      - {title: Third, chart: three, notes: n}
"""


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.png"))}


def children() -> set[int]:
    """The processes this test process has started that are still running (not zombies)."""
    out = subprocess.run(["ps", "-o", "pid=,stat=,comm=", "--ppid", str(os.getpid())], capture_output=True, text=True)
    rows = [line.split() for line in out.stdout.splitlines()]
    return {int(pid) for pid, stat, command in rows if stat[0] != "Z" and command != "ps"}


def test_the_worker_draws_the_same_pictures_and_the_same_deck(outline_dir, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    write_outline(outline_dir, CHARTS)
    here = build(outline_dir / "talk.yaml", outline_dir / "here" / "talk.pptx")
    beside = build(outline_dir / "talk.yaml", outline_dir / "beside" / "talk.pptx", background_charts=True)
    assert here.drawn == beside.drawn == 3
    assert digest(outline_dir / "here" / "charts") == digest(outline_dir / "beside" / "charts")
    assert (outline_dir / "here" / "talk.pptx").read_bytes() == (outline_dir / "beside" / "talk.pptx").read_bytes()
    assert children() == set()


def test_a_build_whose_charts_are_cached_starts_no_worker_and_one_with_a_changed_chart_does(outline_dir,
                                                                                            monkeypatch):
    """No process importing matplotlib when every chart is cached; one when the plan shows a chart to draw."""
    write_outline(outline_dir, CHARTS)
    build(outline_dir / "talk.yaml")
    started = []

    class Counted(pool.ChartWorker):
        def __init__(self) -> None:
            started.append(self)
            super().__init__()

    monkeypatch.setattr("talkdeck.build.ChartWorker", Counted)
    again = build(outline_dir / "talk.yaml", background_charts=True)
    assert again.drawn == 0 and started == []
    write_outline(outline_dir, CHARTS.replace("data: {d: 4, e: 5}", "data: {d: 4, e: 6}"))
    changed = build(outline_dir / "talk.yaml", background_charts=True)
    assert changed.drawn == 1 and len(started) == 1
    assert children() == set()


def test_a_font_missing_is_the_same_message_from_the_worker(outline_dir):
    write_outline(outline_dir, CHARTS.replace("data: {a: 1, b: 2, c: 3}", "data: {\U0001F9EA: 1, b: 2}"))
    with pytest.raises(OutlineError) as here:
        build(outline_dir / "talk.yaml")
    with pytest.raises(OutlineError) as beside:
        build(outline_dir / "talk.yaml", background_charts=True)
    assert [str(p) for p in beside.value.problems] == [str(p) for p in here.value.problems]
    assert "a chart cannot draw emoji ('\U0001F9EA')" in str(here.value.problems[0])
    assert not (outline_dir / "build" / "charts").exists()  # nothing drawn, the folder it made removed
    assert children() == set()


def test_a_worker_that_dies_leaves_the_charts_to_the_build(outline_dir, monkeypatch):
    write_outline(outline_dir, CHARTS)
    monkeypatch.setattr(pool, "_serve", lambda conn: os._exit(3))
    result = build(outline_dir / "talk.yaml", background_charts=True)
    assert result.drawn == 3 and len(digest(outline_dir / "build" / "charts")) == 3
    assert children() == set()


def test_a_build_stopped_while_the_worker_draws_leaves_no_chart_and_no_process(outline_dir):
    """SIGTERM to the command while its worker draws: the worker and its helper end, their PNGs go."""
    write_outline(outline_dir, CHARTS)
    # Slow the drawing down so that the signal lands while charts are being drawn.
    (outline_dir / "slow.py").write_text(
        "import time, talkdeck.charts.render as r\n"
        "_draw = r.render_chart\n"
        "def slow(*a, **k):\n    time.sleep(1.0)\n    return _draw(*a, **k)\n"
        "r.render_chart = slow\n"
        "from talkdeck.commands.cli import main\nmain()\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "slow.py", "build"], cwd=outline_dir, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list((outline_dir / "build").glob("charts")):
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    time.sleep(0.5)
    assert not (outline_dir / "build" / "charts").exists() or list((outline_dir / "build" / "charts").iterdir()) == []
    leftover = subprocess.run(["pgrep", "-f", "talkdeck-charts|slow.py"], capture_output=True, text=True).stdout
    assert leftover.strip() == ""
