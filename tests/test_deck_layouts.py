"""The built-in design's layouts are 16:9 too: a slide added in PowerPoint from one of them looks right."""

from __future__ import annotations

from pptx import Presentation

from talkdeck.build import build

SLIDE_W, SLIDE_H = 12_192_000, 6_858_000


def test_every_layout_placeholder_lies_inside_the_16x9_slide(minimal):
    build(minimal)
    prs = Presentation(str(minimal.parent / "build" / "talk.pptx"))
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            where = f"{layout.name}: {ph.name}"
            assert ph.width > 0 and ph.height > 0, where
            assert 0 <= ph.left and ph.left + ph.width <= SLIDE_W, where
            assert 0 <= ph.top and ph.top + ph.height <= SLIDE_H, where
    master = {ph.placeholder_format.type: ph.left for ph in prs.slide_master.placeholders}
    title = prs.slide_layouts[1].placeholders[0]
    assert title.left == master[title.placeholder_format.type]  # inherited, not stretched twice
