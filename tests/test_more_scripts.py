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


def _table_talk(rows: int, language: str = "ko") -> str:
    body = "".join(f'          - ["{25 + i}", "0.{i:04d}", 반응 {i}]\n' for i in range(rows))
    return (f"title: 속도론\nlanguage: {language}\nspeaker:\n  name: 정하윤\n  bio: 화학자\nsections:\n"
            "  - title: 결과\n    slides:\n      - title: 온도별 속도상수\n        table:\n"
            f"          - [온도 (°C), k, 비고]\n{body}        source: 측정값\n        notes: 표를 설명합니다.\n")


def test_a_table_too_long_for_a_slide_goes_on_under_its_header_at_the_same_size():
    from talkdeck.load import parse_talk
    from talkdeck.plan.planner import plan_slides

    specs, warnings = plan_slides(parse_talk(_table_talk(16).encode(), "talk.yaml"))
    tables = [s for s in specs if s.table is not None]
    assert [s.title for s in tables] == ["온도별 속도상수", "온도별 속도상수(2)"]
    assert [row[0] for row in tables[0].table.rows] == ["온도 (°C)", *(str(25 + i) for i in range(9))]
    assert [row[0] for row in tables[1].table.rows] == ["온도 (°C)", *(str(25 + i) for i in range(9, 16))]
    assert all(s.table.fits for s in tables)
    assert tables[1].table.size == tables[0].table.size == 18
    assert [s.text("source") is not None for s in tables] == [True, True]
    assert [str(w) for w in warnings] == [
        "talk.yaml:11:11: warning: sections[0].slides[0].table: the rows do not fit one slide even at 18 pt: "
        "the last 7 rows continue on '온도별 속도상수(2)'; shorten them or split the slide"]


def test_a_table_that_fits_stays_one_slide():
    from talkdeck.load import parse_talk
    from talkdeck.plan.planner import plan_slides

    specs, warnings = plan_slides(parse_talk(_table_talk(5).encode(), "talk.yaml"))
    assert [s.title for s in specs if s.table is not None] == ["온도별 속도상수"]
    assert warnings == []


def test_a_korean_chart_title_with_an_equation_draws_its_korean_words(caplog):
    """mathtext sets the words around an equation in the title's first font, with STIX as its only fallback:
    the title starts with a font that has the Korean words, not Carlito (whose missing '대' was a box)."""
    import logging

    from talkdeck.charts import draw_chart
    from talkdeck.charts.fonts import _charmap
    from talkdeck.charts.style import chart_style
    from talkdeck.layout import BODY_WITH_SOURCE
    from talkdeck.model import Chart, Theme

    chart = Chart(type="line", title="ln k 대 1/T ($\\mathrm{K^{-1}}$)", source="표",
                  categories=["1", "2"], series={"ln k": [-4.05, -4.38]})
    with caplog.at_level(logging.WARNING, logger="matplotlib"):
        fig = draw_chart(chart, chart_style(Theme(font_cjk="Noto Sans CJK KR"), "ko"), BODY_WITH_SOURCE)
    assert not [r for r in caplog.records if "glyph" in r.getMessage()]
    first = fig.texts[0].get_fontfamily()[0]
    assert ord("대") in _charmap(first), first
