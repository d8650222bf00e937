"""``talkdeck watch --preview``: the page on 127.0.0.1 that shows each slide as LibreOffice draws it.

The standard library's HTTP server in a thread; the page (``talkdeck/data/live.*``,
no script or font from the internet) follows the preview through Server-Sent
Events: a whole :meth:`~talkdeck.commands.live.LivePreview.state` each time
anything changes, then the pictures that changed, by version. Requests whose
Host is not this server's loopback address are refused, so that no other web
page the browser has open can read the talk through a DNS name pointed here;
so are requests another site's page makes (their Origin or Sec-Fetch-Site
says so). A client that says nothing for :data:`IDLE_S` is dropped, and one
that goes away mid-answer is no error.
"""

from __future__ import annotations

import errno
import json
import re
import sys
import threading
import webbrowser
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import TalkdeckError
from .live import LivePreview

#: The port tried first when none is given (another is taken when it is busy).
DEFAULT_PORT = 8765
#: How long the folder must be quiet before a save is built: less than watch's 50 ms, as every
#: millisecond shows on the page (an editor's writes and rename come well within it).
QUIET_MS = 20
#: Seconds between keep-alive comments on an idle event stream.
KEEP_ALIVE_S = 10.0
#: Seconds a connection may wait for a request (or a client take to read an answer) before it is closed:
#: a client that opens connections and says nothing holds no thread for long.
IDLE_S = 60.0
#: The largest body a POST may have (the page sends ``{"slide": N}``).
MAX_BODY = 4096
#: What the page may load: its own files only, and it may not be framed by another page.
SECURITY_HEADERS = (("Content-Security-Policy", "default-src 'self'; object-src 'none'; base-uri 'none'; "
                     "form-action 'none'; frame-ancestors 'none'"), ("X-Content-Type-Options", "nosniff"))

PAGES = {"/": ("live.html", "text/html; charset=utf-8"), "/live.js": ("live.js", "text/javascript; charset=utf-8"),
         "/live.css": ("live.css", "text/css; charset=utf-8")}


def page_file(name: str) -> bytes:
    """One of the page's files, shipped as package data."""
    return resources.files("talkdeck").joinpath("data", name).read_bytes()


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], preview: LivePreview):
        super().__init__(address, Handler)
        self.preview = preview
        self.hosts = {f"127.0.0.1:{self.server_port}", f"localhost:{self.server_port}"}
        self.origins = {f"http://{host}" for host in self.hosts}

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away mid-answer is no error; anything else is one line, not a traceback."""
        e = sys.exc_info()[1]
        if not isinstance(e, OSError):
            sys.stderr.write(f"preview: a request failed ({type(e).__name__}: {e})\n")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}/"


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    timeout = IDLE_S

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass  # one line per picture would bury the build lines

    def _allowed(self) -> bool:
        """Only this server's own address (a DNS name pointed at 127.0.0.1 is not), and not another site's page."""
        hosts, origins = self.server.hosts, self.server.origins
        named = urlsplit(self.path).netloc  # a request line naming a whole URL names its host there
        # A link to the page on another site may open it (it cannot read it, nor frame it: frame-ancestors).
        opened = self.command == "GET" and self.headers.get("Sec-Fetch-Mode") == "navigate"
        if (self.headers.get("Host", "") in hosts and named in ("", *hosts)
                and self.headers.get("Origin", "") in ("", *origins)
                and (self.headers.get("Sec-Fetch-Site", "none") in ("none", "same-origin") or opened)):
            return True
        self._send(HTTPStatus.FORBIDDEN, b"this preview answers only its own page on 127.0.0.1\n", "text/plain")
        return False

    def _send(self, status: HTTPStatus, body: bytes, kind: str, cache: str = "no-store") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        for name, value in SECURITY_HEADERS:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if not self._allowed():
            return
        path = urlsplit(self.path).path
        preview = self.server.preview
        if path in PAGES:
            name, kind = PAGES[path]
            self._send(HTTPStatus.OK, page_file(name), kind)
        elif path == "/state":
            self._send(HTTPStatus.OK, json.dumps(preview.state()).encode(), "application/json")
        elif path == "/favicon.ico":
            self.send_response(HTTPStatus.NO_CONTENT)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/events":
            self._events()
        elif number := re.fullmatch(r"/slide/([0-9]{1,9})\.png", path):
            self._picture(preview.picture(int(number[1])), "no-store")
        elif key := re.fullmatch(r"/picture/([0-9]{1,9})/[0-9]{1,9}\.png", path):
            # /picture/KEY/VERSION.png: the page names each picture by slide key and version (and the run,
            # in the query), and never asks for an old one again, so the browser may keep it.
            self._picture(preview.picture_of(int(key[1])), "private, max-age=86400")
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain")

    def _picture(self, png: bytes | None, cache: str) -> None:
        if png is None:
            self._send(HTTPStatus.NOT_FOUND, b"no picture yet\n", "text/plain")
        else:
            self._send(HTTPStatus.OK, png, "image/png", cache)

    def do_POST(self) -> None:  # noqa: N802
        if not self._allowed():
            return
        length = self.headers.get("Content-Length", "0")
        if not re.fullmatch(r"[0-9]{1,9}", length) or int(length) > MAX_BODY:
            self.close_connection = True  # the body, if any, is not read
            self._send(HTTPStatus.BAD_REQUEST, b"expected a Content-Length of at most 4096\n", "text/plain")
            return
        body = self.rfile.read(int(length))
        if urlsplit(self.path).path == "/view":
            try:
                slide = json.loads(body)["slide"]
            except (ValueError, KeyError, TypeError):
                slide = None
            if type(slide) is not int or not 0 <= slide <= 1_000_000:
                self._send(HTTPStatus.BAD_REQUEST, b"expected {\"slide\": N}\n", "text/plain")
                return
            self.server.preview.set_view(slide)
            self.send_response(HTTPStatus.NO_CONTENT)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain")

    def _events(self) -> None:
        """The event stream: the state now, then each new state, until the page goes or the preview ends."""
        preview = self.server.preview
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        state: dict | None = preview.state()
        try:
            while not preview.closed:
                if state is None:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    self.wfile.write(b"data: " + json.dumps(state).encode() + b"\n\n")
                    seq = state["seq"]
                self.wfile.flush()
                state = preview.wait(seq, KEEP_ALIVE_S)
        except OSError:  # the page was closed or reloaded
            pass


def start_server(preview: LivePreview, port: int | None) -> PreviewServer:
    """Serve the page on 127.0.0.1 in a thread. ``port`` None: DEFAULT_PORT, or any free one if it is busy.

    Raises TalkdeckError when the port asked for is taken.
    """
    for candidate in ([port] if port is not None else [DEFAULT_PORT, 0]):
        try:
            server = PreviewServer(("127.0.0.1", candidate), preview)
        except OSError as e:
            if e.errno != errno.EADDRINUSE or port is not None:
                raise TalkdeckError(f"--port {candidate}: cannot serve the preview there ({e.strerror}); "
                                    "give another port, or none") from None
            continue
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True,
                         name="talkdeck-preview-server").start()
        return server
    raise AssertionError("port 0 is always free")


def watch_with_preview(outline: Path, output: Path | None, *, use_cache: bool, allow_outside: bool, port: int | None,
                       open_browser: bool, soffice: str | None, out: Callable[[str], None],
                       err: Callable[[str], None], stop=None, max_rebuilds: int | None = None) -> int:
    """``watch`` with the page: serve it, start LibreOffice beside the first build, and end both at the end.

    Returns what :func:`~talkdeck.commands.watch.watch` returns; KeyboardInterrupt propagates after the clean-up.
    """
    from ..export.live import RenderFailed, open_renderer
    from .watch import watch

    preview = LivePreview(out, err)
    server = start_server(preview, port)
    try:
        out(f"preview {server.url}")

        def start_office() -> None:
            try:
                renderer = open_renderer(soffice, log=lambda line: out(f"preview: {line}"))
            except (TalkdeckError, RenderFailed) as e:
                preview.office_missing(str(e))
                err(f"preview: {e}")
                return
            preview.attach(renderer)

        def warm_up() -> None:
            if preview.wait_drawn(600) and not preview.closed:
                from ..charts.render import warm_up

                warm_up()

        threading.Thread(target=start_office, name="talkdeck-office", daemon=True).start()
        threading.Thread(target=warm_up, name="talkdeck-warm-up", daemon=True).start()
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()
        return watch(outline, output, use_cache=use_cache, allow_outside=allow_outside, out=out, err=err,
                     stop=stop, max_rebuilds=max_rebuilds, listener=preview, quiet_ms=QUIET_MS)
    finally:
        preview.close()
        server.shutdown()
        server.server_close()
