"""Whole builds through the CLI: small outlines, failures that keep the old deck, and the shipped talk."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from .conftest import MINIMAL, TALK, write_outline

SIXTEEN_NINE = (Emu(12_192_000), Emu(6_858_000))


def test_build_writes_a_16x9_deck_and_reports_each_stage(minimal, run_cli):
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["load", "time", "charts", "deck", "built"]
    assert lines[1] == "time    5 min: §1 0:00–5:00"
    assert lines[-1].startswith("built   build/talk.pptx: 6 slides, 0 charts in ")
    prs = Presentation("build/talk.pptx")
    assert (prs.slide_width, prs.slide_height) == SIXTEEN_NINE
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert titles == ["A small talk", "Ada Example", "Agenda", "Only part", "First point", "Questions?"]


def test_text_is_in_real_placeholders_with_notes_and_numbers(minimal, run_cli):
    assert run_cli("build").exit_code == 0
    prs = Presentation("build/talk.pptx")
    bullets = prs.slides[4]
    kinds = [ph.placeholder_format.type for ph in bullets.placeholders]
    assert kinds[:2] == [PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.OBJECT]
    assert bullets.placeholders[1].text_frame.text == "one\ntwo"
    assert PP_PLACEHOLDER.SLIDE_NUMBER in kinds and PP_PLACEHOLDER.FOOTER in kinds
    number = next(ph for ph in bullets.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)
    assert number.text_frame.text == "5"
    assert all(s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip() for s in prs.slides)
    assert "Say one, then two." in bullets.notes_slide.notes_text_frame.text


def test_output_option_and_python_dash_m(minimal):
    out = minimal.parent / "out" / "deck.pptx"
    done = subprocess.run([sys.executable, "-m", "talkdeck", "build", "talk.yaml", "-o", str(out)],
                          capture_output=True, text=True, cwd=minimal.parent)
    assert done.returncode == 0, done.stderr
    assert out.exists() and len(Presentation(str(out)).slides) == 6


def test_a_broken_outline_leaves_the_previous_deck_untouched(minimal, run_cli):
    assert run_cli("build").exit_code == 0
    before = hashlib.sha256(Path("build/talk.pptx").read_bytes()).hexdigest()
    write_outline(minimal.parent, MINIMAL.replace("    minutes: 5", "    minutes: five"))
    result = run_cli("build")
    assert result.exit_code == 2
    assert result.stderr == (
        "talk.yaml:7:14: sections[0].minutes: wrong type (expected a number of minutes such as 1.5, got 'five')\n"
        "talkdeck: 1 error in the outline; build/talk.pptx was not changed\n")
    assert "Traceback" not in result.output
    assert hashlib.sha256(Path("build/talk.pptx").read_bytes()).hexdigest() == before
    assert sorted(p.name for p in Path("build").iterdir()) == ["talk-runsheet.md", "talk.pptx"]


def test_missing_outline_is_a_clear_error(outline_dir, run_cli):
    result = run_cli("build", "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "nope.yaml:1:1: no such file (run 'talkdeck new' to start a talk)"


def test_output_that_is_a_folder_is_a_clear_error(minimal, run_cli):
    Path("build/talk.pptx").mkdir(parents=True)
    result = run_cli("build")
    assert result.exit_code == 2
    assert result.stderr == "build/talk.pptx: is a folder; give a file name such as build/talk.pptx/talk.pptx\n"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The shipped talk, built once into a temporary copy of its folder."""
    folder = tmp_path_factory.mktemp("talk")
    shutil.copy(TALK, folder / "talk.yaml")
    if (TALK.parent / "assets").is_dir():
        shutil.copytree(TALK.parent / "assets", folder / "assets")
    done = subprocess.run([sys.executable, "-m", "talkdeck", "build"], capture_output=True, text=True, cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder / "build" / "talk.pptx", done


def test_shipped_talk_builds_without_warnings(shipped):
    _, done = shipped
    assert done.stderr == ""


def test_shipped_talk_has_the_expected_slides_in_order(shipped):
    prs = Presentation(str(shipped[0]))
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert 20 <= len(titles) <= 30
    assert titles[:3] == ["The Soviet Union's Today is Our Tomorrow", "Koji Hirata", 'The "156 Projects"']
    assert titles[-1] == "Questions?"
    dividers = ["Soviet influence on the PRC's economic bureaucracy",
                "Drafting the First Five-Year Plan together (第一个五年计划)",
                "Implementing the 156 Projects", "Decline and legacies"]
    positions = [titles.index(d) for d in dividers]
    assert positions == sorted(positions)
    assert titles.index("Agenda") < positions[0]


def test_shipped_talk_has_notes_everywhere_charts_with_alt_text_and_the_bio(shipped):
    prs = Presentation(str(shipped[0]))
    assert all(s.notes_slide.notes_text_frame.text.strip() for s in prs.slides)
    pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    alts = [p._element.nvPicPr.cNvPr.get("descr") for p in pictures]
    assert len(alts) >= 3
    assert "Bar chart, The 150 projects built, by sector (projects): Energy 52, Military industry 44, " \
           "Machine-building 24, Metallurgy 20, Chemical 7, Light industry and pharmaceuticals 3. " \
           "Source: Bo Yibo (1991, 297)." in alts
    assert all(a and len(a) > 40 for a in alts)
    bio = prs.slides[1]
    text = "\n".join(sh.text_frame.text for sh in bio.shapes if sh.has_text_frame)
    assert "Senior Research Fellow in History" in text and "Making Mao's Steelworks" in text


def test_every_shipped_chart_slide_shows_its_source(shipped):
    prs = Presentation(str(shipped[0]))
    for slide in prs.slides:
        if any(sh.shape_type == 13 for sh in slide.shapes):
            texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
            assert any(t.startswith("Source: ") for t in texts), slide.shapes.title.text_frame.text
