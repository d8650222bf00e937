"""Shared fixtures: small outlines in temporary folders, and the CLI runner."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from talkdeck.commands.cli import cli

ROOT = Path(__file__).resolve().parents[1]
TALK = ROOT / "talk.yaml"

MINIMAL = """\
title: A small talk
speaker:
  name: Ada Example
  bio: Ada gives small talks.
sections:
  - title: Only part
    minutes: 5
    slides:
      - title: First point
        bullets:
          - one
          - two
        notes: Say one, then two.
"""


@pytest.fixture(autouse=True)
def every_deck_is_one_package(monkeypatch: pytest.MonkeyPatch):
    """Every deck a test builds in this process: no zip member twice, one core-properties part, and no
    relationship id that dangles in any part (a template's tags and pictures carried with what is copied)."""
    import io
    import zipfile

    from talkdeck.deck.builder import DeckBuilder

    from .deckcheck import dangling_references, package_problems

    serialise = DeckBuilder.to_bytes

    def checked(self, when):
        data = serialise(self, when)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert package_problems(z) + dangling_references(z) == []
        return data

    monkeypatch.setattr(DeckBuilder, "to_bytes", checked)


def write_outline(folder: Path, text: str, name: str = "talk.yaml") -> Path:
    """Write ``text`` (dedented) as an outline in ``folder``; returns its path."""
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def outline_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty talk folder that is also the working directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def minimal(outline_dir: Path) -> Path:
    """A minimal valid outline written as ./talk.yaml."""
    return write_outline(outline_dir, MINIMAL)


@pytest.fixture
def run_cli():
    """Run the CLI in-process: ``run_cli("build", "talk.yaml")`` → click Result."""
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return run


def needs(*programs: str):
    """Skip unless every program is on PATH (LibreOffice tests).

    Under CI (``CI`` set) nothing is skipped: .ci/run installs the programs, and
    a missing one must fail the run rather than hide the test.
    """
    missing = [p for p in programs if shutil.which(p) is None]
    return pytest.mark.skipif(bool(missing) and not os.environ.get("CI"), reason=f"needs {', '.join(missing)}")
