"""The suite's own tools: what a missing program means under CI, where the ECMA-376 validator is
found, and that the validator really judges a deck."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from talkdeck.build import build

from . import ooxml
from .conftest import MINIMAL, ROOT, _present, needs, pytest_runtest_setup, write_outline


class Marked:
    """What pytest_runtest_setup reads of a test item: its ``needs`` marks."""

    def __init__(self, *things: str):
        self.marks = [needs(*things).mark]

    def iter_markers(self, name: str):
        return [m for m in self.marks if m.name == name]


def test_a_missing_program_skips_the_test_on_a_workstation(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="needs no-such-program-here"):
        pytest_runtest_setup(Marked("soffice", "no-such-program-here"))


def test_a_missing_program_fails_the_test_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match=r"no-such-program-here: \.ci/run installs it"):
        pytest_runtest_setup(Marked("no-such-program-here"))


def test_what_is_there_lets_the_test_run(monkeypatch):
    monkeypatch.setenv("CI", "1")
    assert _present("sh")
    assert pytest_runtest_setup(Marked("sh")) is None


def stand_in(folder: Path) -> Path:
    """An empty ``folder``/shared/ooxml/validate.py: only where the validator is matters here."""
    target = folder / "shared" / "ooxml" / "validate.py"
    target.parent.mkdir(parents=True)
    target.write_text("")
    return target


def test_the_validator_is_looked_for_in_the_environment_first(monkeypatch, tmp_path):
    script = stand_in(tmp_path)
    monkeypatch.setenv("TALKDECK_OOXML_VALIDATE", str(script))
    assert ooxml.find_validator() == script
    monkeypatch.setenv("TALKDECK_OOXML_VALIDATE", str(tmp_path / "missing.py"))
    assert ooxml.find_validator() is None  # a wrong path is not made up for by a guess


def test_the_validator_is_looked_for_beside_the_checkout_then_above_it(monkeypatch, tmp_path):
    monkeypatch.delenv("TALKDECK_OOXML_VALIDATE", raising=False)
    monkeypatch.setattr(ooxml, "FALLBACK", tmp_path / "nowhere" / "validate.py")
    monkeypatch.setattr(ooxml, "ROOT", tmp_path / "ci" / "clones" / "talkdeck")
    assert ooxml.find_validator() is None
    above = stand_in(tmp_path)
    assert ooxml.find_validator() == above
    beside = stand_in(tmp_path / "ci" / "clones")
    assert ooxml.find_validator() == beside


def test_the_last_place_looked_is_this_machines_shared_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("TALKDECK_OOXML_VALIDATE", raising=False)
    monkeypatch.setattr(ooxml, "ROOT", tmp_path / "talkdeck")
    fallback = stand_in(tmp_path / "elsewhere")
    monkeypatch.setattr(ooxml, "FALLBACK", fallback)
    assert ooxml.find_validator() == fallback


@needs("ooxml-validate")
def test_the_validator_finds_what_is_wrong_with_a_deck(outline_dir):
    write_outline(outline_dir, MINIMAL)
    deck = build(outline_dir / "talk.yaml").output
    assert ooxml.schema_problems(deck) == ""
    broken = outline_dir / "broken.pptx"
    with zipfile.ZipFile(deck) as z, zipfile.ZipFile(broken, "w") as out:
        for item in z.infolist():
            data = z.read(item)
            if item.filename == "ppt/slides/slide1.xml":
                data = data.replace(b"<p:cSld>", b'<p:cSld nonsense="1">', 1)
            out.writestr(item, data)
    report = ooxml.schema_problems(broken)
    assert "ppt/slides/slide1.xml" in report and "nonsense" in report, report


def test_a_test_that_skips_itself_fails_under_ci(tmp_path):
    (tmp_path / "conftest.py").write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
                                          "from tests.conftest import pytest_runtest_makereport  # noqa: F401\n",
                                          encoding="utf-8")
    (tmp_path / "test_it.py").write_text("import pytest\n\n\ndef test_it():\n    pytest.skip('not here')\n",
                                         encoding="utf-8")
    run = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_it.py"]
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    assert "1 skipped" in subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, env=env).stdout
    done = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, env={**env, "CI": "1"})
    assert "1 failed" in done.stdout and "CI is set and this test skipped itself" in done.stdout
