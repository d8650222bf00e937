"""Helpers for the live preview's tests: a small talk, the preview in a thread, Chromium, process trees."""

from __future__ import annotations

import re
import shutil
import threading
import time
from pathlib import Path

import pytest

#: Generous: LibreOffice's start alone takes 2–5 s on a busy 2-core machine. A hang guard, not a timing test.
LIMIT_S = 90

SMALL_TALK = """\
title: A small talk
speaker:
  name: Ada Example
  bio: Ada gives small talks.
charts:
  growth:
    type: bar
    title: Growth
    unit: units
    data:
      A: 3
      B: 5
    source: Made up for a test
sections:
  - title: Only part
    minutes: 5
    slides:
      - title: First point
        bullets:
          - one
          - two
        notes: Say one, then two.
      - title: Second point
        bullets:
          - three
          - four
        notes: Say three.
      - title: A chart
        chart: growth
        notes: Point at B.
      - title: Fourth point
        bullets:
          - five
        notes: Say five.
"""

#: Debian's Chromium as the machine notes say it runs here: no sandbox as root, nothing fetched at start.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def wait_for(condition, what: str, limit: float = LIMIT_S, step: float = 0.05):
    """Poll ``condition`` until it is true (returns its value); fails the test after ``limit`` seconds."""
    deadline = time.monotonic() + limit
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"waited {limit} s for {what}")
        time.sleep(step)


class LiveRun:
    """``watch_with_preview`` in a thread on a free port, with what it printed."""

    def __init__(self, outline: Path, **kwargs):
        from talkdeck.commands.serve import watch_with_preview

        self.out: list[str] = []
        self.err: list[str] = []
        self.stop = threading.Event()
        self.error: BaseException | None = None

        def run():
            try:
                watch_with_preview(outline, None, use_cache=True, allow_outside=False, port=0, open_browser=False,
                                   soffice=kwargs.get("soffice"), out=self.out.append, err=self.err.append,
                                   stop=self.stop)
            except BaseException as e:  # shown by the test that waits
                self.error = e

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        line = wait_for(lambda: next((x for x in self.out if x.startswith("preview http://")), None),
                        "the preview's address")
        self.url = line.split()[1]
        wait_for(lambda: any(x.startswith("watching") for x in self.out) or self.error, "the first build")

    def close(self) -> None:
        self.stop.set()
        self.thread.join(LIMIT_S)
        assert not self.thread.is_alive()


def process_table() -> dict[int, tuple[int, str]]:
    """pid → (parent pid, command line) of every process (Linux /proc)."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] == "Z":  # a zombie has ended; only its parent has not read its status yet
            continue
        table[int(entry.name)] = (int(fields[1]), cmd)
    return table


def descendants(pid: int) -> dict[int, str]:
    """Every living process started by ``pid``, directly or not: pid → command line."""
    table = process_table()
    found: dict[int, str] = {}
    frontier = {pid}
    while frontier:
        frontier = {p for p, (parent, _) in table.items() if parent in frontier and p not in found}
        found.update({p: table[p][1] for p in frontier})
    return found


def still_running(pids: dict[int, str]) -> dict[int, str]:
    """Those of ``pids`` that still run the same command."""
    table = process_table()
    return {p: cmd for p, cmd in pids.items() if p in table and table[p][1] == cmd}


def office_processes(pid: int) -> dict[int, str]:
    """The preview's processes under ``pid``: the UNO worker and LibreOffice."""
    return {p: cmd for p, cmd in descendants(pid).items() if re.search(r"uno_worker|soffice|oosplash", cmd)}


def have_libreoffice() -> bool:
    return shutil.which("soffice") is not None
