"""Inputs an outside tester tried that the corpus did not hold: what builds, and refusals that need a file too
big for ``tests/fixtures/bad/`` (the small ones are there, ``hostile-*``)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINIMAL, write_outline


def test_a_bullet_of_five_thousand_digits_builds(outline_dir, run_cli):
    """Python's int() refuses text of over 4,300 digits: reading a number in a bullet was a traceback."""
    write_outline(outline_dir, MINIMAL.replace("- one", "- '" + "9" * 5000 + "'", 1))
    result = run_cli("build", "talk.yaml", "-o", "talk.pptx")
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_a_csl_json_bibliography_nested_thousands_deep_is_a_message(outline_dir, run_cli):
    (outline_dir / "refs.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    write_outline(outline_dir, MINIMAL.replace("sections:", "bibliography: refs.json\nsections:", 1))
    result = run_cli("check", "talk.yaml")
    assert result.exit_code == 1
    assert "talk.yaml:5:15: bibliography: refs.json: lists or objects nested too deeply to be CSL-JSON (expected " \
           "a list of items, each with an 'id' and a 'type')\n" in result.stdout + result.stderr


def test_a_bibtex_year_of_five_thousand_digits_is_shown_as_written(outline_dir, run_cli):
    (outline_dir / "refs.bib").write_text("@article{a, title={T}, year={" + "9" * 5000 + "}, author={X, Y}}\n",
                                          encoding="utf-8")
    write_outline(outline_dir, MINIMAL.replace("sections:", "bibliography: refs.bib\nsections:", 1)
                  .replace("- one", "- 'Claim [@a]'", 1))
    result = run_cli("check", "talk.yaml")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code == 0, result.stdout + result.stderr


# --- outputs that are not files ------------------------------------------------------------------
# `-o /dev/null` as root renamed the deck over the device: /dev/null became a file of 48 KiB. A named pipe
# stands in for the device here (a test must not risk the machine's /dev/null).

def test_a_named_pipe_as_the_output_is_refused_and_kept(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL)
    os.mkfifo(outline_dir / "deck.pptx")
    result = run_cli("build", "talk.yaml", "-o", "deck.pptx")
    assert result.exit_code == 2
    assert result.stderr.endswith("deck.pptx: is a named pipe, not a file, and the build would put a file in its "
                                  "place; write the deck to a file, such as -o build/talk.pptx (talkdeck check "
                                  "reads the outline without writing a deck)\n")
    assert stat.S_ISFIFO(os.lstat(outline_dir / "deck.pptx").st_mode)


def test_a_link_to_a_named_pipe_is_refused(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL)
    os.mkfifo(outline_dir / "pipe")
    os.symlink("pipe", outline_dir / "deck.pptx")
    result = run_cli("build", "talk.yaml", "-o", "deck.pptx")
    assert result.exit_code == 2
    assert "deck.pptx: is a named pipe, not a file" in result.stderr
    assert os.path.islink(outline_dir / "deck.pptx")


def test_a_folder_where_the_run_sheet_goes_is_refused_before_the_deck_is_written(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL)
    (outline_dir / "deck-runsheet.md").mkdir()
    result = run_cli("build", "talk.yaml", "-o", "deck.pptx")
    assert result.exit_code == 2
    assert "deck-runsheet.md: is a folder, not a file" in result.stderr
    assert not (outline_dir / "deck.pptx").exists()


def test_an_output_name_too_long_for_the_file_system_is_a_message(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL)
    name = "a" * 300 + ".pptx"
    result = run_cli("build", "talk.yaml", "-o", name)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"{name}: cannot be written (File name too long); give a shorter name, or "
                                  "another folder\n")
    deep = "/".join(["d" * 200] * 25) + "/talk.pptx"  # each name short enough, the path not
    result = run_cli("build", "talk.yaml", "-o", deep)
    assert result.exit_code == 2
    assert "cannot be written (File name too long)" in result.stderr


# --- outlines that are not files -----------------------------------------------------------------

def _talkdeck(folder, *args: str) -> subprocess.CompletedProcess:
    """talkdeck in a process of its own, with a hang guard: opening a named pipe waited for a writer forever."""
    return subprocess.run([sys.executable, "-m", "talkdeck", *args], cwd=folder, capture_output=True, text=True,
                          timeout=60)


def test_an_outline_that_is_a_named_pipe_nothing_writes_to_is_a_message(outline_dir):
    os.mkfifo(outline_dir / "talk.yaml")
    for command in ("build", "check"):
        result = _talkdeck(outline_dir, command, "talk.yaml")
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("talk.yaml:1:1: is a named pipe that nothing writes to, not an outline "
                                        "file\n")


def test_an_outline_piped_in_is_read(outline_dir):
    result = subprocess.run([sys.executable, "-m", "talkdeck", "check", "/dev/stdin"], input=MINIMAL,
                            cwd=outline_dir, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_an_outline_that_is_a_device_is_a_message(outline_dir):
    os.symlink("/dev/zero", outline_dir / "talk.yaml")
    result = _talkdeck(outline_dir, "check", "talk.yaml")
    assert result.returncode == 2
    assert result.stderr.startswith("talk.yaml:1:1: is a device, not an outline file\n")


# --- files that change while the deck is built ---------------------------------------------------
# Saving a picture every 10 ms while watch rebuilt: the picture, checked when the talk was loaded, was gone when
# the deck was written, and FileNotFoundError ended watch with a traceback.

@pytest.mark.parametrize("change", ["removed", "half-written"])
def test_a_picture_that_changes_while_the_deck_is_built_is_a_message(outline_dir, change):
    from PIL import Image

    from talkdeck.build import Reuse, build
    from talkdeck.errors import TalkdeckError

    (outline_dir / "assets").mkdir()
    Image.new("RGB", (64, 48), "red").save(outline_dir / "assets" / "pic.png")
    write_outline(outline_dir, MINIMAL.replace("        bullets:\n          - one\n          - two\n",
                                               "        image: assets/pic.png\n        alt: A red square\n"))
    reuse = Reuse()
    build(Path("talk.yaml"), Path("talk.pptx"), reuse=reuse)
    before = (outline_dir / "talk.pptx").read_bytes()
    data = (outline_dir / "assets" / "pic.png").read_bytes()

    def meanwhile(talk, specs):  # after the talk is loaded and planned, before the deck is written
        Image.new("RGB", (64, 48), "blue").save(outline_dir / "assets" / "pic.png")  # a new picture: not reused
        if change == "removed":
            (outline_dir / "assets" / "pic.png").unlink()
        else:
            (outline_dir / "assets" / "pic.png").write_bytes(data[:40])

    with pytest.raises(TalkdeckError) as e:
        build(Path("talk.yaml"), Path("talk.pptx"), reuse=reuse, planned=meanwhile)
    assert str(e.value).startswith("assets/pic.png: was removed or changed while the deck was being built (")
    assert str(e.value).endswith("); build again once it is saved")
    assert (outline_dir / "talk.pptx").read_bytes() == before
    (outline_dir / "assets" / "pic.png").write_bytes(data)
    build(Path("talk.yaml"), Path("talk.pptx"), reuse=reuse)  # and the next save builds


# --- the command line ----------------------------------------------------------------------------

def test_o_dash_is_refused_not_a_file_named_dash(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL)
    for command in ("build", "watch", "preview"):
        result = run_cli(command, "talk.yaml", "-o", "-")
        assert result.exit_code == 2
        assert "Invalid value for '-o' / '--output': talkdeck writes the deck to a file (its run sheet and charts " \
               "beside it), not to standard output; give a file name such as -o talk.pptx\n" in result.stderr
    assert not (outline_dir / "-").exists()


class _Interrupting(type(sys)):  # a module whose names raise KeyboardInterrupt: Ctrl-C while it is imported
    def __getattr__(self, name):
        raise KeyboardInterrupt


def test_ctrl_c_while_build_starts_says_no_deck_was_changed(outline_dir, run_cli, monkeypatch):
    write_outline(outline_dir, MINIMAL)
    assert run_cli("build", "talk.yaml").exit_code == 0
    monkeypatch.setitem(sys.modules, "talkdeck.build", _Interrupting("talkdeck.build"))
    result = run_cli("build", "talk.yaml")
    assert result.exit_code == 130
    assert result.stderr == "talkdeck: interrupted while starting; no deck was written or changed\n"


def test_ctrl_c_while_any_command_starts_is_one_line_not_aborted(outline_dir, run_cli, monkeypatch):
    write_outline(outline_dir, MINIMAL)
    monkeypatch.setitem(sys.modules, "talkdeck.commands.check", _Interrupting("talkdeck.commands.check"))
    result = run_cli("check", "talk.yaml")
    assert result.exit_code == 130
    assert result.stderr == "talkdeck: interrupted\n"


_EMOJI_CHART = MINIMAL.replace("sections:", """charts:
  c:
    type: bar
    title: Moods
    unit: people
    data:
      "🇦🇺": 3
      "👩‍🔬": 5
      LABEL: 2
    source: Made up
sections:""", 1).replace("        bullets:\n          - one\n          - two\n", "        chart: c\n")


@pytest.mark.parametrize("label", ["ok", "源"])
def test_emoji_in_a_chart_are_said_to_be_undrawable_not_a_missing_chinese_font(outline_dir, run_cli, monkeypatch,
                                                                             label):
    """The hint named fonts-noto-cjk 'for Chinese' for emoji labels; no font makes matplotlib draw them."""
    from talkdeck.charts import fonts

    write_outline(outline_dir, _EMOJI_CHART.replace("LABEL", label))
    monkeypatch.setattr(fonts, "families_for", lambda font, cjk, *others: ("DejaVu Sans",))
    result = run_cli("build")
    assert result.exit_code == 2
    emoji = "a chart cannot draw emoji ('🇦🇺👩🔬'): write the label in words"
    assert result.stderr.splitlines()[0] == ("talk.yaml:7:5: charts.c: " + emoji if label == "ok" else (
        "talk.yaml:7:5: charts.c: no installed font has the characters '源' (tried DejaVu Sans); install one that "
        "does, e.g. Debian's fonts-noto-cjk for Chinese (then set theme.font_cjk to its name) or fonts-noto-core "
        f"for Arabic, Hebrew, Thai or the Indic scripts; and {emoji}"))


@pytest.mark.parametrize("when", ["before it is read", "while Pillow reads it"])
def test_a_picture_removed_while_the_talk_is_read_is_a_message(outline_dir, monkeypatch, when):
    """Watch under churn: a picture gone between 'it exists' and reading it was a FileNotFoundError traceback, or
    'is a damaged image (FileNotFoundError: ...)' with the whole path."""
    from PIL import Image

    from talkdeck import images
    from talkdeck.load.assets import AssetProblem, check_image

    picture = outline_dir / "pic.png"
    Image.new("RGB", (8, 8), "red").save(picture)
    if when == "before it is read":
        picture.unlink()
    else:
        opened = images.open_picture
        monkeypatch.setattr(images, "open_picture", lambda src: picture.unlink() or opened(src))
    with pytest.raises(AssetProblem, match=r"^was removed while the talk was being read; build again once it is "
                                           r"saved$"):
        check_image(picture)
