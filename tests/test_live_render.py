"""The live preview's LibreOffice side: slides rendered one by one, restarts, and nothing left running.

The renderer is driven directly (no page): a deck from talkdeck build, slides
asked for, LibreOffice killed or frozen in the middle of a render. Process
checks read /proc (Linux); every wait is a hang guard, not a timing.
"""

from __future__ import annotations

import io
import os
import signal
import zipfile
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from talkdeck.export.live import ConvertRenderer, UnoRenderer, open_renderer
from talkdeck.export.locate import find_soffice
from talkdeck.export.sparse import keep_slides, slide_looks, slide_parts

from .conftest import needs, write_outline
from .livecheck import SMALL_TALK, office_processes, still_running, wait_for


@pytest.fixture
def deck(outline_dir, run_cli) -> bytes:
    write_outline(outline_dir, SMALL_TALK)
    assert run_cli("build", "-q").exit_code == 0
    return Path("build/talk.pptx").read_bytes()


@pytest.fixture
def long_deck(outline_dir, run_cli) -> bytes:
    """40 content slides: a render of them all lasts long enough to be cut in the middle."""
    points = "".join(f"      - title: Point {n}\n        bullets:\n          - fact {n}\n" for n in range(40))
    write_outline(outline_dir, SMALL_TALK.split("      - title: First point")[0] + points)
    assert run_cli("build", "-q").exit_code == 0
    return Path("build/talk.pptx").read_bytes()


def rebuilt(run_cli, folder: Path, old: str, new: str) -> bytes:
    text = (folder / "talk.yaml").read_text(encoding="utf-8")
    write_outline(folder, text.replace(old, new))
    assert run_cli("build", "-q").exit_code == 0
    return Path("build/talk.pptx").read_bytes()


def ours() -> dict[int, str]:
    return office_processes(os.getpid())


@pytest.fixture
def renderer():
    made = open_renderer(slide_limit=20)
    assert isinstance(made, UnoRenderer)
    yield made
    made.close()
    wait_for(lambda: not ours(), "LibreOffice to end", limit=30)


def render(renderer, deck: bytes, slides: list[int], each=None) -> dict[int, bytes]:
    got: dict[int, bytes] = {}

    def on_picture(i: int, png: bytes) -> None:
        got[i] = png
        if each:
            each(i)

    renderer.render(deck, slides, on_picture)
    return got


def same_picture(a: bytes, b: bytes) -> bool:
    with Image.open(io.BytesIO(a)) as x, Image.open(io.BytesIO(b)) as y:
        return ImageChops.difference(x.convert("RGB"), y.convert("RGB")).getbbox() is None


# --- what changes a slide's picture (no LibreOffice needed) ------------------------------------------

def test_a_notes_edit_changes_no_look_and_a_bullet_edit_only_its_slides(deck, run_cli, outline_dir):
    looks = slide_looks(deck)
    assert len(looks) == 9 and len(set(looks)) == 9
    notes = rebuilt(run_cli, outline_dir, "Say three.", "Say three, slowly.")
    assert slide_looks(notes) == looks
    bullet = rebuilt(run_cli, outline_dir, "- four", "- four and more")
    assert [i for i, (a, b) in enumerate(zip(looks, slide_looks(bullet), strict=True)) if a != b] == [5]


def test_a_sparse_deck_keeps_every_slide_and_empties_the_others(deck):
    sparse = keep_slides(deck, {5})
    with zipfile.ZipFile(io.BytesIO(sparse)) as z:
        parts = slide_parts(z)
        assert len(parts) == 9
        assert b"<a:t>three</a:t>" in z.read(parts[5])
        assert b"<a:t>one</a:t>" not in z.read(parts[4])
        assert b"<p:spTree><p:nvGrpSpPr>" in z.read(parts[4])
        # No notes pages, and no picture of an emptied slide (the chart on slide 7)
        assert not [n for n in z.namelist() if n.startswith("ppt/notesSlides/")]
        assert not [n for n in z.namelist() if n.startswith("ppt/media/")]
    with zipfile.ZipFile(io.BytesIO(keep_slides(deck, {6}))) as z:
        assert len([n for n in z.namelist() if n.startswith("ppt/media/")]) == 1


# --- LibreOffice through UNO ---------------------------------------------------------------------------

@needs("soffice", "uno")
def test_a_slide_from_the_sparse_deck_is_the_slide_of_the_whole_deck(renderer, deck):
    whole = render(renderer, deck, list(range(9)))
    alone = render(renderer, deck, [7])
    assert sorted(whole) == list(range(9))
    with Image.open(io.BytesIO(alone[7])) as png:
        assert png.size == (1600, 900)
    assert same_picture(alone[7], whole[7])  # its number, footer and master shapes included


@needs("soffice", "uno")
def test_libreoffice_killed_in_the_middle_of_a_render_is_restarted_and_the_rest_drawn(renderer, long_deck):
    first = render(renderer, long_deck, [0])
    office = {p: c for p, c in ours().items() if "soffice.bin" in c}
    assert office
    count = len(slide_looks(long_deck))

    def kill_after_the_first(i: int) -> None:
        if i == 1:
            for p in office:
                os.kill(p, signal.SIGKILL)

    got = render(renderer, long_deck, [*range(1, count), 0], kill_after_the_first)
    assert sorted(got) == list(range(count))
    assert renderer.restarts == 1
    assert same_picture(got[0], first[0])
    assert not still_running(office)


@needs("soffice", "uno")
def test_a_frozen_libreoffice_is_noticed_by_its_time_limit_and_replaced(deck):
    renderer = open_renderer(slide_limit=5, load_limit=10)
    try:
        render(renderer, deck, [0])
        frozen = {p: c for p, c in ours().items() if "soffice.bin" in c}
        for p in frozen:
            os.kill(p, signal.SIGSTOP)
        got = render(renderer, deck, [2, 3])
        assert sorted(got) == [2, 3]
        assert renderer.restarts == 1
        wait_for(lambda: not still_running(frozen), "the frozen LibreOffice to be killed", limit=30)
    finally:
        renderer.close()
    wait_for(lambda: not ours(), "LibreOffice to end", limit=30)


@needs("soffice", "uno")
def test_libreoffice_is_restarted_after_so_many_renders(deck):
    renderer = open_renderer(renders_per_worker=2)
    try:
        render(renderer, deck, [0])
        first = renderer.soffice_pid()
        render(renderer, deck, [1])
        render(renderer, deck, [2])
        assert renderer.soffice_pid() not in (None, first)
        assert renderer.restarts == 0  # planned, not a failure
    finally:
        renderer.close()
    wait_for(lambda: not ours(), "LibreOffice to end", limit=30)


@needs("soffice", "uno")
def test_closing_in_the_middle_of_a_render_leaves_nothing_running(deck):
    renderer = open_renderer()
    seen = ours()
    assert any("uno_worker" in c for c in seen.values()) and any("soffice.bin" in c for c in seen.values())
    renderer.close()
    wait_for(lambda: not still_running(seen), "LibreOffice to end", limit=30)
    assert not renderer.folder.exists()


# --- the fallback: soffice --convert-to pdf ----------------------------------------------------------------

@needs("soffice")
def test_without_uno_the_slides_come_through_a_pdf(deck):
    renderer = ConvertRenderer(find_soffice())
    try:
        got = render(renderer, deck, [5, 7])
    finally:
        renderer.close()
    assert sorted(got) == [5, 7]
    with Image.open(io.BytesIO(got[5])) as png:
        assert png.size == (1600, 900)


@needs("soffice", "uno")
def test_a_korean_deck_is_drawn_by_a_libreoffice_in_the_korean_locale(renderer, outline_dir, run_cli):
    write_outline(outline_dir, SMALL_TALK.replace("title: A small talk\n", "title: A small talk\nlanguage: ko\n"))
    assert run_cli("build", "-q").exit_code == 0
    english = renderer.soffice_pid()
    got = render(renderer, Path("build/talk.pptx").read_bytes(), [4])
    assert sorted(got) == [4]
    assert renderer.worker is not None and renderer.worker.locale == {"LC_ALL": "ko_KR.UTF-8", "LANG": "ko_KR.UTF-8"}
    assert renderer.soffice_pid() != english and renderer.restarts == 0
