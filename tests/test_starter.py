"""`talkdeck new`: a starter talk that builds and checks clean at once, and never overwrites one."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

from talkdeck.load import load_talk
from talkdeck.load.schema import schema_json

from .conftest import MINIMAL, write_outline


def test_new_then_build(outline_dir, run_cli):
    result = run_cli("new", "my-talk")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "wrote   my-talk/talk.yaml",
        "wrote   my-talk/talk.schema.json",
        "wrote   my-talk/assets/README.md",
        "next    cd my-talk && talkdeck build   (or talkdeck watch, to rebuild on each save)",
    ]
    built = run_cli("build", "my-talk/talk.yaml")
    assert built.exit_code == 0, built.output
    assert built.stderr == ""
    prs = Presentation("my-talk/build/talk.pptx")
    assert len(prs.slides) == 14


def test_the_starter_has_what_a_talk_needs_and_checks_clean(outline_dir, run_cli):
    assert run_cli("new").exit_code == 0
    talk = load_talk(Path("talk.yaml"))
    assert len(talk.sections) == 4
    assert talk.speaker.bio and list(talk.charts) == ["example"]
    assert all(slide.notes for slide in talk.all_slides())
    assert any(slide.chart == "example" for slide in talk.all_slides())
    assert Path("talk.yaml").read_text().startswith("# yaml-language-server: $schema=talk.schema.json\n")
    assert Path("talk.schema.json").read_text() == schema_json()
    assert Path("assets").is_dir()
    checked = run_cli("check", "--strict")
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.splitlines()[-1] == "check   talk.yaml: 14 slides, 0 errors, 0 warnings"


def test_new_refuses_to_overwrite_a_talk(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL)
    result = run_cli("new")
    assert result.exit_code == 2
    assert result.stderr == ("talk.yaml: already exists; talkdeck new never overwrites a talk "
                             "(give another folder: talkdeck new FOLDER)\n")
    assert Path("talk.yaml").read_text() == MINIMAL
    assert not Path("talk.schema.json").exists()


def test_new_keeps_a_schema_already_there(outline_dir, run_cli):
    Path("talk.schema.json").write_text("{}")
    result = run_cli("new")
    assert result.exit_code == 0
    assert "wrote   talk.schema.json" not in result.stdout
    assert Path("talk.schema.json").read_text() == "{}"
    assert result.stdout.splitlines()[-1] == "next    talkdeck build   (or talkdeck watch, to rebuild on each save)"
