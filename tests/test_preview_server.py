"""The preview's HTTP server against hostile clients, without LibreOffice or a browser: odd paths and bodies get
an answer and no traceback, another site's page is refused, a client that vanishes mid-answer or says nothing
is let go. Waits are hang guards, not timings."""

from __future__ import annotations

import socket
import struct
import threading

import pytest

from talkdeck.commands import serve
from talkdeck.commands.live import LivePreview, Slide

from .livecheck import wait_for


@pytest.fixture
def server():
    preview = LivePreview(log=lambda line: None, err=lambda line: None)
    # One slide whose picture is far larger than a socket's buffers, so that writing it blocks on a slow client.
    preview.slides = [Slide("One", "", "", "look", key=1, picture=b"\x89PNG\r\n\x1a\n" + bytes(16_000_000))]
    started = serve.start_server(preview, 0)
    yield started
    started.shutdown()
    started.server_close()
    preview.close()


def ask(server, request: bytes) -> bytes:
    """Send ``request`` as it is; the whole answer (the server closes the connection)."""
    with socket.create_connection(("127.0.0.1", server.server_port), timeout=30) as s:
        s.sendall(request)
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    return answer


def status(server, request: bytes) -> int:
    return int(ask(server, request).split(b" ", 2)[1])


def get(server, path: bytes, *headers: bytes) -> bytes:
    host = b"Host: 127.0.0.1:%d\r\n" % server.server_port
    return b"GET " + path + b" HTTP/1.1\r\n" + host + b"".join(h + b"\r\n" for h in headers) + b"Connection: close\r\n\r\n"


def post(server, body: bytes, length: bytes | None = None) -> bytes:
    host = b"Host: 127.0.0.1:%d\r\n" % server.server_port
    length = str(len(body)).encode() if length is None else length
    return b"POST /view HTTP/1.1\r\n" + host + b"Content-Length: " + length + b"\r\nConnection: close\r\n\r\n" + body


def test_odd_paths_and_bodies_get_an_answer_and_no_traceback(server, capsys):
    cases = [
        (get(server, b"/slide/1.png"), 200),
        (get(server, b"/picture/1/3.png"), 200),
        (get(server, b"/slide/\xb2.png"), 404),  # a digit to str.isdigit(), not to int()
        (get(server, b"/slide/" + b"9" * 5000 + b".png"), 404),  # past int()'s 4,300 digits
        (get(server, b"/picture/" + b"9" * 5000 + b"/1.png"), 404),
        (get(server, b"/slide/../../etc/passwd"), 404),
        (get(server, b"/%2e%2e/%2e%2e/etc/passwd"), 404),
        (get(server, b"/\x00/etc/passwd"), 404),
        (post(server, b"", b"abc"), 400),
        (post(server, b'{"slide": 2}', b"-1"), 400),  # read(-1) waited for the client to close
        (post(server, b"x" * 5000), 400),
        (post(server, b'{"slide": 1e999}'), 400),  # OverflowError: float infinity to integer
        (post(server, b'{"slide": -3}'), 400),
        (post(server, b'{"slide": 2}'), 204),
    ]
    assert [status(server, request) for request, _ in cases] == [expected for _, expected in cases]
    assert "Traceback" not in capsys.readouterr().err


def test_another_sites_page_is_refused(server):
    port = server.server_port
    assert status(server, get(server, b"/state", b"Origin: http://127.0.0.1:%d" % port)) == 200
    assert status(server, get(server, b"/state", b"Sec-Fetch-Site: same-origin")) == 200
    assert status(server, get(server, b"/state", b"Sec-Fetch-Site: none")) == 200
    # A page of another site (or a local one on another port) may not read or steer the preview.
    assert status(server, get(server, b"/state", b"Origin: http://evil.example")) == 403
    assert status(server, get(server, b"/state", b"Origin: http://127.0.0.1:1")) == 403
    assert status(server, get(server, b"/slide/1.png", b"Sec-Fetch-Site: cross-site")) == 403
    assert status(server, get(server, b"/state", b"Sec-Fetch-Site: same-site")) == 403
    # A link to the page on another site opens it (a navigation: that site cannot read what it shows).
    assert status(server, get(server, b"/", b"Sec-Fetch-Site: cross-site", b"Sec-Fetch-Mode: navigate")) == 200
    assert status(server, get(server, b"/state", b"Sec-Fetch-Site: cross-site", b"Sec-Fetch-Mode: cors")) == 403
    # A whole URL in the request line names the host the browser thinks it talks to (through a proxy).
    assert status(server, get(server, b"http://evil.example:%d/state" % port)) == 403
    # The page may run its own files only, and no other page may frame it.
    head = ask(server, get(server, b"/")).split(b"\r\n\r\n")[0].decode()
    assert "Content-Security-Policy: default-src 'self';" in head and "frame-ancestors 'none'" in head
    assert "X-Content-Type-Options: nosniff" in head


def test_a_client_that_goes_away_mid_picture_is_no_error(server, capsys):
    before = threading.active_count()
    for _ in range(3):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.connect(("127.0.0.1", server.server_port))
        s.sendall(get(server, b"/slide/1.png"))
        assert s.recv(100).startswith(b"HTTP/1.1 200")  # the server is writing the picture
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()  # a reset, as a closed tab does
    wait_for(lambda: threading.active_count() <= before, "the server's threads to end")
    assert "Traceback" not in capsys.readouterr().err


def test_a_client_that_says_nothing_is_let_go(server, monkeypatch):
    assert 0 < serve.Handler.timeout <= 300  # a socket time limit on every connection (None: wait forever)
    monkeypatch.setattr(serve.Handler, "timeout", 0.5)  # shortened for the test
    for start in (b"", b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", b"\x16\x03\x01\x02\x00"):
        with socket.create_connection(("127.0.0.1", server.server_port), timeout=30) as s:
            s.sendall(start)
            while s.recv(65536):  # until the server closes the connection (socket.timeout after 30 s: a hang)
                pass
