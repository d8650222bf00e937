"""Slides rendered as PNG by a LibreOffice kept running: what ``talkdeck watch --preview`` shows.

:class:`UnoRenderer` drives LibreOffice through UNO from a small worker
(``uno_worker.py``) run under a Python that has ``uno`` (see :mod:`.locate`),
talking JSON lines over its stdin and stdout. Every answer has a time limit;
a worker that fails, hangs or has rendered :attr:`UnoRenderer.renders_per_worker`
decks is ended with its LibreOffice (its whole process group) and a new one
started, and a failed render is tried once more; so is one whose deck wants
another locale (Korean and Japanese decks: see :func:`.convert.locale_env`). :class:`ConvertRenderer` is
the fallback where no Python has ``uno``: ``soffice --convert-to pdf`` and
pypdfium2, a new LibreOffice for each deck. Both render a copy of the deck in
which only the wanted slides keep their shapes (:mod:`.sparse`).
"""

from __future__ import annotations

import io
import itertools
import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Protocol

from ..errors import TalkdeckError
from .convert import locale_env
from .locate import find_soffice, find_uno_python, worker_env
from .sparse import keep_slides

WORKER = Path(__file__).with_name("uno_worker.py")

#: Called with each slide's 0-based index and its PNG, as soon as it is made.
OnPicture = Callable[[int, bytes], None]


class RenderFailed(TalkdeckError):
    """LibreOffice could not render the slides, even after a restart."""


class Renderer(Protocol):
    """Something that turns slides of a deck into PNGs."""

    #: How the slides are rendered, for the page and the terminal.
    name: str

    def render(self, deck: bytes, slides: list[int], on_picture: OnPicture) -> None: ...

    def close(self) -> None: ...


def kill_group(pid: int | None) -> None:
    """Kill the process group led by ``pid`` (the process and all it started), if it still runs."""
    if pid is None:
        return
    try:
        if os.name == "nt":
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(pid)], capture_output=True, check=False)
        else:
            os.killpg(pid, signal.SIGKILL)
    except (OSError, subprocess.SubprocessError):
        pass


class _Worker:
    """One running uno_worker.py and its LibreOffice."""

    def __init__(self, python: list[str], soffice: Path, folder: Path, start_limit: float,
                 locale: dict[str, str] | None = None, owner: Path | None = None):
        self.folder = folder
        #: The locale LibreOffice runs in (convert.locale_env: Korean and Japanese decks want their own).
        self.locale = locale or {}
        self.log = (folder / "worker.log").open("wb")
        group = ({"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)} if os.name == "nt"
                 else {"start_new_session": True})
        # ``owner``: the renderer's folder, which the worker removes if talkdeck is killed before it can.
        self.proc = subprocess.Popen([*python, str(WORKER), str(soffice), str(folder / "profile"),
                                      *([str(owner)] if owner else [])],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
                                     env={**worker_env(os.environ), **self.locale}, **group)
        self.lines: queue.Queue[dict | None] = queue.Queue()
        self.soffice_pid: int | None = None
        self.renders = 0
        self.stopped = False
        self.reader = threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True)
        self.reader.start()
        try:
            ready = self.next(start_limit)
            if "error" in ready:
                raise RenderFailed(ready["error"])
        except BaseException:
            self.stop(polite=False)
            raise
        self.soffice_pid = ready.get("soffice_pid")
        self.start_seconds = float(ready.get("seconds", 0.0))

    def _read(self, stream: IO[bytes]) -> None:
        for line in stream:
            try:
                self.lines.put(json.loads(line))
            except ValueError:
                continue
        self.lines.put(None)

    def next(self, limit: float) -> dict:
        """The worker's next answer; RenderFailed if it does not come within ``limit`` seconds or the worker ends."""
        try:
            answer = self.lines.get(timeout=limit)
        except queue.Empty:
            raise RenderFailed(f"LibreOffice did not answer within {limit:g} s") from None
        if answer is None:
            raise RenderFailed(f"LibreOffice stopped ({self.last_words()})")
        return answer

    def last_words(self) -> str:
        try:
            text = (self.folder / "worker.log").read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            text = ""
        lines = [line for line in text.splitlines() if "javaldx" not in line]
        return lines[-1] if lines else f"exit status {self.proc.poll()}"

    def send(self, message: dict) -> None:
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write((json.dumps(message) + "\n").encode())
            self.proc.stdin.flush()
        except OSError:
            raise RenderFailed(f"LibreOffice stopped ({self.last_words()})") from None

    def stop(self, polite: bool = True) -> None:
        """End the worker and its LibreOffice; remove its folder. Nothing is left running."""
        if self.stopped:
            return
        self.stopped = True
        if polite and self.proc.poll() is None:
            try:
                self.send({"op": "quit"})
                self.proc.wait(5)
            except (RenderFailed, subprocess.TimeoutExpired):
                pass
        if self.proc.stdin is not None:
            try:
                self.proc.stdin.close()  # the worker kills its LibreOffice when its stdin closes
            except OSError:
                pass
        kill_group(self.soffice_pid)
        kill_group(self.proc.pid)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            pass
        self.reader.join(5)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class UnoRenderer:
    """Slides exported one by one by a LibreOffice kept running (GraphicExportFilter on each draw page)."""

    name = "LibreOffice (UNO)"

    def __init__(self, python: list[str], soffice: Path, *, width_px: int = 1600, start_limit: float = 90.0,
                 load_limit: float = 60.0, slide_limit: float = 20.0, renders_per_worker: int = 100,
                 log: Callable[[str], None] = lambda line: None):
        self.python, self.soffice, self.width = python, soffice, width_px
        self.start_limit, self.load_limit, self.slide_limit = start_limit, load_limit, slide_limit
        self.renders_per_worker = renders_per_worker
        self.log = log
        self.folder = Path(tempfile.mkdtemp(prefix="talkdeck-preview-"))
        self.worker: _Worker | None = None
        self.restarts = 0
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        """Start LibreOffice now (it takes a few seconds), not at the first render. Raises RenderFailed."""
        with self._lock:
            self._ensure_worker()

    def _ensure_worker(self, locale: dict[str, str] | None = None) -> _Worker:
        if self._closed:
            raise RenderFailed("the preview has ended")
        if self.worker is not None and (self.worker.renders >= self.renders_per_worker
                                        or self.worker.proc.poll() is not None
                                        or (locale is not None and locale != self.worker.locale)):
            self.worker.stop(polite=self.worker.proc.poll() is None)
            self.worker = None
        if self.worker is None:
            folder = Path(tempfile.mkdtemp(prefix="worker-", dir=self.folder))
            try:
                self.worker = _Worker(self.python, self.soffice, folder, self.start_limit, locale, self.folder)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
        return self.worker

    def render(self, deck: bytes, slides: list[int], on_picture: OnPicture) -> None:
        """Render ``slides`` (0-based, in this order) of ``deck``, calling ``on_picture`` as each is made.

        A failure or a hang restarts LibreOffice and the slides not yet made are
        tried once more; raises RenderFailed if that fails too.
        """
        todo = list(slides)
        with self._lock:
            for attempt in (1, 2):
                try:
                    self._render_once(deck, todo, on_picture)
                    return
                except RenderFailed as e:
                    if self.worker is not None:
                        self.worker.stop(polite=False)
                        self.worker = None
                    if self._closed or attempt == 2:
                        raise
                    self.restarts += 1
                    self.log(f"LibreOffice failed ({e}); restarting it")

    def _render_once(self, deck: bytes, todo: list[int], on_picture: OnPicture) -> None:
        worker = self._ensure_worker(locale_env(deck))
        rid = next(self._ids)
        path = worker.folder / f"deck-{rid}.pptx"
        path.write_bytes(keep_slides(deck, set(todo)))
        pngs = [[i, str(worker.folder / f"slide-{rid}-{i}.png")] for i in todo]
        worker.renders += 1
        try:
            worker.send({"id": rid, "op": "render", "deck": str(path), "width": self.width, "slides": pngs})
            limit = self.load_limit + self.slide_limit
            while True:
                answer = worker.next(limit)
                if "error" in answer:
                    raise RenderFailed(answer["error"])
                if answer.get("done"):
                    return
                png = Path(answer["png"])
                data = png.read_bytes()
                png.unlink(missing_ok=True)
                todo.remove(answer["slide"])
                on_picture(answer["slide"], data)
                limit = self.slide_limit
        finally:
            path.unlink(missing_ok=True)

    def soffice_pid(self) -> int | None:
        """The running LibreOffice's process id (None before it starts): for tests that kill it."""
        return self.worker.soffice_pid if self.worker is not None else None

    def close(self) -> None:
        """Stop LibreOffice (even in the middle of a render) and remove the temporary files."""
        self._closed = True
        worker = self.worker
        if worker is not None:
            worker.stop(polite=not self._lock.locked())
        with self._lock:
            self.worker = None
        shutil.rmtree(self.folder, ignore_errors=True)


class ConvertRenderer:
    """The fallback: each deck through ``soffice --convert-to pdf``, the pages wanted drawn by pypdfium2."""

    name = "LibreOffice (convert-to pdf)"

    def __init__(self, soffice: Path, *, width_px: int = 1600, limit: float = 180.0):
        self.soffice, self.width, self.limit = soffice, width_px, limit
        self.folder = Path(tempfile.mkdtemp(prefix="talkdeck-preview-"))
        self._lock = threading.Lock()

    def start(self) -> None:
        pass

    def render(self, deck: bytes, slides: list[int], on_picture: OnPicture) -> None:
        import pypdfium2 as pdfium

        from .convert import to_pdf

        with self._lock:
            pptx, pdf = self.folder / "deck.pptx", self.folder / "deck.pdf"
            pptx.write_bytes(keep_slides(deck, set(slides)))
            try:
                to_pdf(pptx, pdf, timeout=self.limit, soffice=self.soffice)
            except TalkdeckError as e:
                raise RenderFailed(str(e)) from None
            doc = pdfium.PdfDocument(str(pdf))
            try:
                for i in slides:
                    page = doc[i]
                    image = page.render(scale=self.width / page.get_width()).to_pil()
                    out = io.BytesIO()
                    image.save(out, format="PNG")
                    on_picture(i, out.getvalue())
            finally:
                doc.close()

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def open_renderer(soffice: str | None = None, log: Callable[[str], None] = lambda line: None,
                  **limits: float) -> UnoRenderer | ConvertRenderer:
    """The best renderer this machine has, LibreOffice started; raises ToolMissing or RenderFailed."""
    found = find_soffice(soffice)
    python = find_uno_python(found)
    if python is None:
        return ConvertRenderer(found)
    renderer = UnoRenderer(python, found, log=log, **limits)  # type: ignore[arg-type]
    t = time.perf_counter()
    try:
        renderer.start()
    except BaseException:
        renderer.close()
        raise
    log(f"LibreOffice started in {time.perf_counter() - t:.1f} s")
    return renderer
