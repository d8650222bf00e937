"""Planning: slide order, generated notes, timing cues, chart descriptions and text fit."""

from __future__ import annotations

import textwrap

from talkdeck.charts.describe import describe_chart
from talkdeck.layout import BODY, Box, inches
from talkdeck.load import parse_talk
from talkdeck.plan.planner import plan_slides
from talkdeck.text.fit import Para, fit_text, wrap

from .conftest import MINIMAL

TWO_SECTIONS = MINIMAL + textwrap.dedent("""\
  - title: Second part
    minutes: 10
    summary: What comes next
    slides:
      - title: A chart
        chart: c
        notes: Look at it.
      - quote: Brevity is wit.
        by: Someone
        notes: Read it slowly.
charts:
  c:
    type: bar
    title: Counts
    unit: things
    data: {Energy: 52, Military industry: 44}
    source: A book, p. 1
closing: {title: Thanks, text: ada@example.org}
""")


def plan(text: str):
    return plan_slides(parse_talk(text.encode(), "talk.yaml"))


def test_slides_come_in_talk_order():
    specs, _ = plan(TWO_SECTIONS)
    assert [(s.kind, s.title) for s in specs] == [
        ("title", "A small talk"), ("bio", "Ada Example"), ("agenda", "Agenda"),
        ("divider", "Only part"), ("bullets", "First point"),
        ("divider", "Second part"), ("chart", "A chart"), ("quote", "Quote"),
        ("closing", "Thanks"),
    ]
    assert [s.number for s in specs] == list(range(1, 10))


def test_bio_can_go_at_the_end():
    specs, _ = plan(TWO_SECTIONS + "bio_position: end\n")
    assert [s.kind for s in specs][-2:] == ["bio", "closing"]


def test_every_slide_has_notes_and_generated_ones_say_what_a_section_covers():
    specs, _ = plan(TWO_SECTIONS)
    assert all(s.notes.strip() for s in specs)
    divider = specs[5]
    assert "Part 2 of 2: Second part. It covers: What comes next. Time budget: 10 minutes." in divider.notes
    assert "Part 1: Only part, 5 minutes. Part 2: Second part, 10 minutes." in specs[2].notes


def test_a_divider_lists_its_slides_by_the_titles_they_show():
    specs, _ = plan(TWO_SECTIONS.replace("Brevity is wit.", "Brevity is the soul of wit."))
    assert "Slides: A chart; Quote.\n" in specs[5].notes  # an untitled quote shows "Quote", not its text
    specs, _ = plan(TWO_SECTIONS.replace("        by: Someone\n", ""))
    assert "Slides: A chart; Quote.\n" in specs[5].notes


def test_notes_open_with_a_time_cue_when_sections_have_minutes():
    specs, _ = plan(TWO_SECTIONS)
    assert specs[4].notes.startswith("§1 · 0:00–5:00\n\nSay one, then two.")
    assert specs[6].notes.startswith("§2 · 5:00–15:00")
    assert specs[0].notes.endswith("[Slide 1 of 9]")


def test_a_slide_without_notes_gets_its_number_and_cue_and_no_blank_lines():
    specs, _ = plan(MINIMAL.replace("        notes: Say one, then two.\n", ""))
    assert specs[4].notes == "§1 · 0:00–5:00\n\n[Slide 5 of 6]"
    specs, _ = plan(MINIMAL.replace("        notes: Say one, then two.\n", "").replace("    minutes: 5\n", ""))
    assert specs[4].notes == "[Slide 5 of 6]"


def test_a_long_agenda_closes_up_its_lines_to_fit_instead_of_running_off_the_slide():
    sections = "".join(f"  - title: Part {i}, a fairly long section title about replication protocol {i}\n"
                       f"    slides:\n      - title: S{i}\n        bullets: [a]\n        notes: n\n" for i in range(14))
    specs, warnings = plan(MINIMAL.split("sections:")[0] + "sections:\n" + sections)
    agenda = specs[2].text("body")
    assert warnings == [] and agenda.fits and all(p.tight for p in agenda.paras)
    specs, _ = plan(TWO_SECTIONS)
    assert not any(p.tight for p in specs[2].text("body").paras)


def test_chart_slides_carry_alt_text_and_data_in_notes_and_show_the_source():
    specs, _ = plan(TWO_SECTIONS)
    chart = specs[6]
    assert chart.chart_alt == "Bar chart, Counts (things): Energy 52, Military industry 44. Source: A book, p. 1."
    assert "Chart data — Counts (things):\nEnergy: 52\nMilitary industry: 44\nSource: A book, p. 1" in chart.notes
    assert chart.text("source").paras[0].text == "Source: A book, p. 1"


def test_describe_chart_lists_every_series():
    talk = parse_talk((MINIMAL + textwrap.dedent("""\
        charts:
          s:
            type: stacked
            title: Kept
            source: Bo Yibo
            categories: ["1950", "1953"]
            series: {kept: [45, 85], dropped: [5, 6]}
        """)).encode(), "talk.yaml")
    assert describe_chart(talk.charts["s"]) == (
        "Stacked bar chart, Kept: kept: 1950 45, 1953 85; dropped: 1950 5, 1953 6. Source: Bo Yibo.")


def test_wrap_breaks_at_spaces_within_the_width():
    lines = wrap("the quick brown fox jumps over the lazy dog " * 3, 300, 24, "Calibri", "Noto Sans CJK SC")
    assert len(lines) > 1
    assert all(line == line.strip() for line in lines)
    assert " ".join(lines).split() == ("the quick brown fox jumps over the lazy dog " * 3).split()


def test_wrap_breaks_chinese_between_characters():
    lines = wrap("第一个五年计划" * 10, 200, 24, "Calibri", "Noto Sans CJK SC")
    assert len(lines) > 2
    assert "".join(lines) == "第一个五年计划" * 10


def test_text_that_fits_keeps_its_size_and_long_text_shrinks_to_the_floor():
    short = fit_text([Para("A short point", bullet=True)], BODY, 24, 18, "Calibri", "Noto Sans CJK SC")
    assert (short.size, short.fits) == (24, True)
    long = [Para("A rather long bullet point that goes on and on " * 3, bullet=True)] * 9
    shrunk = fit_text(long, BODY, 24, 18, "Calibri", "Noto Sans CJK SC")
    assert 18 <= shrunk.size < 24
    overfull = fit_text(long * 3, Box(0, 0, inches(6), inches(2)), 24, 18, "Calibri", "Noto Sans CJK SC")
    assert (overfull.size, overfull.fits) == (18, False)


def test_overfull_slide_is_a_warning_at_its_line():
    text = MINIMAL.replace("          - two\n", "".join(f"          - point {i} with quite a few words in it to fill the line\n"
                                                      for i in range(30)))
    _, warnings = plan(text)
    assert [str(w) for w in warnings] == [
        "talk.yaml:11:11: warning: sections[0].slides[0].bullets: the points do not fit one slide even at 18 pt: "
        "the last 20 continue on 'First point (2)', 'First point (3)'; shorten them or split the slide"]


def test_notes_flow_as_prose_but_keep_paragraphs_and_list_items():
    from talkdeck.plan.prose import prose

    assert prose("First line\nwraps here.\n\nSecond paragraph\n- a point\n- another\n  continued") == (
        "First line wraps here.\n\nSecond paragraph\n- a point\n- another continued")


def test_notes_lines_of_chinese_and_japanese_join_without_a_space():
    from talkdeck.plan.prose import prose

    notes = "名古屋大学で博士号を取得後、\nJR東海に入社した。\n次の行。"
    assert prose(notes, "ja") == "名古屋大学で博士号を取得後、JR東海に入社した。次の行。"
    assert prose("援助本身\n包括技术", "zh-CN") == "援助本身包括技术"
    assert prose("합계출산율은\n0.72명이다", "ko") == "합계출산율은 0.72명이다"  # Korean spaces its words
    assert prose("First line\nwraps here.", "ja") == "First line wraps here."


def test_words_count_chinese_characters_two_to_a_word():
    from talkdeck.plan.timing import words

    assert words("The plan, 1953–57.") == 4
    assert words("第一个五年计划") == 4
    assert words("The 第一个五年计划 began") == 6


def test_run_sheet_pace_follows_what_the_speaker_says_not_generated_text():
    specs, _ = plan(TWO_SECTIONS)
    chart, quote = specs[6], specs[7]
    assert chart.said == "Look at it." and "Chart data" in chart.notes
    assert chart.end_min - chart.start_min == quote.end_min - quote.start_min  # both under the 20-word floor
