"""Rebuilds in one process (what `talkdeck watch` does): only changed slides are rewritten,
and the deck comes out byte for byte as a fresh build makes it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from talkdeck.build import Reuse, build
from talkdeck.errors import OutlineError

from .conftest import write_outline

OUTLINE = """\
title: A small talk
speaker:
  name: Ada Example
  bio: Ada gives small talks.
charts:
  growth:
    type: bar
    title: Growth
    source: Example data
    data: {2019: 3, 2020: 5}
sections:
  - title: Only part
    minutes: 5
    slides:
      - title: First point
        bullets:
          - one
          - two
        notes: Say one, then two.
      - title: The numbers
        chart: growth
        notes: Read the bars.
      - title: A table
        table:
          - [Year, Count]
          - ["2019", "3"]
        source: Example data
        notes: Read the rows.
"""

EDITS = {
    "a bullet": ("          - two\n", "          - two and a half\n", 7),
    "a slide's notes": ("Read the bars.", "Read the bars, slowly.", 7),
    "a chart's data": ("{2019: 3, 2020: 5}", "{2019: 3, 2020: 6}", 7),
    "a table cell": ('["2019", "3"]', '["2019", "4"]', 7),
    "a slide title": ("title: The numbers", "title: The figures", 6),  # and the divider's notes
    "a slide's kind": ("        bullets:\n          - one\n          - two\n", "        statement: One.\n", 0),
    "the theme": ("sections:\n", "theme: {accent: '#123456'}\nsections:\n", 0),
    "a slide more": ("        notes: Read the rows.\n",
                     "        notes: Read the rows.\n      - title: More\n        statement: More.\n"
                     "        notes: More.\n", 0),
}


def members(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as z:
        return [(n, z.read(n)) for n in z.namelist()]


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_rebuild_rewrites_only_what_changed_and_matches_a_fresh_build(outline_dir, edit):
    old, new, kept = EDITS[edit]
    outline = write_outline(outline_dir, OUTLINE)
    reuse = Reuse()
    first = build(outline, outline_dir / "watch" / "talk.pptx", reuse=reuse)
    assert first.kept == 0 and first.slides == 8
    write_outline(outline_dir, OUTLINE.replace(old, new))
    again = build(outline, outline_dir / "watch" / "talk.pptx", reuse=reuse)
    assert again.kept == kept
    build(outline, outline_dir / "fresh" / "talk.pptx")
    assert (outline_dir / "watch" / "talk.pptx").read_bytes() == (outline_dir / "fresh" / "talk.pptx").read_bytes()
    assert members(outline_dir / "watch" / "talk.pptx") == members(outline_dir / "fresh" / "talk.pptx")


def test_a_broken_edit_keeps_the_deck_in_memory_for_the_next_good_one(outline_dir):
    outline = write_outline(outline_dir, OUTLINE)
    reuse = Reuse()
    out = outline_dir / "build" / "talk.pptx"
    build(outline, out, reuse=reuse)
    before = out.read_bytes()
    write_outline(outline_dir, OUTLINE.replace("minutes: 5", "minutes: five"))
    with pytest.raises(OutlineError):
        build(outline, out, reuse=reuse)
    assert out.read_bytes() == before
    write_outline(outline_dir, OUTLINE.replace("- one", "- one!"))
    assert build(outline, out, reuse=reuse).kept == 7
    build(outline, outline_dir / "fresh.pptx")
    assert out.read_bytes() == (outline_dir / "fresh.pptx").read_bytes()

