"""What the preview's page is told, without LibreOffice or a browser: slides kept by key across saves,
notes before the deck is written, the slide a save edited, errors over the last good slides."""

from __future__ import annotations

from pathlib import Path

import pytest

from talkdeck.build import Reuse, build
from talkdeck.commands.live import LivePreview, same_slides
from talkdeck.errors import OutlineError

from .conftest import write_outline
from .livecheck import SMALL_TALK


@pytest.fixture
def preview():
    made = LivePreview(log=lambda line: None, err=lambda line: None)
    yield made
    made.close()


class Saves:
    """The talk saved and built as watch does it, each build told to the preview."""

    def __init__(self, folder: Path, preview: LivePreview):
        self.folder, self.preview, self.reuse = folder, preview, Reuse()
        self.text = SMALL_TALK
        self.seen: list[dict] = []

    def save(self, old: str = "", new: str = "") -> None:
        self.text = self.text.replace(old, new) if old else self.text
        write_outline(self.folder, self.text)
        try:
            result = build(Path("talk.yaml"), reuse=self.reuse, planned=self.planned)
        except OutlineError as e:
            self.preview.failed(e)
            return
        self.preview.built(result)

    def planned(self, talk, specs) -> None:
        self.preview.planned(talk, specs)
        self.seen.append(self.preview.state())  # what the page has before the deck is written


def test_slides_are_matched_by_title_when_others_come_and_go():
    assert same_slides(list("abcd"), list("abXcd")) == {0: 0, 1: 1, 3: 2, 4: 3}
    assert same_slides(list("abcd"), list("acd")) == {0: 0, 1: 2, 2: 3}
    assert same_slides(list("abcd"), list("aBcd")) == {0: 0, 1: 1, 2: 2, 3: 3}  # retitled in place


def test_notes_reach_the_page_before_the_deck_is_written(outline_dir, preview):
    saves = Saves(outline_dir, preview)
    saves.save()
    first = preview.state()
    assert [s["title"] for s in first["slides"]][4:8] == ["First point", "Second point", "A chart", "Fourth point"]
    assert first["slides"][6]["notes"].startswith("Point at B.")
    assert first["slides"][6]["cue"].startswith("at ")
    saves.save("Point at B.", "Point at B, the larger.")
    assert saves.seen[-1]["slides"][6]["notes"].startswith("Point at B, the larger.")
    after = preview.state()
    assert after["edited"] == 7
    assert [s["key"] for s in after["slides"]] == [s["key"] for s in first["slides"]]


def test_a_slide_added_above_keeps_the_others_keys_and_is_the_edit(outline_dir, preview):
    saves = Saves(outline_dir, preview)
    saves.save()
    keys = {s["title"]: s["key"] for s in preview.state()["slides"]}
    saves.save("      - title: Second point", "      - title: New\n        bullets:\n          - new\n"
               "      - title: Second point")
    state = preview.state()
    assert state["edited"] == 6
    assert state["slides"][5]["title"] == "New" and state["slides"][5]["key"] not in keys.values()
    assert {s["title"]: s["key"] for s in state["slides"] if s["title"] != "New"} == keys


def test_a_broken_save_keeps_the_slides_and_shows_the_errors(outline_dir, preview):
    saves = Saves(outline_dir, preview)
    saves.save()
    slides = preview.state()["slides"]
    saves.save("    minutes: 5", "    minutes: five")
    state = preview.state()
    assert state["errors"] == ["talk.yaml:16:14: sections[0].minutes: wrong type (expected a number of minutes "
                               "such as 1.5, got 'five')"]
    assert state["slides"] == slides
    saves.save("    minutes: five", "    minutes: 5")
    assert preview.state()["errors"] == []


def test_the_page_waits_for_a_change(outline_dir, preview):
    assert preview.wait(preview.state()["seq"], 0.05) is None
    Saves(outline_dir, preview).save()
    assert preview.wait(0, 0.05)["builds"] == 1


def test_the_page_is_served_on_loopback_to_loopback_names_only(preview):
    import http.client
    import socket

    from talkdeck.commands.serve import start_server
    from talkdeck.errors import TalkdeckError

    server = start_server(preview, 0)
    try:
        port = server.server_port
        for host, status in ((f"127.0.0.1:{port}", 200), (f"localhost:{port}", 200), ("attacker.example", 403)):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/state", headers={"Host": host})
            assert conn.getresponse().status == status, host
            conn.close()
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            with pytest.raises(TalkdeckError, match=rf"--port {taken.getsockname()[1]}: cannot serve the preview "
                                                    r"there \(Address already in use\); give another port, or none"):
                start_server(preview, taken.getsockname()[1])
    finally:
        server.shutdown()
        server.server_close()


def test_citations_are_not_rendered_again_when_a_save_changed_something_else(monkeypatch):
    from talkdeck.cite import engine
    from talkdeck.cite.syntax import Cite

    calls = []
    render = engine._render
    monkeypatch.setattr(engine, "_render", lambda *args: calls.append(args) or render(*args))
    monkeypatch.setattr(engine, "_RENDERED", {})
    style = engine.style_path(engine.DEFAULT_STYLE)
    items = [{"id": "hirata", "type": "book", "title": "Making Mao's Steelworks",
              "author": [{"family": "Hirata", "given": "Koji"}], "issued": {"date-parts": [[2024]]}}]
    first = engine.render(items, [[Cite("hirata")]], style, "en-US")
    again = engine.render(items, [[Cite("hirata")]], style, "en-US")
    assert again == first and again is not first and len(calls) == 1
    engine.render(items, [[Cite("hirata", locator="12", label="page")]], style, "en-US")
    assert len(calls) == 2
