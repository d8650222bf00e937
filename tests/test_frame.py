"""The planner on a template's geometry (frame.py): pure, no file read, no pptx."""

from __future__ import annotations

import dataclasses
import datetime

from talkdeck.layout import Box, inches
from talkdeck.load import parse_talk
from talkdeck.plan.frame import Frame, LayoutFrame, free_area, overlaps, theme_on
from talkdeck.plan.planner import plan_slides

from .test_deck_xml import EVERY_KIND

I = inches  # noqa: E741 - reads as the unit, in the boxes below


def a_frame(problems: tuple[str, ...] = ()) -> Frame:
    """A 4:3 frame: titles under a band, bodies below, a footer strip; serif titles, sans body."""
    common = dict(footer=Box(I(2.7), I(6.95), I(4.2), I(0.5)), number=Box(I(8.7), I(6.95), I(1), I(0.5)),
                  title_font="Liberation Serif", body_font="Liberation Sans", title_size=40, body_size=26,
                  title_color="#14284B")
    title = Box(I(0.5), I(0.95), I(9), I(1.0))
    body = Box(I(0.5), I(2.1), I(9), I(4.6))
    layouts = {
        "cover": LayoutFrame("Title Slide", Box(I(0.75), I(2.3), I(8.5), I(1.6)),
                             subtitle=Box(I(1.5), I(4.2), I(7), I(1.9)), **common),
        "content": LayoutFrame("Title and Content", title, (body,), content=body, **common),
        "section": LayoutFrame("Section Header", Box(I(0.8), I(4.8), I(8.5), I(1.5)),
                               (Box(I(0.8), I(3.2), I(8.5), I(1.6)),), content=body, **common),
        "two": LayoutFrame("Two Content", title, (Box(I(0.5), I(2.1), I(4.4), I(4.6)),
                                                  Box(I(5.1), I(2.1), I(4.4), I(4.6))), content=body, **common),
        "title_only": LayoutFrame("Title Only", title, content=body, **common),
    }
    colors = {"dk1": "#1F1F1F", "lt1": "#FFFFFF", **{f"accent{i}": f"#{i}{i}2244" for i in range(1, 7)}}
    layouts["closing"] = layouts["cover"]  # no closing layout: the title slide's serves
    return Frame(I(10), I(7.5), layouts, colors, "#1F1F1F", "#F7F3E8", "Liberation Serif", "Liberation Sans",
                 problems)


def talk(theme: str = ""):
    return parse_talk((EVERY_KIND + "theme:\n  template: house.pptx\n" + theme).encode(), "talk.yaml")


def test_the_theme_takes_what_the_speaker_did_not_write_from_the_template():
    frame = a_frame()
    t = theme_on(talk("  accent: '#B22222'\n").theme, frame)
    assert t.accent == "#B22222"  # written by the speaker
    # The accent the speaker wrote leads the charts' series too, then the template's accents.
    # (Accents a twin of one before them to the eye are left out.)
    assert t.palette[0] == "#B22222" and set(t.palette[1:]) <= set(frame.accents)
    assert t.font == "Liberation Sans" and t.text == "#1F1F1F"
    assert theme_on(talk().theme, frame).palette[0] == frame.accents[0]
    assert t.background == "#F7F3E8"  # the master's: what charts and tables are read against
    assert (t.title_size, t.body_size) == (40, 26)
    assert theme_on(talk().theme, None) == talk().theme  # the built-in design keeps its look


def test_every_title_and_body_is_fitted_to_its_layouts_placeholders_in_its_fonts():
    frame = a_frame()
    t = talk()
    t = dataclasses.replace(t, theme=theme_on(t.theme, frame))
    specs, _ = plan_slides(t, "talk.yaml", frame)
    for spec in specs:
        lf = frame.layouts[spec.layout]
        title = spec.text("title")
        assert title.box == lf.title, spec.title
        assert title.font == "Liberation Serif" and title.color == "#14284B"
        assert title.align is None and title.anchor is None  # the placeholder's own
        for block in spec.texts:
            assert any(_inside(block.box, b) for b in (lf.title, lf.subtitle, *lf.bodies, lf.content) if b), \
                (spec.title, block.role)
        if spec.figure_box is not None:
            assert _inside(spec.figure_box, lf.content), spec.title
    assert {s.layout for s in specs if s.kind in ("chart", "image", "table")} == {"title_only"}
    divider = next(s for s in specs if s.kind == "divider")
    assert divider.layout == "section" and divider.background is None
    cover = specs[0]
    assert [b.role for b in cover.texts] == ["title", "subtitle"]  # speaker and date in the subtitle placeholder


def test_a_layout_without_room_is_a_warning_at_the_template_line():
    t = talk()
    _, warnings = plan_slides(t, "talk.yaml", a_frame(("its layout 'Title Only' leaves no room",)))
    [w] = [w for w in warnings if w.path == "theme.template"]
    assert w.pos == t.theme.pos("template")
    assert w.message == "the template cannot hold what talkdeck adds: its layout 'Title Only' leaves no room"


def test_free_area_keeps_the_largest_part_clear_of_each_obstacle():
    area = Box(0, 100, 1000, 500)
    logo = Box(800, 80, 200, 100)  # reaches into the top right corner
    free = free_area(area, [logo])
    assert not overlaps(free, logo)
    assert free == Box(0, 180, 1000, 420)


def _inside(a: Box, b: Box) -> bool:
    return a.x >= b.x and a.y >= b.y and a.x + a.w <= b.x + b.w and a.y + a.h <= b.y + b.h


def test_a_title_slide_with_a_placeholder_per_line_gets_one_line_in_each():
    frame = a_frame()
    lines = tuple(Box(I(3), I(4.6 + 0.6 * k), I(4), I(0.55)) for k in range(3))
    cover = dataclasses.replace(frame.layouts["cover"], bodies=lines)
    frame = dataclasses.replace(frame, layouts={**frame.layouts, "cover": cover})
    t = talk()
    t = dataclasses.replace(t, theme=theme_on(t.theme, frame), date=datetime.date(2026, 5, 4))
    specs, _ = plan_slides(t, "talk.yaml", frame)
    details = [b for b in specs[0].texts if b.role == "details"]
    assert [b.paras[0].text for b in details] == ["Ada Example", "4 May 2026"]
    assert [b.box for b in details] == list(lines[:2])


def test_a_template_footer_is_warned_about_only_when_it_does_not_fit_at_the_size_the_deck_sets_it():
    from talkdeck.layout import EMU_PER_PT, INSET_X
    from talkdeck.plan.footer import TEMPLATE_FOOTER_FLOOR, plan_footer
    from talkdeck.text.fit import text_width

    frame = a_frame()
    room = (frame.layouts["content"].footer.w - 2 * INSET_X) / EMU_PER_PT
    words = "Ada Example · a talk about footers".split()
    text = " ".join(words)
    while text_width(text + " more", 10, "Liberation Sans", "Noto Sans CJK SC") <= room:
        text += " more"
    text += " more"  # too wide at 10 pt: the built-in design's floor
    assert text_width(text, TEMPLATE_FOOTER_FLOOR, "Liberation Sans", "Noto Sans CJK SC") < room * 0.9
    outline = talk(f"footer: {text}\n")
    outline.theme = theme_on(outline.theme, frame)  # the template's fonts, as the build plans with
    block, warnings = plan_footer(outline, frame=frame)
    assert warnings == [] and block.size < 10


def test_a_title_slides_lines_in_a_small_subtitle_box_shrink_and_close_up_before_a_warning():
    """A designer's subtitle placeholder drawn for a line or two, with no free space under it to grow into
    (it ends at the slide's foot), holds the subtitle, speaker, event and date: they shrink below the body
    floor (to 12 pt at the least) and lose the space between them, with no warning as long as that fits."""
    frame = a_frame()
    small = dataclasses.replace(frame.layouts["cover"], subtitle=Box(I(1.5), I(6.5), I(7), I(1.0)))
    frame = dataclasses.replace(frame, layouts={**frame.layouts, "cover": small})
    t = talk("  min_body_size: 18\n")
    t = dataclasses.replace(t, theme=theme_on(t.theme, frame), subtitle="A subtitle of the talk",
                            event="A workshop", date=datetime.date(2026, 5, 4))
    specs, warnings = plan_slides(t, "talk.yaml", frame)
    lines = specs[0].text("subtitle")
    assert [p.text for p in lines.paras] == ["A subtitle of the talk", "Ada Example", "A workshop", "4 May 2026"]
    assert lines.fits and 12 <= lines.size < 18 and all(p.tight for p in lines.paras)
    assert not [w for w in warnings if w.path in ("subtitle", "speaker")]
