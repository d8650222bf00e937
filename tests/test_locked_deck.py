"""A deck the speaker has open in PowerPoint: on Windows it cannot be replaced (PermissionError on the
rename). The build writes the new deck beside it and says where; the open one is not touched."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from talkdeck import atomic
from talkdeck.atomic import Locked, write_or_beside

from .conftest import MINIMAL, write_outline


@pytest.fixture
def held_open(monkeypatch):
    """Files that another program holds open, as Windows refuses to replace them."""
    held: set[Path] = set()
    replace = os.replace

    def refusing(src, dst):
        if Path(dst).resolve() in held:
            raise PermissionError(13, "The process cannot access the file because it is being used by another "
                                      "process")
        return replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", refusing)
    return lambda path: held.add(Path(path).resolve())


def test_a_held_file_is_kept_and_the_new_one_written_beside_it(tmp_path, held_open):
    deck = tmp_path / "talk.pptx"
    deck.write_bytes(b"old")
    held_open(deck)
    assert write_or_beside(deck, b"new") == tmp_path / "talk-2.pptx"
    assert deck.read_bytes() == b"old"
    assert (tmp_path / "talk-2.pptx").read_bytes() == b"new"
    held_open(tmp_path / "talk-2.pptx")  # that one opened too: the next name
    assert write_or_beside(deck, b"newer") == tmp_path / "talk-3.pptx"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talk-2.pptx", "talk-3.pptx", "talk.pptx"]


def test_write_atomic_itself_still_refuses(tmp_path, held_open):
    deck = tmp_path / "talk.pptx"
    deck.write_bytes(b"old")
    held_open(deck)
    with pytest.raises(Locked, match="is it open in PowerPoint"):
        atomic.write_atomic(deck, b"new")


def test_build_says_where_the_deck_went(minimal, run_cli, held_open):
    assert run_cli("build").exit_code == 0
    before = Path("build/talk.pptx").read_bytes()
    held_open("build/talk.pptx")
    write_outline(minimal.parent, MINIMAL.replace("- two", "- two, edited"))
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    assert result.stderr == ("talkdeck: build/talk.pptx is open in another program (PowerPoint?) and cannot be "
                             "replaced; wrote build/talk-2.pptx instead (close talk.pptx and save again to "
                             "update it)\n")
    assert re.search(r"^built   build/talk-2\.pptx: 6 slides", result.stdout, re.M)
    assert Path("build/talk.pptx").read_bytes() == before
    assert Path("build/talk-2.pptx").exists()


def test_the_deck_beside_is_written_again_but_no_file_of_the_speakers_is_replaced(minimal, run_cli, held_open):
    assert run_cli("build").exit_code == 0
    held_open("build/talk.pptx")
    assert run_cli("build").exit_code == 0
    assert run_cli("build").exit_code == 0  # talk-2.pptx is talkdeck's own: written again
    assert sorted(p.name for p in Path("build").glob("talk*.pptx")) == ["talk-2.pptx", "talk.pptx"]
    Path("build/talk-2.pptx").write_bytes(b"the speaker's own file")
    result = run_cli("build")
    assert "wrote build/talk-3.pptx instead" in result.stderr
    assert Path("build/talk-2.pptx").read_bytes() == b"the speaker's own file"
