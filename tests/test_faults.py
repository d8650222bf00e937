"""Nothing lost, nothing read or sent that should not be: atomic output under real signals,
unwritable outputs, stale temporary files, and no network."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from talkdeck import build as build_module

from .conftest import MINIMAL, TALK, write_outline


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def big_talk(tmp_path_factory):
    """A folder with a good deck already built, and an outline big enough to take seconds to build."""
    folder = tmp_path_factory.mktemp("big")
    slides = "".join(f"      - title: Slide {i}\n        bullets: [a point about slide {i}, another]\n"
                     f"        notes: Notes for slide {i}.\n" for i in range(1500))
    write_outline(folder, MINIMAL.split("    slides:\n")[0] + "    slides:\n" + slides)
    start = time.perf_counter()  # a whole build, timed: the signals below land at fractions of it
    subprocess.run([sys.executable, "-m", "talkdeck", "build", "-q", "-o", "timed.pptx"], cwd=folder, check=True)
    seconds = time.perf_counter() - start
    write_outline(folder, MINIMAL)
    subprocess.run([sys.executable, "-m", "talkdeck", "build", "-q"], cwd=folder, check=True)
    write_outline(folder, MINIMAL.split("    slides:\n")[0] + "    slides:\n" + slides)
    return folder, seconds


@pytest.mark.parametrize("sig, fraction, code", [
    (signal.SIGINT, 0.15, 130), (signal.SIGINT, 0.5, 130), (signal.SIGTERM, 0.3, 143), (signal.SIGTERM, 0.6, 143),
    (signal.SIGKILL, 0.3, -9), (signal.SIGKILL, 0.6, -9),
])
def test_a_signal_mid_build_leaves_the_previous_deck_byte_identical(big_talk, sig, fraction, code):
    folder, seconds = big_talk
    deck = folder / "build" / "talk.pptx"
    before = digest(deck)
    # On a busy machine a build can run faster than the timed one and finish before the signal
    # lands; that run proves nothing, so it is repeated with the signal sent earlier.
    for attempt in range(4):
        proc = subprocess.Popen([sys.executable, "-m", "talkdeck", "build", "-q"], cwd=folder,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(seconds * fraction / 2 ** attempt)
        if proc.poll() is None:
            proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
        if proc.returncode != 0:
            break
        before = digest(deck)  # the build finished first: its deck is now the previous one
    assert proc.returncode == code
    now = digest(deck)
    # The signal lands before the rename (the previous deck, byte for byte) or, rarely on a busy
    # machine, after it (the new deck, whole: equal to the timed build's); never anything between.
    assert now in (before, digest(folder / "timed.pptx"))
    if sig != signal.SIGKILL:
        assert err == ("talkdeck: interrupted; build/talk.pptx was not changed\n" if now == before else
                       "talkdeck: interrupted after build/talk.pptx was written; it is the new, complete deck\n")
        assert list(deck.parent.glob(".*.tmp")) == []


def test_the_next_build_removes_temporary_files_a_kill_left(minimal, run_cli):
    Path("build").mkdir()
    stale = Path("build/.talk.pptx.abc123.tmp")
    stale.write_bytes(b"half a deck")
    assert run_cli("build").exit_code == 0
    assert not stale.exists()


def test_a_deck_held_open_elsewhere_gets_a_clear_message(minimal, run_cli, monkeypatch):
    assert run_cli("build").exit_code == 0
    before = digest(Path("build/talk.pptx"))

    def refuse(src, dst):  # what Windows does while PowerPoint holds the file
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(build_module.os, "replace", refuse)
    write_outline(minimal.parent, MINIMAL.replace("one", "uno"))
    result = run_cli("build")
    assert result.exit_code == 2
    assert result.stderr == ("build/talk.pptx: cannot replace the file (Permission denied); is it open in "
                             "PowerPoint or another program? Close it and build again; the previous file is "
                             "unchanged\n")
    assert digest(Path("build/talk.pptx")) == before
    assert list(Path("build").glob(".*.tmp")) == []


def test_an_output_folder_that_cannot_be_made_gets_a_clear_message(minimal, run_cli):
    Path("blocked").write_text("a file where a folder should be")
    result = run_cli("build", "-o", "blocked/talk.pptx")
    assert result.exit_code == 2
    assert result.stderr == "blocked: cannot create the folder (File exists)\n"


def test_building_the_shipped_talk_never_opens_a_socket(tmp_path, monkeypatch):
    import shutil
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("talkdeck tried to use the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    shutil.copy(TALK, tmp_path / "talk.yaml")
    shutil.copytree(TALK.parent / "assets", tmp_path / "assets")  # the bibliography the talk cites
    result = build_module.build(tmp_path / "talk.yaml", use_cache=False)
    assert result.slides > 20


def test_no_yaml_tag_constructs_an_object(outline_dir, run_cli):
    marker = outline_dir / "pwned"
    write_outline(outline_dir, MINIMAL.replace(
        "title: A small talk", f"title: !!python/object/apply:os.system ['touch {marker}']"))
    assert run_cli("build").exit_code == 2
    assert not marker.exists()


def test_a_temporary_file_of_a_build_still_running_is_left_alone(minimal, run_cli):
    Path("build").mkdir()
    running = Path(f"build/.talk.pptx.{os.getpid()}.feedbeef.tmp")  # this process is alive
    dead = Path("build/.talk.pptx.999999999.feedbeef.tmp")  # no such process
    running.write_bytes(b"another build's deck, half written")
    dead.write_bytes(b"a killed build's deck")
    assert run_cli("build").exit_code == 0
    assert running.exists() and not dead.exists()


def test_chart_names_never_become_paths(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL.replace(
        "        bullets:\n          - one\n          - two\n", '        chart: "../../escaped/x"\n')
        + 'charts:\n  "../../escaped/x": {type: bar, title: T, source: S, data: {a: 1}}\n')
    assert run_cli("build").exit_code == 0
    pngs = [p.relative_to(outline_dir).as_posix() for p in outline_dir.rglob("*.png")]
    assert len(pngs) == 1 and pngs[0].startswith("build/charts/escaped-x-")
