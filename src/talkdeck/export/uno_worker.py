"""The UNO side of the live preview: a LibreOffice kept running, slides exported one by one as PNG.

Run by talkdeck under a Python that can ``import uno`` (LibreOffice's own on
macOS and Windows, Debian's ``/usr/bin/python3`` with ``python3-uno``), never
imported by talkdeck itself: it uses the standard library and ``uno`` only,
and stays within Python 3.8, the oldest LibreOffice ships.

    python uno_worker.py SOFFICE PROFILE_DIR [OWNER_DIR]

It starts ``soffice`` headless with the private profile PROFILE_DIR, in a
process group of its own, and answers requests read as JSON lines on stdin
with JSON lines on stdout:

    → {"ready": true, "soffice_pid": 1234, "seconds": 2.4}        once started
    ← {"id": 7, "op": "render", "deck": "/tmp/d.pptx", "width": 1600,
       "slides": [[4, "/tmp/s4.png"], [9, "/tmp/s9.png"]]}          0-based slide indexes
    → {"id": 7, "slide": 4, "png": "/tmp/s4.png", "seconds": 0.05}  one line per slide, in order
    → {"id": 7, "done": true, "load": 0.31, "pages": 25}
    → {"id": 7, "error": "..."}                                      then the worker exits
    ← {"op": "quit"}

Each PNG is written under another name and renamed into place, so a reader
never sees half of one. When stdin closes (talkdeck ended, even by SIGKILL)
LibreOffice is killed and its profile removed: nothing outlives the preview;
when talkdeck itself is gone, OWNER_DIR (its temporary folder) goes too.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time

import uno  # type: ignore[import-not-found]  # only under LibreOffice's Python
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

START_LIMIT_S = 90.0


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


class Output:
    """The JSON-lines channel to talkdeck: the real stdout, kept apart so that nothing else can write to it."""

    def __init__(self):
        self.stream = os.fdopen(os.dup(1), "w", encoding="utf-8")
        os.dup2(2, 1)  # anything else printed goes to stderr
        self.lock = threading.Lock()

    def send(self, **message) -> None:
        """Write one line; nothing if talkdeck is gone (its end closes stdin too, and :func:`main`'s ``end`` runs:
        an exception here would end this process before it had killed LibreOffice and removed its folders)."""
        with self.lock:
            try:
                self.stream.write(json.dumps(message) + "\n")
                self.stream.flush()
            except OSError:
                pass


def kill_tree(proc) -> None:
    """Kill ``proc`` (soffice) and every process it started."""
    if proc is None or proc.poll() is not None:
        return
    try:
        if os.name == "nt":
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, check=False)
        else:
            os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        pass


class Office:
    """soffice started headless with a private profile, and the UNO objects to drive it."""

    def __init__(self, soffice: str, profile: str):
        self.profile = profile
        self.pipe = f"talkdeck_{os.getpid()}_{int(time.time() * 1000) % 100000}"
        connection = f"pipe,name={self.pipe};urp;StarOffice.ComponentContext"
        cmd = [soffice, "-env:UserInstallation=" + uno.systemPathToFileUrl(profile), "--headless", "--invisible",
               "--nologo", "--norestore", "--nodefault", "--nolockcheck", "--nofirststartwizard",
               "--accept=" + connection]
        group = ({"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)} if os.name == "nt"
                 else {"start_new_session": True})
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, **group)

    def connect(self) -> None:
        """Wait until soffice answers on its pipe; raises RuntimeError if it exits or takes too long."""
        connection = f"pipe,name={self.pipe};urp;StarOffice.ComponentContext"
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + START_LIMIT_S
        while True:
            try:
                self.ctx = resolver.resolve("uno:" + connection)
                break
            except Exception:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"soffice exited with status {self.proc.returncode} while starting") from None
                if time.monotonic() > deadline:
                    raise RuntimeError(f"soffice did not answer within {START_LIMIT_S:.0f} s") from None
                time.sleep(0.05)
        self.smgr = self.ctx.ServiceManager
        self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)

    def render(self, request: dict, out: Output) -> None:
        """Export the requested slides of the request's deck, one reply line each."""
        rid, width = request["id"], int(request.get("width", 1600))
        t = time.perf_counter()
        doc = self.desktop.loadComponentFromURL(uno.systemPathToFileUrl(request["deck"]), "_blank", 0,
                                                (prop("Hidden", True), prop("ReadOnly", True)))
        if doc is None:
            raise RuntimeError("LibreOffice could not open the deck")
        load = time.perf_counter() - t
        try:
            pages = doc.getDrawPages()
            export = self.smgr.createInstanceWithContext("com.sun.star.drawing.GraphicExportFilter", self.ctx)
            for index, png in request["slides"]:
                t = time.perf_counter()
                page = pages.getByIndex(index)
                height = round(width * page.Height / page.Width)
                # Opaque and lightly compressed: the same pixels as the defaults in two thirds of the time
                # (most of an export is LibreOffice's PNG encoder, not drawing the slide).
                data = uno.Any("[]com.sun.star.beans.PropertyValue",
                               (prop("PixelWidth", width), prop("PixelHeight", height),
                                prop("Translucent", False), prop("Compression", 1)))
                part = png + ".part"
                export.setSourceDocument(page)
                export.filter((prop("URL", uno.systemPathToFileUrl(part)), prop("MediaType", "image/png"),
                               prop("FilterData", data)))
                os.replace(part, png)
                out.send(id=rid, slide=index, png=png, seconds=round(time.perf_counter() - t, 4))
            out.send(id=rid, done=True, load=round(load, 4), pages=pages.getCount())
        finally:
            doc.close(True)

    def quit(self) -> None:
        try:
            self.desktop.terminate()
        except Exception:
            pass
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass
        kill_tree(self.proc)


def parent_gone(parent: int, wait: float = 1.0) -> bool:
    """Whether the process that started this one has ended (this one was handed to another parent).

    Its pipes close a moment before it is gone, so a closed stdin is given ``wait`` seconds to be that.
    """
    deadline = time.monotonic() + wait
    while os.getppid() == parent:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def main(argv) -> int:
    soffice, profile = argv[1], argv[2]
    owner = argv[3] if len(argv) > 3 else None
    parent = os.getppid()
    out = Output()
    office = None
    lines: queue.Queue = queue.Queue()

    ending = threading.Lock()

    def end(status: int) -> None:
        """Kill LibreOffice, remove its profile, and exit at once (from any thread; the first to call it does)."""
        ending.acquire()  # never released: a second caller waits for the first one's os._exit
        kill_tree(office.proc if office is not None else None)
        shutil.rmtree(profile, ignore_errors=True)
        if owner and parent_gone(parent):  # nobody else will remove talkdeck's temporary folder
            shutil.rmtree(owner, ignore_errors=True)
        os._exit(status)

    def read_stdin() -> None:
        for line in sys.stdin:
            lines.put(line)
        end(0)  # talkdeck is gone (or closed the pipe): nothing may outlive it

    threading.Thread(target=read_stdin, daemon=True).start()
    t = time.perf_counter()
    try:
        office = Office(soffice, profile)
        office.connect()
    except Exception as e:
        out.send(error=f"LibreOffice did not start: {e}")
        end(1)
    assert office is not None
    out.send(ready=True, soffice_pid=office.proc.pid, seconds=round(time.perf_counter() - t, 3))
    while True:
        request = json.loads(lines.get())
        if request.get("op") == "quit":
            office.quit()
            end(0)
        try:
            office.render(request, out)
        except Exception as e:  # LibreOffice crashed, hung up or refused: talkdeck starts another worker
            out.send(id=request.get("id"), error=f"{type(e).__name__}: {e}")
            end(1)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
