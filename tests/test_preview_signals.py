"""No LibreOffice outlives `talkdeck watch --preview`: after Ctrl-C, SIGTERM, a closed terminal (SIGHUP) or
a SIGKILL of talkdeck itself, every process it started (the UNO worker, oosplash, soffice.bin) ends.

talkdeck runs as a real process in a session of its own; its descendants are read from /proc while the
preview runs, then watched until they are gone. Waits are hang guards, not timings.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading

import pytest

from .conftest import needs, write_outline
from .livecheck import SMALL_TALK, office_processes, still_running, wait_for

pytestmark = [needs("soffice", "uno"), pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")]


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL],
                         ids=["ctrl-c", "sigterm", "terminal-closed", "sigkill"])
def test_nothing_outlives_the_preview(outline_dir, how):
    write_outline(outline_dir, SMALL_TALK)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    lines: queue.Queue[str] = queue.Queue()
    seen: list[str] = []
    proc = subprocess.Popen([sys.executable, "-m", "talkdeck", "watch", "--preview", "--no-browser", "--port", "0"],
                            cwd=outline_dir, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()

    def printed(prefix: str) -> bool:
        while not lines.empty():
            seen.append(lines.get().rstrip("\n"))
        return any(line.split(" ", 1)[-1].startswith(prefix) for line in seen)

    with proc:
        _watch(proc, how, printed, seen)


def all_gone(started: dict) -> None:
    """Wait until the LibreOffice processes in ``started`` (pid: command line) have ended and the temporary
    folders their command lines name (/tmp/talkdeck-preview-*) are removed; fail if either is still there."""
    folders = {m for cmd in started.values() for m in re.findall(r"/\S*talkdeck-preview-[^/\s]+", cmd)}
    assert folders, started
    wait_for(lambda: not still_running(started), f"{still_running(started)} to end", limit=30)
    wait_for(lambda: not any(os.path.exists(f) for f in folders), f"{folders} to be removed", limit=30)


def _watch(proc, how, printed, seen) -> None:
    try:
        wait_for(lambda: printed("preview: drew") or proc.poll() is not None, "the first pictures")
        assert proc.poll() is None, (seen, proc.stderr.read())
        started = office_processes(proc.pid)
        assert any("soffice.bin" in cmd for cmd in started.values()), started
        assert any("uno_worker" in cmd for cmd in started.values()), started
        proc.send_signal(how)
        proc.wait(timeout=60)
        all_gone(started)
        err = proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    if how != signal.SIGKILL:
        printed("")
        assert seen[-1] == "stopped", seen
        assert "Traceback" not in err, err


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_nothing_outlives_a_preview_stopped_while_libreoffice_starts(outline_dir, how):
    """Stopped while LibreOffice started, the worker's 'did not start' reply hit the closed pipe: BrokenPipeError
    ended it before it had removed talkdeck's temporary folder (13 of 16 tries left /tmp/talkdeck-preview-*)."""
    write_outline(outline_dir, SMALL_TALK)
    proc = subprocess.Popen([sys.executable, "-m", "talkdeck", "watch", "--preview", "--no-browser", "--port", "0"],
                            cwd=outline_dir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    with proc:
        try:
            started = wait_for(lambda: (lambda found: found if any("soffice.bin" in c for c in found.values())
                                        else None)(office_processes(proc.pid)), "LibreOffice to start", step=0.01)
            proc.send_signal(how)
            proc.wait(timeout=60)
            all_gone(started)
            assert "Traceback" not in proc.stderr.read()
        finally:
            if proc.poll() is None:
                proc.kill()
