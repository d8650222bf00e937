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


def test_a_template_of_another_16x9_size_is_scaled_to_fill_the_slide(outline_dir):
    from .conftest import MINIMAL, write_outline
    from .test_deck_xml import a_template

    a_template(outline_dir / "assets" / "house.pptx", 10, 5.625)  # PowerPoint 2010's 16:9
    build(write_outline(outline_dir, MINIMAL + "theme:\n  template: assets/house.pptx\n"))
    prs = Presentation(str(outline_dir / "build" / "talk.pptx"))
    assert (prs.slide_width, prs.slide_height) == (SLIDE_W, SLIDE_H)
    for owner in [prs.slide_master, *prs.slide_layouts]:
        phs = list(owner.placeholders)
        for ph in phs:
            where = f"{owner.name}: {ph.name}"
            assert 0 <= ph.left and ph.left + ph.width <= SLIDE_W, where
            assert 0 <= ph.top and ph.top + ph.height <= SLIDE_H, where
        if owner is prs.slide_master:  # its title, body, date, footer and number span the slide
            assert min(ph.left for ph in phs) < 0.1 * SLIDE_W
            assert max(ph.left + ph.width for ph in phs) > 0.9 * SLIDE_W
            assert min(ph.top for ph in phs) < 0.1 * SLIDE_H
            assert max(ph.top + ph.height for ph in phs) > 0.9 * SLIDE_H
    master = {ph.placeholder_format.type: ph.left for ph in prs.slide_master.placeholders}
    title = prs.slide_layouts[1].placeholders[0]
    assert title.left == master[title.placeholder_format.type]  # inherited, not scaled twice
