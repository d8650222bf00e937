"""`talkdeck check`: every problem at its line, the time table, exit codes; no deck written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from .conftest import MINIMAL, TALK, write_outline

LINT = """\
title: A small talk
duration: 1
speaker:
  name: Ada Example
  bio: Ada gives small talks.
charts:
  growth:
    type: bar
    title: Growth
    source: Example data
    data: {a: 1}
sections:
  - title: Only part
    minutes: 0.1
    slides:
      - title: First point
        bullets:
          - 45% of everything
          - two
        notes: >
          Say one, then two, and then a good many more words, so that saying
          these notes takes longer than the six seconds planned for this part.
      - title: A picture
        image: assets/map.png
        alt: A map of the region
      - title: Too much
        bullets:
          - {long}
          - {long}
          - {long}
        notes: Skip it.
"""
LONG = " ".join(["Lorem ipsum dolor sit amet, consectetur adipiscing elit."] * 14)


@pytest.fixture
def lint(outline_dir: Path) -> Path:
    """An outline with one of each warning check reports, and its picture."""
    (outline_dir / "assets").mkdir()
    Image.new("RGB", (40, 30), "white").save(outline_dir / "assets" / "map.png")
    return write_outline(outline_dir, LINT.replace("{long}", LONG))


def test_check_reports_each_warning_at_its_line_with_a_time_table(lint, run_cli):
    result = run_cli("check")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "talk.yaml:8:5: warning: charts.growth: chart defined but never used on a slide",
        "talk.yaml:14:14: warning: section 'Only part' (line 13), minutes: the notes take about 0:13 to say at 130 words a minute, "
        "more than the 0.1 minutes planned",
        "talk.yaml:16:9: warning: slide 'First point': shows numbers but no 'source'",
        "talk.yaml:23:9: warning: slide 'A picture': has no speaker notes",
        "talk.yaml:28:11: warning: slide 'Too much' (line 26), bullets: the points do not fit one slide even at "
        "18 pt: the last one continues on 'Too much (2)'; shorten them or split the slide",
        "",
        "time: the notes' words at 130 words a minute",
        "  part                         slides  words  speaking  planned",
        "  1. Only part                      5     28      0:13     0:06  over",
        "  title, bio, agenda, closing       4      0      0:00        –",
        "  total                             9     28      0:13     1:00",
        "",
        "check   talk.yaml: 9 slides, 0 errors, 5 warnings",
    ]
    assert not Path("build").exists()


def test_strict_fails_on_warnings(lint, run_cli):
    assert run_cli("check", "--strict").exit_code == 1


def test_the_speaking_rate_is_an_option(lint, run_cli):
    result = run_cli("check", "--wpm", "290")
    assert "  1. Only part                      5     28      0:06     0:06" in result.stdout
    assert "sections[0].minutes" not in result.stdout


@pytest.mark.parametrize("damage, expected", [
    ("missing", "talk.yaml:24:16: sections[0].slides[1].image: no such file (expected a file in the talk's "
                "folder, got 'assets/map.png'; did you mean 'assets/map.jpg'?)"),
    ("unreadable", "talk.yaml:24:16: sections[0].slides[1].image: is not an image (expected a PNG, JPEG, GIF, "
                   "BMP or TIFF file, an SVG drawing or a one-page PDF)"),
])
def test_missing_and_unreadable_assets_are_errors_and_exit_1(lint, run_cli, damage, expected):
    picture = lint.parent / "assets" / "map.png"
    if damage == "missing":
        picture.rename(picture.with_suffix(".jpg"))
    else:
        picture.write_bytes(b"not a picture")
    result = run_cli("check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == expected
    assert lines[-1] == "check   talk.yaml: 1 error, 0 warnings"


def test_every_error_in_the_outline_in_one_run_exit_1(minimal, run_cli):
    write_outline(minimal.parent, MINIMAL.replace("    minutes: 5", "    minutes: five")
                  .replace("        bullets:", "        bulets:"))
    result = run_cli("check")
    assert result.exit_code == 1
    assert result.stdout == (
        "talk.yaml:7:14: sections[0].minutes: wrong type (expected a number of minutes such as 1.5, got 'five')\n"
        "talk.yaml:10:9: sections[0].slides[0].bulets: unknown key (did you mean 'bullets'?)\n"
        "check   talk.yaml: 2 errors, 0 warnings\n")


def test_build_and_check_give_the_same_messages(minimal, run_cli):
    write_outline(minimal.parent, MINIMAL.replace("        bullets:", "        bulets:"))
    built, checked = run_cli("build"), run_cli("check")
    assert built.stderr.splitlines()[0] == checked.stdout.splitlines()[0]


def test_no_outline_to_check_is_a_usage_error(outline_dir, run_cli):
    result = run_cli("check", "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "nope.yaml:1:1: no such file (run 'talkdeck new' to start a talk)"


def test_the_shipped_talk_checks_clean_even_strictly(outline_dir, run_cli):
    shutil.copy(TALK, outline_dir / "talk.yaml")
    if (TALK.parent / "assets").is_dir():
        shutil.copytree(TALK.parent / "assets", outline_dir / "assets")
    result = run_cli("check", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "check   talk.yaml: 26 slides, 0 errors, 0 warnings"
    table = result.stdout.splitlines()[:-2]
    assert table[0] == "time: the notes' words at 130 words a minute"
    assert [line.split()[0] for line in table[2:]] == ["intro", "1.", "2.", "3.", "4.", "title,", "total"]
    assert table[-1].endswith("45:00")



def test_a_persian_title_is_named_with_its_zero_width_non_joiner_as_written(outline_dir, run_cli):
    """گام‌های بعدی holds a ZWNJ (U+200C), part of how Persian spells the word: the warning shows the title as
    the speaker wrote it, not 'گام\\u200cهای بعدی'; an invisible character that belongs in no word is still
    shown escaped."""
    text = MINIMAL.replace("First point", "گام\u200cهای بعدی").replace("- one\n", "- ۵۰ کاسب و 35%\n")
    write_outline(outline_dir, text)
    out = run_cli("check").stdout
    assert "warning: slide 'گام\u200cهای بعدی': shows numbers but no 'source'" in out
    from talkdeck.model import Slide
    from talkdeck.plan.naming import slide_name

    assert slide_name(Slide(title="a\u200bb")) == "slide 'a\\u200bb'"
