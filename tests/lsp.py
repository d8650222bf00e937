"""A small Language Server Protocol client: drives yaml-language-server over stdio, as VS Code does.

Only what the tests need: initialize, the ``yaml`` settings (which schema for which
file), open a document, wait for its diagnostics, ask for completion and hover.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: Where .ci/run installs the server (npm install --prefix .ci/lsp yaml-language-server@VERSION).
VERSION = "1.25.0"


def find_server() -> list[str] | None:
    """The command that starts yaml-language-server on stdio, or None if it is not installed.

    Looks in $TALKDECK_YAML_LS (a path to the package's bin script), then .ci/lsp, then PATH.
    """
    node = shutil.which("node")
    candidates = [os.environ.get("TALKDECK_YAML_LS", ""),
                  str(ROOT / ".ci" / "lsp" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server")]
    for script in candidates:
        if script and node and Path(script).is_file():
            return [node, script, "--stdio"]
    found = shutil.which("yaml-language-server")
    return [found, "--stdio"] if found else None


class LanguageServer:
    """One yaml-language-server process, with the talk schema associated to every ``.yaml`` document."""

    def __init__(self, command: list[str], schema: Path, timeout: float = 20.0):
        self.timeout = timeout
        self.schema_uri = schema.resolve().as_uri()
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.next_id = 0
        self.responses: dict[int, queue.Queue] = {}
        self.diagnostics: queue.Queue = queue.Queue()
        self.notices: list[dict[str, Any]] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.settings = {"yaml": {"validate": True, "hover": True, "completion": True, "format": {"enable": False},
                                  "schemaStore": {"enable": False},
                                  "schemas": {self.schema_uri: ["*.yaml", "**/*.yaml"]}}}
        self.request("initialize", {"processId": os.getpid(), "rootUri": ROOT.as_uri(), "capabilities": {
            "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]},
                             "completion": {"completionItem": {"snippetSupport": True,
                                                               "documentationFormat": ["markdown"]}},
                             "publishDiagnostics": {}},
            "workspace": {"configuration": True}}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})
        self.version = 0

    # --- the wire ------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(out.read(length))
            if "id" in message and "method" in message:  # a request from the server
                self._send({"id": message["id"], "result": self._answer(message)})
            elif "id" in message:
                self.responses.setdefault(message["id"], queue.Queue()).put(message)
            elif message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics.put(message["params"])
            else:  # telemetry (the server reports its own errors there) and log messages
                self.notices.append(message)

    def _answer(self, request: dict[str, Any]) -> Any:
        if request["method"] == "workspace/configuration":
            return [self.settings.get(item.get("section", ""), None) for item in request["params"]["items"]]
        return None

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        box = self.responses.setdefault(self.next_id, queue.Queue())
        self._send({"id": self.next_id, "method": method, "params": params})
        reply = box.get(timeout=self.timeout)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    # --- what the tests ask ---------------------------------------------------------------

    def open(self, uri: str, text: str) -> list[dict[str, Any]]:
        """Open ``text`` as the document ``uri``; returns the diagnostics the server publishes for it.

        Waiting for them also means the server has loaded the schema (a completion asked for
        before that comes back empty)."""
        self.version += 1
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml",
                                                              "version": self.version, "text": text}})
        while True:
            params = self.diagnostics.get(timeout=self.timeout)
            if params["uri"] == uri:
                return params["diagnostics"]

    def close_document(self, uri: str) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def diagnose(self, text: str, path: Path | None = None) -> list[dict[str, Any]]:
        """Diagnostics for ``text``, opened as the file at ``path`` (where a modeline's relative
        ``$schema`` is looked for) or as a fresh document that the settings give the schema."""
        uri = path.resolve().as_uri() if path else f"file:///lsp-test/{self.version + 1}/talk.yaml"
        try:
            return self.open(uri, text)
        finally:
            self.close_document(uri)

    def at(self, method: str, text: str, line: int, character: int) -> Any:
        """The answer to ``method`` (completion, hover) at 0-based ``line``/``character`` of ``text``."""
        return self.at_each(method, text, [(line, character)])[0]

    def at_each(self, method: str, text: str, positions: list[tuple[int, int]]) -> list[Any]:
        """The answers to ``method`` at each 0-based (line, character) of ``text``, opened once."""
        uri = f"file:///lsp-test/{self.version + 1}/talk.yaml"
        self.open(uri, text)
        try:
            return [self.request(f"textDocument/{method}", {"textDocument": {"uri": uri},
                                                            "position": {"line": line, "character": character}})
                    for line, character in positions]
        finally:
            self.close_document(uri)

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.proc.wait(timeout=5)
        except Exception:
            self.proc.kill()
            self.proc.wait()
        self.reader.join(timeout=5)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe:
                pipe.close()
