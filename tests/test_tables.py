"""Tables sized to their text: widths from the measured cells, numbers, hyphenation, colours."""

from __future__ import annotations

import pytest

from talkdeck import layout as L
from talkdeck.model import Theme
from talkdeck.plan.tables import INSET_Y, TIGHT_INSET_Y, _distribute, hyphenate, is_number, plan_table, table_colors
from talkdeck.text.color import contrast
from talkdeck.text.fit import text_width

DARK = Theme(background="#111827", text="#F3F4F6", muted="#9CA3AF", accent="#B45309")


@pytest.mark.parametrize("text", ["1,234", "−5", "12%", "3.5", "-0.25", "1 234", "€40", "+7", "1.234.567,89"])
def test_numbers_are_recognised(text):
    assert is_number(text)


@pytest.mark.parametrize("text", ["1953–57", "Step 1", "12 projects", "n/a", "", "1,2,3", "x1"])
def test_other_text_is_not_a_number(text):
    assert not is_number(text)


def test_widths_follow_a_browsers_auto_layout():
    # Room for every cell on one line: each column gets its widest cell, the rest shared in proportion.
    assert _distribute(100, [10, 10], [20, 30]) == [40, 60]
    # Not enough: each column its longest word, plus the room left in proportion to what it wants more.
    assert _distribute(100, [20, 20], [120, 40]) == pytest.approx([20 + 60 * 100 / 120, 20 + 60 * 20 / 120])


def test_a_longer_column_is_wider_and_numbers_are_right_aligned():
    rows = [["Sector", "Projects"], ["Energy, coal mines and power plants in the north-east", "52"],
            ["Machine-building", "1,234"]]
    plan = plan_table(rows, L.BODY, Theme(), "en-GB")
    assert plan.col_widths[0] > 2 * plan.col_widths[1]
    assert sum(plan.col_widths) == L.BODY.w
    assert plan.align == [["left", "right"], ["left", "right"], ["left", "right"]]
    assert plan.size == 24 and plan.problems == []


def test_text_shrinks_to_the_floor_before_a_word_is_hyphenated():
    words = ["Народнохозяйственного", "Сельскохозяйственное", "Электрификация", "Машиностроительный",
             "Капиталовложения", "Железнодорожный"]
    rows = [words, words[::-1]]
    plan = plan_table(rows, L.BODY, Theme(), "ru-RU")
    assert plan.size == Theme().min_body_size
    broken = [c for row in plan.cells for c in row if "\n" in c]
    assert broken, plan.cells
    for cell in broken:
        lines = cell.split("\n")
        assert all(line.endswith("-") for line in lines[:-1])
        assert "".join(line[:-1] for line in lines[:-1]) + lines[-1] in words
    # Every piece fits its column.
    pad = 2 * L.INSET_X / L.EMU_PER_PT
    for row in plan.cells:
        for c, cell in enumerate(row):
            for piece in cell.split("\n"):
                width = text_width(piece, plan.size, "Calibri", "Noto Sans CJK SC")
                assert width <= plan.col_widths[c] / L.EMU_PER_PT - pad


def test_a_table_that_fits_at_a_larger_size_breaks_no_word():
    rows = [["Отрасль", "Доля"], ["Народнохозяйственного комплекса", "12%"]]
    plan = plan_table(rows, L.BODY, Theme(), "ru-RU")
    assert plan.size == 24 and plan.cells == rows


@pytest.mark.parametrize("language, word", [("de-DE", "Donaudampfschifffahrtsgesellschaft"),
                                            ("en-GB", "internationalisation"),
                                            ("ru-RU", "Народнохозяйственного")])
def test_words_are_hyphenated_by_the_talks_language(language, word):
    def measure(s):
        return text_width(s, 18, "Calibri", "Noto Sans CJK SC")
    pieces = hyphenate(word, measure(word) * 0.6, measure, language)
    assert pieces is not None and len(pieces) >= 2
    assert all(p.endswith("-") for p in pieces[:-1]) and "".join(p[:-1] for p in pieces[:-1]) + pieces[-1] == word


def test_a_cyrillic_word_in_an_english_talk_is_hyphenated_as_russian():
    """Cut at Russian hyphenation points (На-род-но-хо-зяй-ствен-но-го), each piece as long as 100 pt allows;
    the English dictionary has no points in a Cyrillic word at all."""
    def measure(s):
        return text_width(s, 18, "Calibri", "Noto Sans CJK SC")
    pieces = hyphenate("Народнохозяйственного", 100, measure, "en-GB")
    assert pieces == ["Народнохо-", "зяйственно-", "го"]
    assert all(measure(p) <= 100 for p in pieces)
    assert measure("Народнохозяй-") > 100 and measure("зяйственного") > 100  # the next Russian point would not fit
    assert pieces == hyphenate("Народнохозяйственного", 100, measure, "ru")


def test_a_word_without_a_hyphenation_point_is_warned_about():
    rows = [["A", "B", "C", "D", "E", "F", "G", "H"]] + [["NOAAGlobalTempXYZWVUTSRQ"] * 8]
    plan = plan_table(rows, L.BODY, Theme(), "en-GB")
    assert plan.problems[0] == ("'NOAAGlobalTempXYZWVUTSRQ' is wider than its column even at 18 pt and has no "
                                "hyphenation point that fits; shorten it or split the table")


def test_an_eight_by_twelve_table_that_overflows_is_warned_about():
    rows = [[f"Column {c}" for c in range(8)]] + [[f"{(r + 1) * (c + 3) * 17}" for c in range(8)] for r in range(11)]
    plan = plan_table(rows, L.BODY_WITH_SOURCE, Theme(), "en-GB")
    assert plan.problems == ["table does not fit its box even at 18 pt; split it"]
    assert not plan.fits


NAMING = [["Convention", "Example", "Readability", "Tooling support", "Comment"],
          ["snake_case", "`get_user_by_id`", "High", "Excellent",
           "Pythonic and widely used in internationalization libraries"],
          ["camelCase", "`getUserById`", "Medium", "Excellent", "Common in JavaScript"],
          ["kebab-case", "`get-user-by-id`", "High", "Limited", "URLs and CLI flags"],
          ["SCREAMING_SNAKE_CASE", "`MAX_RETRY_COUNT_BEFORE_GIVING_UP`", "Low", "Good", "Constants only"]]


def test_a_word_that_cannot_be_cut_keeps_its_width_and_the_other_columns_words_are_cut_to_what_is_left():
    # The identifiers have no hyphenation point: their columns take their width, and 'Readability',
    # 'Excellent', 'internationalization' must fit (whole or hyphenated) in what the others are given,
    # else LibreOffice breaks them anywhere, without a hyphen.
    plan = plan_table(NAMING, L.BODY_WITH_SOURCE, Theme(), "en-GB")
    assert plan.problems == [] and plan.size == 18
    pad = 2 * L.INSET_X / L.EMU_PER_PT
    for r, row in enumerate(plan.cells):
        for c, cell in enumerate(row):
            font = "Courier New" if NAMING[r][c].startswith("`") else "Calibri"
            for piece in cell.replace("`", "").split("\n"):
                for word in piece.split(" "):
                    width = text_width(word, plan.size, font, "Noto Sans CJK SC", bold=(r == 0))
                    assert width <= plan.col_widths[c] / L.EMU_PER_PT - pad, (word, c)
    assert any("-\n" in cell for cell in plan.cells[1])  # 'internationalization' was hyphenated


BACKENDS = [["Backend", "Retention", "Monthly cost (USD)", "p99 query (ms)", "Cardinality limit", "Notes"]] + [
    [name, "30 days", f"{1000 + 700 * i:,}", f"{300 + 90 * i:,}", f"{(i + 1) * 10_000_000:,}", "Object storage"]
    for i, name in enumerate(["Prometheus", "Thanos", "Cortex", "Elasticsearch", "Loki", "InfluxDB", "Graphite",
                              "VictoriaMetrics", "ClickHouse", "Tempo"])]


def test_a_header_and_ten_rows_fit_above_a_source_at_the_floor_with_tighter_cells():
    plan = plan_table(BACKENDS, L.BODY_WITH_SOURCE, Theme(), "en-GB")
    assert plan.problems == [] and plan.fits and plan.size == 18
    assert plan.inset_y == TIGHT_INSET_Y and plan.box.h <= L.BODY_WITH_SOURCE.h
    # A table that fits without them keeps PowerPoint's own insets.
    assert plan_table(BACKENDS[:8], L.BODY_WITH_SOURCE, Theme(), "en-GB").inset_y == INSET_Y


def test_a_table_built_with_tighter_cells_writes_them(outline_dir, run_cli):
    from pptx import Presentation

    from .conftest import MINIMAL, write_outline

    rows = "".join(f"          - [{', '.join(repr(c) for c in row)}]\n" for row in BACKENDS)
    write_outline(outline_dir, MINIMAL + "      - title: Backends\n        source: A report\n        table:\n"
                  + rows + "        notes: n\n")
    assert run_cli("build").exit_code == 0
    table = next(s.table for s in Presentation("build/talk.pptx").slides[5].shapes if s.has_table)
    assert {table.cell(r, 0).margin_top for r in range(11)} == {TIGHT_INSET_Y}
    assert sum(row.height for row in table.rows) <= L.BODY_WITH_SOURCE.h


@pytest.mark.parametrize("theme", [Theme(), DARK, Theme(accent="#FFD700"), Theme(accent="#777777"),
                                   Theme(background="#FDF6E3", text="#073642", accent="#268BD2")])
def test_header_and_bands_read_at_least_4_5_to_1(theme):
    header_fill, header_text, band = table_colors(theme)
    assert contrast(header_text, header_fill) >= 4.5
    assert contrast(theme.text, band) >= 4.5
    assert band != theme.background  # the bands show


def test_bands_on_a_dark_theme_are_dark():
    _, _, band = table_colors(DARK)
    assert contrast("#F3F4F6", band) >= 4.5 and band.upper() != "#F1F3F5"


def test_a_column_mixing_numbers_and_words_reads_as_text_and_a_dash_stands_for_no_value():
    rows = [["Period", "Experts", "Share"], ["1950–56", "5,092", "12%"], ["1950–60", "about 11,000", "—"]]
    plan = plan_table(rows, L.BODY, Theme(), "en-GB")
    assert plan.align[0] == plan.align[1] == ["left", "left", "right"]


def test_a_line_breaks_between_any_two_east_asian_characters_whatever_comes_first():
    from talkdeck.plan.tables import _PIECES

    # Hangul and full-width forms are East Asian as script.py defines it, after a Latin word too.
    assert _PIECES.findall("Excel표 데이터ＡＢ well-known 中文abc") == [
        "Excel", "표", "데", "이", "터", "Ａ", "Ｂ", "well-", "known", "中", "文", "abc"]
