"""Inputs an outside tester tried that the corpus did not hold: what builds, and refusals that need a file too
big for ``tests/fixtures/bad/`` (the small ones are there, ``hostile-*``)."""

from __future__ import annotations

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
