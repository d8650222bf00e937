"""Talks in scripts the other fixtures do not cover, as their first users wrote them: a Thai economist's
charts, a Korean chemist's citations and long table, a Hebrew linguist's references."""

from __future__ import annotations

from pathlib import Path

from .conftest import write_outline

THAI_CHART = """\
title: หนี้ครัวเรือนไทย
language: th
speaker:
  name: สมชาย วงศ์สวัสดิ์
  bio: นักเศรษฐศาสตร์
sections:
  - title: ภาพรวม
    slides:
      - title: หนี้แยกตามวัตถุประสงค์
        chart: purpose
        notes: สินเชื่อเพื่อการอุปโภคบริโภคเป็นสัดส่วนที่ใหญ่ที่สุด
charts:
  purpose:
    type: barh
    title: สัดส่วนหนี้ครัวเรือนแยกตามวัตถุประสงค์
    unit: "%"
    data:
      สินเชื่อเพื่อการอุปโภคบริโภค: 34.5
      สินเชื่อเพื่อที่อยู่อาศัย: 27.1
    source: ธนาคารแห่งประเทศไทย 2567
"""


def test_a_thai_chart_is_drawn_in_the_thai_font_the_talk_names_none_for(outline_dir: Path, run_cli):
    from talkdeck.charts.fonts import check_glyphs
    from talkdeck.charts.style import chart_style
    from talkdeck.load import load_talk

    write_outline(outline_dir, THAI_CHART)
    talk = load_talk(outline_dir / "talk.yaml")
    check_glyphs(talk.charts["purpose"], chart_style(talk.theme, talk.language))  # no FontMissing
    result = run_cli("build", "talk.yaml")
    assert result.exit_code == 0, result.output
    assert "no installed font" not in result.output
