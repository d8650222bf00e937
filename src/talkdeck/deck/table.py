"""Writing a planned table: its column widths and row heights, fills, and each cell's runs."""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.table import _Row
from pptx.util import Emu, Pt

from .. import layout as L
from ..plan.tables import TablePlan
from ..text.para import Para
from ..text.shaping import line_spacing
from .text import MIRRORED, TextWriter

_ALIGN = {"left": PP_ALIGN.LEFT, "right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}


def add_table(slide, plan: TablePlan, name: str, writer: TextWriter, language: str) -> None:
    """Add ``plan`` to ``slide`` as a table shape named ``name``.

    The theme's colours replace the table style's: an accent header, rows banded
    in a tint that the text reads on. A cell's text is written with its inline
    markup (``plan.rows``); a hyphenated word's break (a line feed in the planned
    cell) is written as a line break after its hyphen. The columns are written in
    the plan's order; a right-to-left plan's cells are right-to-left paragraphs, each
    cell's alignment taken from its start (the right).
    """
    b = plan.box
    frame = slide.shapes.add_table(len(plan.cells), len(plan.cells[0]), Emu(b.x), Emu(b.y), Emu(b.w), Emu(b.h))
    frame.name = name
    table = frame.table
    for c, width in enumerate(plan.col_widths):
        table.columns[c].width = Emu(width)
    # Rows and cells are walked in order, and each row's height written to its XML: python-pptx finds
    # ``rows[r]`` and ``cell(r, c)`` by searching the table from its start, and sums every row's height
    # again whenever one is set, which made writing a table cubic in its rows (400 rows: 85 s). Its
    # collection of rows has no iterator of its own either: Python reads it by index.
    rows = table.rows
    for r, (row, pptx_row) in enumerate(zip(plan.cells, (_Row(tr, rows) for tr in table._tbl.tr_lst))):
        pptx_row._tr.h = Emu(plan.row_heights[r])
        fill = plan.header_fill if r == 0 else plan.band_fill if r % 2 == 0 else plan.fill
        color = plan.header_text if r == 0 else plan.text
        for c, (cell, text) in enumerate(zip(pptx_row.cells, row)):
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(fill.lstrip("#"))
            align = MIRRORED[plan.align[r][c]] if plan.rtl else plan.align[r][c]
            _fill_cell(cell, text, Para(plan.rows[r][c], bold=(r == 0)), plan.size, color, align, plan.inset_y,
                       writer, language, plan.rtl)
    frame.height = Emu(sum(plan.row_heights))  # what python-pptx's height setter keeps it at


def _fill_cell(cell, text: str, para: Para, size: float, color: str, align: str, inset_y: int,
               writer: TextWriter, language: str, rtl: bool = False) -> None:
    cell.margin_left = cell.margin_right = Emu(L.INSET_X)
    cell.margin_top = cell.margin_bottom = Emu(inset_y)
    tf = cell.text_frame
    tf.word_wrap = True
    p = tf.paragraphs[0]
    p.line_spacing = Pt(size * line_spacing(para.text, writer.theme.font_cs, L.LINE_SPACING, rtl))
    p.alignment = _ALIGN[align]
    if rtl:
        p._p.get_or_add_pPr().set("rtl", "1")
    # The cell's runs in their faces (inline markup), cut where the planned text breaks a word. Their
    # colour is always written (own): the cell is filled by talkdeck, and a template's text colour would
    # give way to the table style's (black) inside a table.
    writer.write_runs(p._p, para, size, color, cell.part, own=True, shown=text, rtl=rtl)
