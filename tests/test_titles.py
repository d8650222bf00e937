"""Nothing above the slide: titles of at most two lines in a box that can only grow down, a footer
on one line, a quote's author always shown, sub-point levels told apart."""

from __future__ import annotations

from talkdeck import layout as L
from talkdeck.load import parse_talk
from talkdeck.plan.footer import plan_footer
from talkdeck.plan.planner import plan_slides
from talkdeck.text.fit import Para, fit_text, para_size
from talkdeck.text.para import LEVEL_MARKERS

from .conftest import MINIMAL


def plan(text: str):
    talk = parse_talk(text.encode(), "talk.yaml")
    return talk, *plan_slides(talk, "talk.yaml")


def test_a_title_that_a_line_more_would_push_off_the_slide_grows_down_instead():
    _, specs, warnings = plan(MINIMAL)
    one = specs[-2].text("title")  # "First point": a line more, drawn upward, still stays on the slide
    assert (one.anchor, one.box) == ("bottom", L.TITLE)
    two = "The Soviet Union's Today is Our Tomorrow: the 156 projects and China's developmental vision"
    _, specs, warnings = plan(MINIMAL.replace("title: First point", f'title: "{two}"'))
    title = next(s for s in specs if s.title == two).text("title")
    assert title.anchor == "top"
    assert title.box.y + title.box.h == L.TITLE.y + L.TITLE.h
    # Two lines high, not the whole area: a third line drawn goes down, over the rule, not off the top.
    lines_h = round(2 * title.size * L.LINE_SPACING * L.EMU_PER_PT)
    assert title.box.h == min(L.TITLE.h, lines_h + 2 * L.INSET_Y + 2 * L.EMU_PER_PT)
    assert warnings == []


def test_a_title_of_three_lines_at_the_floor_is_warned_about():
    long = "A title about the First Five-Year Plan, the Soviet experts and the cities they built " * 2
    _, specs, warnings = plan(MINIMAL.replace("title: First point", f"title: {long.strip()}"))
    title = next(s for s in specs if s.title.startswith("A title about")).text("title")
    assert title.size == 28 and title.anchor == "top" and title.box == L.TITLE and not title.fits
    assert [str(w) for w in warnings] == [
        "talk.yaml:9:16: warning: sections[0].slides[0].title: title takes 3 lines even at 28 pt "
        "(its box holds 2); shorten it"]


def test_a_two_line_title_shrinks_until_it_takes_two_lines():
    two = "The Soviet Union's Today is Our Tomorrow: the 156 projects and China's developmental vision"
    _, specs, warnings = plan(MINIMAL.replace("title: First point", f'title: "{two}"'))
    title = next(s for s in specs if s.title == two).text("title")
    assert fit_text(title.paras, L.TITLE, title.size, title.size, "Calibri", "Noto Sans CJK SC").lines == 2
    assert warnings == []


def test_the_footer_shrinks_to_one_line_then_is_warned_about():
    talk = parse_talk(MINIMAL.encode(), "talk.yaml")
    block, problems = plan_footer(talk)
    assert (block.size, problems) == (12, [])
    long = "A footer " + "that names the event, the venue and the city " * 4
    talk = parse_talk((MINIMAL + f"footer: {long}\n").encode(), "talk.yaml")
    block, problems = plan_footer(talk)
    assert block.size == 10
    assert [str(p) for p in problems] == [
        "talk.yaml:14:9: warning: footer: the footer takes 2 lines even at 10 pt (it has room for one); "
        "write a shorter 'footer:'"]
    middling = "A footer that names the event, the venue and the city, and the speaker's institution in full too"
    talk = parse_talk((MINIMAL + f"footer: {middling}, and the date and the room as well, for the record\n").encode(), "talk.yaml")
    block, problems = plan_footer(talk)
    assert 10 <= block.size < 12 and problems == []


def test_a_quote_without_a_title_still_shows_who_said_it():
    _, specs, _ = plan(MINIMAL.replace("      - title: First point\n        bullets:\n          - one\n"
                                       "          - two\n", "      - quote: Today is our tomorrow.\n"
                                       "        by: A slogan of the 1950s\n"))
    spec = next(s for s in specs if s.kind == "quote")
    assert spec.text("by").paras[0].text == "— A slogan of the 1950s"
    assert spec.title == spec.text("title").paras[0].text == "Quote"  # the author is not shown twice


def test_sub_point_levels_differ_in_marker_and_size_but_never_go_below_the_floor():
    assert len(set(LEVEL_MARKERS)) == 3
    paras = [Para("a", level=k, bullet=True) for k in range(3)]
    assert [para_size(p, 24, 18) for p in paras] == [24, 22, 19]
    assert [para_size(p, 18, 18) for p in paras] == [18, 18, 18]
    assert para_size(Para("heading", bold=True), 24, 18) == 24


def test_a_section_title_is_measured_in_the_capitals_the_built_in_design_draws():
    title = "Soviet influence on the economic bureaucracy of the People's Republic of China, 1949–57"
    _, specs, _ = plan(MINIMAL.replace("  - title: Only part", f"  - title: \"{title}\""))
    block = next(s for s in specs if s.kind == "divider").text("title")
    assert block.paras[0].text == title  # the text as written; the capitals are the layout's style
    # Two lines at 36 pt as written, three in capitals: shrunk until the capitals fit.
    assert fit_text([Para(title, bold=True)], L.DIVIDER_TITLE, 36, 36, "Calibri", "x").fits
    assert block.size < 36
    assert fit_text([Para(title.upper(), bold=True)], L.DIVIDER_TITLE, block.size, block.size, "Calibri", "x").fits
