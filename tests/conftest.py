"""Shared fixtures: small outlines in temporary folders, and the CLI runner."""

from __future__ import annotations

import functools
import os
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from talkdeck.commands.cli import cli

ROOT = Path(__file__).resolve().parents[1]
#: Starts a child whose peak memory (ru_maxrss) is its own. Linux keeps a process's peak across exec, and
#: subprocess starts children by vfork, so a child exec'd from this (large) test process would report the
#: test process's peak. A shell forks it instead, from its own small memory.
LAUNCH = ["/bin/sh", "-c", '"$@"; exit $?', "sh"]
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


@pytest.fixture(autouse=True, scope="session")
def own_cache_folder(tmp_path_factory: pytest.TempPathFactory):
    """Renders kept between builds (citations) go to a folder of this test run's, not the user's cache."""
    os.environ["TALKDECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield


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


#: Where a missing thing comes from, for the message under CI (a program on PATH: .ci/run's apt-get).
WHERE_FROM = {"ooxml-validate": "put shared/ooxml/ beside the checkout, or set TALKDECK_OOXML_VALIDATE "
                                "(tests/ooxml.py)",
              "yaml-language-server": ".ci/run installs it into .ci/lsp",
              "uno": ".ci/run installs python3-uno", "playwright": "the test extras: pip install -e '.[test]'"}


@functools.cache
def _present(thing: str) -> bool:
    """Whether ``thing`` (a program on PATH, or one of the names below) is on this machine."""
    if thing == "ooxml-validate":  # the ECMA-376 validator beside the checkout (tests/ooxml.py)
        from .ooxml import find_validator

        return find_validator() is not None
    if thing == "yaml-language-server":  # in .ci/lsp, $TALKDECK_YAML_LS or on PATH (tests/lsp.py)
        from .lsp import find_server

        return find_server() is not None
    if thing == "uno":  # a Python that can drive LibreOffice through UNO (the live preview's worker)
        from talkdeck.errors import ToolMissing
        from talkdeck.export.locate import find_soffice, find_uno_python

        try:
            return find_uno_python(find_soffice()) is not None
        except ToolMissing:
            return False
    if thing == "playwright":  # Playwright for Python, driving the chromium on PATH (tests/livecheck.py)
        import importlib.util

        return importlib.util.find_spec("playwright") is not None
    if thing == "fontconfig":  # fc-match and the library talkdeck asks through ctypes
        from talkdeck.text import fonts

        return shutil.which("fc-match") is not None and fonts._fontconfig() is not None
    return shutil.which(thing) is not None


def needs(*things: str) -> pytest.MarkDecorator:
    """Mark a test (or a module, as ``pytestmark``) that needs programs or tools this machine may lack:
    LibreOffice (``"soffice"``), ``"ooxml-validate"``, ``"yaml-language-server"``, ``"fontconfig"``,
    ``"uno"`` (a Python that imports LibreOffice's uno), ``"playwright"``, ``"chromium"``.

    Without them the test is skipped, except under CI (``CI`` set, as .ci/run does), where
    .ci/run has installed them and a missing one fails the test rather than hide it
    (:func:`pytest_runtest_setup`).
    """
    return pytest.mark.needs(*things)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """The one place that decides, before any fixture starts, what a missing program means."""
    missing = sorted({t for mark in item.iter_markers("needs") for t in mark.args if not _present(t)})
    if not missing:
        return
    if os.environ.get("CI"):
        how = "; ".join(f"{t}: {WHERE_FROM.get(t, '.ci/run installs it')}" for t in missing)
        pytest.fail(f"CI is set, and this test needs what is missing here ({how})", pytrace=False)
    pytest.skip(f"needs {', '.join(missing)}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    """Under CI no test is skipped: a test that skips itself (rather than marking what it needs) would
    otherwise leave its check out of every CI run without anyone seeing it."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"CI is set and this test skipped itself: {report.longrepr}"
