"""A right-to-left talk is laid out by the planner: on the built-in design every box of a Hebrew talk stands
where the same talk in English has it, mirrored; on a template, what stands side by side is taken from the right
(the first column in the right-hand placeholder, the picture at the left of its bullets, the bio's text at the
right of its photo) and the table's first column is at the right. The deck writes what was planned."""

from __future__ import annotations

import dataclasses
import re
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from talkdeck import layout as L
from talkdeck.layout import Box
from talkdeck.load import load_talk
from talkdeck.plan.planner import plan_slides

from . import templates
from .conftest import write_outline

TALK = textwrap.dedent("""\
    title: A small talk
    date: 2026-05-04
    language: {language}
    speaker:
      name: Ada Example
      bio: Ada gives small talks.
      photo: assets/ada.png
      photo_alt: Ada at her desk
    sections:
      - title: Only part
        minutes: 5
        slides:
          - title: Points
            bullets: [one, two]
            notes: n
          - title: Two sides
            columns: [{{heading: First, bullets: [a, b]}}, {{heading: Second, bullets: [c]}}]
            notes: n
          - title: Beside
            bullets: [a point, another]
            image: assets/map.png
            alt: A map
            notes: n
          - title: Beside, the other side
            bullets: [a point]
            image: assets/map.png
            alt: A map
            figure_side: left
            notes: n
          - title: A table
            table: [[Year, Count, Note], ["2019", "3", first], ["2020", "5", second]]
            source: Example data
            notes: n
          - title: A chart
            chart: growth
            caption: Two years
            notes: n
    charts:
      growth: {{type: bar, title: Growth, source: Example data, data: {{"2019": 3, "2020": 5}}}}
    """)


def _outline(folder: Path, language: str, theme: str = "") -> Path:
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (400, 300), "#336699").save(folder / "assets" / "map.png")
    Image.new("RGB", (300, 400), "#996633").save(folder / "assets" / "ada.png")
    return write_outline(folder, TALK.format(language=language) + theme, name=f"{language}.yaml")


def _plan(folder: Path, language: str, frame=None):
    specs, _ = plan_slides(load_talk(_outline(folder, language)), frame=frame)
    return specs


def _boxes(spec) -> list[tuple[str, Box]]:
    out = [(t.role, t.box) for t in spec.texts]
    out += [("figure", f.box) for f in spec.figures]
    # A table's height aside: in a right-to-left talk its cells of digits are spaced as the complex script
    # LibreOffice draws them in (text.shaping.line_spacing).
    out += [("table", dataclasses.replace(spec.table.box, h=0))] if spec.table else []
    out += [("footer", spec.footer.box)] if spec.footer else []
    out += [("rule", spec.rule)] if spec.rule else []
    out += [("number", spec.number_box)] if spec.number_box else []
    return out


def test_on_the_built_in_design_a_hebrew_talk_is_the_english_one_mirrored(tmp_path):
    english, hebrew = _plan(tmp_path, "en"), _plan(tmp_path, "he")
    assert [s.kind for s in english] == [s.kind for s in hebrew]
    for en, he in zip(english, hebrew):
        assert [(role, L.mirror(box)) for role, box in _boxes(en)] == _boxes(he), en.title
    # What that means, slide by slide: the first column, the bio's text and the bullets beside a picture at
    # the right; the picture at the left unless figure_side says otherwise; footer right, number left.
    by_title = {s.title: s for s in hebrew}
    two = by_title["Two sides"]
    assert two.text("column1").box.x > two.text("column2").box.x
    beside, other = by_title["Beside"], by_title["Beside, the other side"]
    assert beside.figures[0].box.x < beside.text("body").box.x
    assert other.figures[0].box.x > other.text("body").box.x
    bio = next(s for s in hebrew if s.kind == "bio")
    assert bio.figures[0].box.x < bio.text("body").box.x
    assert beside.footer.box.x + beside.footer.box.w == L.SLIDE_W - L.MARGIN and beside.number_box.x == L.MARGIN
    assert beside.rule.x > L.SLIDE_W / 2
    assert all(t.rtl for s in hebrew for t in s.texts) and not any(t.rtl for s in english for t in s.texts)


def test_a_right_to_left_table_has_its_first_column_at_the_right(tmp_path):
    english = next(s for s in _plan(tmp_path, "en") if s.table).table
    hebrew = next(s for s in _plan(tmp_path, "he") if s.table).table
    assert hebrew.rtl and not english.rtl
    assert hebrew.rows == [row[::-1] for row in english.rows]
    assert hebrew.col_widths == english.col_widths[::-1]
    assert hebrew.align == [row[::-1] for row in english.align]


@pytest.fixture(scope="module")
def serif_frame(tmp_path_factory):
    from talkdeck.deck import read_template_frame

    folder = tmp_path_factory.mktemp("rtl-template")
    return folder, read_template_frame(templates.serif(folder / "assets" / "serif.pptx"))


def test_on_a_template_side_by_side_boxes_are_taken_from_the_right(serif_frame):
    folder, frame = serif_frame
    english, hebrew = _plan(folder, "en", frame), _plan(folder, "he", frame)
    two_en = next(s for s in english if s.title == "Two sides")
    two_he = next(s for s in hebrew if s.title == "Two sides")
    # The two placeholders of the template's two-content layout, swapped: the first column in the right one.
    assert two_he.text("column1").box == two_en.text("column2").box
    assert two_he.text("column2").box == two_en.text("column1").box
    beside = next(s for s in hebrew if s.title == "Beside")
    assert beside.figures[0].box.x < beside.text("body").box.x
    other = next(s for s in hebrew if s.title == "Beside, the other side")
    assert other.figures[0].box.x > other.text("body").box.x
    bio_en = next(s for s in english if s.kind == "bio")
    bio_he = next(s for s in hebrew if s.kind == "bio")
    assert bio_en.figures[0].box.x > bio_en.text("body").box.x
    assert bio_he.figures[0].box.x < bio_he.text("body").box.x
    # Titles, footers and everything else stay where the template has them, written right to left.
    assert [t.box for t in two_he.texts if t.role == "title"] == [t.box for t in two_en.texts if t.role == "title"]
    assert two_he.footer.box == two_en.footer.box and two_he.footer.rtl
    assert next(s for s in hebrew if s.table).table.rtl


@pytest.mark.parametrize("kind", ["barh", "bar"])
def test_a_right_to_left_chart_starts_at_the_right(tmp_path, kind):
    """As Office draws a bar chart on a right-to-left sheet: the first category at the right (horizontal bars
    growing leftward from an axis at the right, their names right of it), the title at the right."""
    from talkdeck.charts import draw_chart, talk_chart_style
    from talkdeck.lang.i18n import messages_for

    talk = load_talk(_outline(tmp_path, "he"))
    chart = talk.charts["growth"]
    chart = dataclasses.replace(chart, type=kind)
    box = Box(0, 0, L.inches(8), L.inches(4))
    fig = draw_chart(chart, talk_chart_style(talk, messages_for(talk)), box)
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    assert ax.xaxis_inverted() and ax.yaxis.get_ticks_position() == "right"
    plot = ax.get_window_extent(renderer)
    labels = [t for t in ax.yaxis.get_ticklabels() if t.get_visible() and t.get_text()]
    assert labels and all(t.get_window_extent(renderer).x0 >= plot.x1 for t in labels)
    title = fig.texts[0].get_window_extent(renderer)
    assert title.x1 > fig.bbox.width * 0.95 and title.x0 > fig.bbox.width * 0.3
    if kind == "barh":
        first, second = ax.patches[0].get_window_extent(renderer), ax.patches[1].get_window_extent(renderer)
        assert first.x1 == pytest.approx(second.x1, abs=1) and first.x0 > second.x0  # 3 then 5, from the right


def test_arabic_runs_are_set_without_the_templates_letter_spacing(tmp_path):
    """A template that spaces out its subtitle's letters (spc) would break Arabic's joins (LibreOffice draws the
    gaps as strokes under the line): runs of a joined script are written with none; Latin runs keep it."""
    import zipfile

    from pptx import Presentation
    from pptx.oxml.ns import qn

    from talkdeck.build import build

    house = tmp_path / "assets" / "house.pptx"
    templates.serif(house)
    prs = Presentation(str(house))
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            for rpr in ph._element.iter(qn("a:defRPr"), qn("a:rPr")):
                rpr.set("spc", "300")
    prs.save(str(house))
    outline = _outline(tmp_path, "ar", "theme:\n  template: assets/house.pptx\n")
    build(outline, tmp_path / "out.pptx")
    with zipfile.ZipFile(tmp_path / "out.pptx") as z:
        cover = z.read("ppt/slides/slide1.xml").decode()
    runs = re.findall(r"<a:r><a:rPr([^>]*)>.*?<a:t>([^<]*)</a:t></a:r>", cover)
    arabic = [attrs for attrs, text in runs if re.search("[\u0600-\u06ff]", text)]
    latin = [attrs for attrs, text in runs if re.fullmatch(r"[A-Za-z .]+", text)]
    assert arabic and all('spc="0"' in attrs for attrs in arabic)
    assert latin and not any("spc=" in attrs for attrs in latin)
