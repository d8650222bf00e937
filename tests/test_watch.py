"""`talkdeck watch`: a rebuild per change, broken edits keep the last good deck, Ctrl-C ends it.

Every test is bounded: the loop stops after a given number of rebuilds (or a
stop event), and the file is written again every half second until the watcher,
which starts a moment after the first build, has seen it.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from talkdeck.commands.watch import describe_changes, watch

from .conftest import MINIMAL, write_outline

LIMIT_S = 30
STAMP = r"\d\d:\d\d:\d\d"


class Watcher:
    """``watch`` in a thread, with what it printed."""

    def __init__(self, outline: Path, max_rebuilds: int, output: Path | None = None):
        self.out: list[str] = []
        self.err: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=watch, args=(outline, output), daemon=True, kwargs=dict(
            out=self.out.append, err=self.err.append, stop=self.stop, max_rebuilds=max_rebuilds))
        self.thread.start()
        self.wait_for(lambda: any(line.startswith("watching") for line in self.out))

    def wait_for(self, condition) -> None:
        deadline = time.monotonic() + LIMIT_S
        while not condition():
            assert time.monotonic() < deadline, (self.out, self.err)
            time.sleep(0.05)

    def write_until_done(self, write) -> None:
        """Call ``write`` every half second until the loop has made its rebuilds and ended."""
        deadline = time.monotonic() + LIMIT_S
        while self.thread.is_alive():
            if time.monotonic() > deadline:
                self.stop.set()
                pytest.fail(f"no rebuild within {LIMIT_S} s: {self.out} {self.err}")
            write()
            self.thread.join(0.5)


def deck_texts(path: Path) -> list[str]:
    prs = Presentation(str(path))
    return [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame]


def test_an_edit_rebuilds_the_deck_with_one_line(minimal):
    w = Watcher(Path("talk.yaml"), max_rebuilds=1)
    assert re.fullmatch(rf"{STAMP} first build: 6 slides in \d+\.\d\d s → build/talk.pptx", w.out[0])
    assert w.out[1] == "watching talk.yaml and assets/ for changes (Ctrl-C to stop)"
    w.write_until_done(lambda: write_outline(minimal.parent, MINIMAL.replace("- two", "- two, edited")))
    assert re.fullmatch(rf"{STAMP} talk.yaml changed: 6 slides in \d+\.\d\d s → build/talk.pptx", w.out[2])
    assert w.err == []
    assert "one\ntwo, edited" in deck_texts(Path("build/talk.pptx"))


def test_a_broken_edit_prints_its_errors_and_keeps_the_last_good_deck(minimal):
    w = Watcher(Path("talk.yaml"), max_rebuilds=1)
    before = Path("build/talk.pptx").read_bytes()
    w.write_until_done(lambda: write_outline(minimal.parent, MINIMAL.replace("    minutes: 5", "    minutes: five")))
    assert w.err[0] == ("talk.yaml:7:14: sections[0].minutes: wrong type "
                        "(expected a number of minutes such as 1.5, got 'five')")
    assert re.fullmatch(rf"{STAMP} talk.yaml changed: 1 error in the outline; build/talk.pptx is still the "
                        "last good deck", w.err[1])
    assert len(w.out) == 2
    assert Path("build/talk.pptx").read_bytes() == before


def test_a_changed_picture_under_assets_rebuilds(outline_dir):
    (outline_dir / "assets").mkdir()
    picture = outline_dir / "assets" / "map.png"
    Image.new("RGB", (40, 30), "white").save(picture)
    outline = write_outline(outline_dir, MINIMAL.replace(
        "        bullets:\n          - one\n          - two\n", "        image: assets/map.png\n        alt: A map\n"))
    w = Watcher(Path(outline.name), max_rebuilds=1)
    w.write_until_done(lambda: Image.new("RGB", (40, 30), "black").save(picture))
    assert re.fullmatch(rf"{STAMP} assets/map.png changed: 6 slides in \d+\.\d\d s → build/talk.pptx", w.out[2])


def test_the_first_build_may_fail_and_watching_goes_on(outline_dir):
    outline = outline_dir / "talk.yaml"
    w = Watcher(Path(outline.name), max_rebuilds=1)
    assert w.err[0] == "talk.yaml:1:1: no such file (run 'talkdeck new' to start a talk)"
    assert re.fullmatch(rf"{STAMP} first build: 1 error in the outline; build/talk.pptx not written", w.err[1])
    w.write_until_done(lambda: write_outline(outline_dir, MINIMAL))
    assert w.out[0] == "watching talk.yaml and assets/ for changes (Ctrl-C to stop)"
    assert re.fullmatch(rf"{STAMP} talk.yaml changed: 6 slides in \d+\.\d\d s → build/talk.pptx", w.out[1])


def test_changes_are_described_by_file_and_kind(tmp_path):
    from watchfiles import Change

    (tmp_path / "talk.yaml").write_text("x")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "new.png").write_bytes(b"")
    outline = tmp_path / "talk.yaml"
    at = lambda name: str(tmp_path / name)  # noqa: E731
    assert describe_changes({(Change.deleted, at("talk.yaml")), (Change.added, at("talk.yaml"))},
                            tmp_path, outline) == "talk.yaml changed"
    assert describe_changes({(Change.added, at("talk.yaml"))}, tmp_path, outline) == "talk.yaml changed"
    assert describe_changes({(Change.added, at("assets/new.png"))}, tmp_path, outline) == "assets/new.png added"
    assert describe_changes({(Change.deleted, at("assets/old.png"))}, tmp_path, outline) == "assets/old.png deleted"
    assert describe_changes({(Change.modified, at("talk.yaml")), (Change.added, at("assets/new.png"))},
                            tmp_path, outline) == "2 files changed"


def test_ctrl_c_ends_watch_cleanly(minimal):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    lines: queue.Queue[str] = queue.Queue()
    seen: list[str] = []

    def wait_for(pattern: str, write=None) -> None:
        deadline = time.monotonic() + LIMIT_S
        while not any(re.match(pattern, line) for line in seen):
            assert time.monotonic() < deadline, seen
            if write:
                write()
            try:
                seen.append(lines.get(timeout=0.5).rstrip("\n"))
            except queue.Empty:
                pass

    with subprocess.Popen([sys.executable, "-m", "talkdeck", "watch"], cwd=minimal.parent, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        reader = threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True)
        reader.start()
        try:
            wait_for("watching")
            wait_for(rf"{STAMP} talk.yaml changed",
                     lambda: write_outline(minimal.parent, MINIMAL.replace("- two", "- three")))
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=LIMIT_S)
            reader.join(LIMIT_S)
            err = proc.stderr.read()
        finally:
            proc.kill()
    while not lines.empty():
        seen.append(lines.get().rstrip("\n"))
    assert proc.returncode == 0
    assert seen[-1] == "stopped"
    assert "Traceback" not in err


def test_a_picture_outside_assets_that_the_outline_uses_is_watched_too(outline_dir):
    picture = outline_dir / "map.png"
    Image.new("RGB", (40, 30), "white").save(picture)
    outline = write_outline(outline_dir, MINIMAL.replace(
        "        bullets:\n          - one\n          - two\n", "        image: map.png\n        alt: A map\n"))
    w = Watcher(Path(outline.name), max_rebuilds=1)
    w.write_until_done(lambda: Image.new("RGB", (40, 30), "black").save(picture))
    assert re.fullmatch(rf"{STAMP} map.png changed: 6 slides in \d+\.\d\d s → build/talk.pptx", w.out[2])


def test_editors_and_office_lock_and_temporary_files_are_not_changes(minimal):
    from talkdeck.commands.watch import ignored

    assert all(ignored(Path(name)) for name in ("~$talk.pptx", ".~lock.map.png#", ".talk.yaml.swp", "talk.yaml~"))
    assert not any(ignored(Path(name)) for name in ("talk.yaml", "map.png", "swp.png", "a~b.png"))
    (minimal.parent / "assets").mkdir()
    w = Watcher(Path("talk.yaml"), max_rebuilds=1)

    def save() -> None:
        for name in ("~$deck.pptx", ".~lock.map.png#", "map.png.swp", "map.png~"):
            (minimal.parent / "assets" / name).write_bytes(b"lock")
        write_outline(minimal.parent, MINIMAL.replace("- two", "- two, edited"))

    w.write_until_done(save)
    assert re.fullmatch(rf"{STAMP} talk.yaml changed: 6 slides in \d+\.\d\d s → build/talk.pptx", w.out[2])


def test_an_outline_replaced_by_a_link_to_another_folder_is_followed_there(outline_dir, monkeypatch):
    """Edits to the file a link leads to were not seen once the outline had been replaced by the link."""
    talk, elsewhere = outline_dir / "talk", outline_dir / "elsewhere"
    talk.mkdir()
    elsewhere.mkdir()
    write_outline(talk, MINIMAL)
    monkeypatch.chdir(talk)
    w = Watcher(Path("talk.yaml"), max_rebuilds=2)
    write_outline(elsewhere, MINIMAL.replace("- two", "- two, linked"))
    (talk / "link").symlink_to(elsewhere / "talk.yaml")
    os.replace(talk / "link", talk / "talk.yaml")
    w.wait_for(lambda: len(w.out) == 3)
    assert "one\ntwo, linked" in deck_texts(talk / "build" / "talk.pptx")
    w.write_until_done(lambda: write_outline(elsewhere, MINIMAL.replace("- two", "- two, edited there")))
    assert "one\ntwo, edited there" in deck_texts(talk / "build" / "talk.pptx")


def test_a_deck_written_under_assets_is_no_change_to_rebuild_for(minimal):
    """-o assets/deck.pptx: the deck, its run sheet and charts written under assets/ were changes, and each build
    set off the next, about seven a second, forever."""
    (minimal.parent / "assets").mkdir()
    w = Watcher(Path("talk.yaml"), max_rebuilds=3, output=Path("assets/deck.pptx"))
    w.write_until_done(lambda: write_outline(minimal.parent, MINIMAL.replace("- two", "- two, edited")))
    assert len(w.out) == 5, w.out
    assert all(re.fullmatch(rf"{STAMP} talk.yaml changed: 6 slides in \d+\.\d\d s → assets/deck.pptx", line)
               for line in w.out[2:]), w.out
