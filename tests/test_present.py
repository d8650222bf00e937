"""Giving the presentation: text that fits, Chinese and Russian, timing, PDF and previews,
accessibility and templates — checked in the deck and in what LibreOffice draws."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pptx import Presentation

from talkdeck.export.convert import to_pdf

from .conftest import MINIMAL, needs, write_outline
from .deckcheck import deck_problems
from .pdfcheck import characters, open_pdf, page_text, stray_characters, text_boxes

LONG = " ".join(["A long bullet point about the First Five-Year Plan and its investment projects"] * 2)

MIXED = MINIMAL + (
    "  - title: 第一个五年计划 and «Сегодня Советского Союза — наше завтра»\n"
    "    minutes: 5\n"
    "    slides:\n"
    "      - title: Overfull\n"
    "        bullets:\n"
) + "".join(f"          - {LONG} ({i})\n" for i in range(14)) + "        notes: Too much text on purpose.\n" + (
    "      - title: One point too long\n"
    f"        bullets: [{' '.join([LONG] * 16)}]\n"
    "        notes: One point that no slide holds.\n") + textwrap.indent(textwrap.dedent("""\
      - title: Sources in two languages
        bullets:
          - 第一个五年计划 (1953–57)
          - «Сегодня Советского Союза — наше завтра»
        notes: Chinese and Russian.
      - title: A chart with Chinese and Russian labels
        chart: cjk
        notes: Labels.
"""), "      ") + textwrap.dedent("""\
charts:
  cjk:
    type: bar
    title: 项目 / проекты
    source: Bo Yibo (1991)
    data: {能源: 52, Энергетика: 44}
""")


def build(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "talkdeck", "build", *args], capture_output=True, text=True,
                          cwd=folder)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed")
    write_outline(folder, MIXED)
    done = build(folder, "--pdf")
    assert done.returncode == 0, done.stderr
    return folder, done


def test_overfull_text_is_warned_at_its_line(mixed):
    _, done = mixed
    lines = done.stderr.splitlines()
    # Whole points that do not fit continue on slides of the same title; one point that cannot is warned about.
    assert ("talk.yaml:19:11: warning: slide 'Overfull' (line 17), bullets: the points do not fit one slide even at "
            "18 pt: the last 8 continue on 'Overfull (2)', 'Overfull (3)'; shorten them or split the slide") in lines
    assert any("slide 'One point too long'" in line and "text does not fit its box even at 18 pt" in line
               for line in lines)


def run_sizes(shape) -> set[float]:
    return {r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs}


def test_long_text_shrinks_and_short_text_keeps_the_theme_size(mixed):
    folder, _ = mixed
    prs = Presentation(str(folder / "build" / "talk.pptx"))
    by_title = {s.shapes.title.text_frame.text: s for s in prs.slides}
    assert run_sizes(by_title["First point"].placeholders[1]) == {24.0}
    assert 18.0 <= min(run_sizes(by_title["Overfull"].placeholders[1])) < 24.0
    assert [t for t in by_title if t.startswith("Overfull")] == ["Overfull", "Overfull (2)", "Overfull (3)"]


@needs("soffice")
def test_every_character_is_inside_its_box_and_the_slide(mixed):
    folder, _ = mixed
    prs = Presentation(str(folder / "build" / "talk.pptx"))
    doc = open_pdf(folder / "build" / "talk.pdf")
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    for page, slide, title in zip(doc, prs.slides, titles):
        if title == "One point too long":
            continue  # warned about above: it cannot fit at the 18 pt floor
        assert stray_characters(page, text_boxes(slide)) == [], title


@needs("soffice")
def test_an_overfull_slide_is_caught_by_the_render_check(mixed):
    """The check above can fail: the one slide talkdeck warned about does spill out of its box."""
    folder, _ = mixed
    prs = Presentation(str(folder / "build" / "talk.pptx"))
    doc = open_pdf(folder / "build" / "talk.pdf")
    index = [s.shapes.title.text_frame.text for s in prs.slides].index("One point too long")
    assert stray_characters(doc[index], text_boxes(prs.slides[index]))


def test_the_deck_of_mixed_scripts_is_well_formed(mixed):
    folder, _ = mixed
    assert deck_problems(folder / "build" / "talk.pptx") == []


def test_runs_carry_east_asian_fonts_and_language_tags(mixed):
    folder, _ = mixed
    prs = Presentation(str(folder / "build" / "talk.pptx"))
    slide = next(s for s in prs.slides if s.shapes.title.text_frame.text == "Sources in two languages")
    runs = [r for p in slide.placeholders[1].text_frame.paragraphs for r in p.runs]
    tags = {(r.text, r._r.rPr.get("lang")) for r in runs}
    assert ("第一个五年计划", "zh-CN") in tags
    assert ("«Сегодня Советского Союза — наше завтра»", "ru-RU") in tags
    assert (" (1953–57)", "en-GB") in tags
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    assert all(r._r.rPr.find("a:ea", ns).get("typeface") == "Noto Sans CJK SC" for r in runs)


@needs("soffice")
def test_chinese_and_russian_are_drawn_with_fonts_that_have_them(mixed):
    folder, _ = mixed
    prs = Presentation(str(folder / "build" / "talk.pptx"))
    doc = open_pdf(folder / "build" / "talk.pdf")
    index = [s.shapes.title.text_frame.text for s in prs.slides].index("Sources in two languages")
    page = doc[index]
    assert "第一个五年计划" in page_text(page)
    assert "«СегодняСоветскогоСоюза—нашезавтра»" in page_text(page)
    fonts = {ch: font for ch, _, font in characters(page)}
    assert "CJK" in fonts["第"] and "CJK" in fonts["划"]
    assert "Carlito" in fonts["С"]


def test_a_chart_with_chinese_needs_a_font_that_has_it(outline_dir, run_cli, monkeypatch):
    from talkdeck.charts import fonts

    write_outline(outline_dir, MIXED)
    monkeypatch.setattr(fonts, "families_for", lambda font, cjk, *others: ("DejaVu Sans",))
    result = run_cli("build")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "talk.yaml:47:5: charts.cjk: no installed font has the characters '源目能项' (tried DejaVu Sans); "
        "install one that does, e.g. Debian's fonts-noto-cjk for Chinese (then set theme.font_cjk to its name) or "
        "fonts-noto-core for Arabic, Hebrew, Thai or the Indic scripts")


# --- timing -----------------------------------------------------------------------------------------

def test_build_prints_the_time_plan_and_warns_when_it_overruns(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL + "duration: 3\n")
    result = run_cli("build")
    assert result.exit_code == 0
    assert "time    5 of 3 min: §1 0:00–5:00 — OVER the duration" in result.stdout.splitlines()
    assert ("talk.yaml:14:11: warning: sections: the sections' minutes add up to 5, more than the talk's "
            "duration of 3") in result.stderr.splitlines()


def test_run_sheet_lists_each_slide_with_its_start_and_notes(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL)
    assert run_cli("build").exit_code == 0
    sheet = Path("build/talk-runsheet.md").read_text(encoding="utf-8")
    assert sheet.startswith("# Run sheet: A small talk\n\n6 slides · 1 section · from talk.yaml\n")
    assert "| §1 Only part | 0:00 | 5:00 |" in sheet
    assert "## 4. 0:00 · Only part" in sheet  # the divider and the slide share the section's 5 minutes
    assert "## 5. 2:30 · First point\n\n§1 · 0:00–5:00\n\nSay one, then two.\n\n[Slide 5 of 6]" in sheet
    assert "## 6. 5:00 · Questions?" in sheet


# --- PDF and previews ---------------------------------------------------------------------------------

@needs("soffice")
def test_preview_writes_a_png_per_slide_and_an_overview(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL)
    result = run_cli("preview")
    assert result.exit_code == 0, result.output
    pngs = sorted(Path("build/preview").glob("*.png"))
    assert [p.name for p in pngs] == [f"slide-{i:02d}.png" for i in range(1, 7)]
    from PIL import Image

    with Image.open(pngs[0]) as first:
        assert first.size == (1600, 900)
    with Image.open("build/talk-overview.png") as sheet:
        assert sheet.width > 5 * 480 and sheet.height > 480 * 9 / 16


def test_pdf_without_libreoffice_is_a_clear_error(minimal, run_cli, monkeypatch):
    from talkdeck.export import locate

    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("SOFFICE_PATH", raising=False)
    monkeypatch.setattr(locate, "install_folders", lambda system, env, home, root: [])
    result = run_cli("build", "--pdf")
    assert result.exit_code == 2
    assert result.stderr == ("LibreOffice (soffice) is not installed; it renders the PDF and the preview. "
                             "On Debian/Ubuntu: apt-get install libreoffice-impress; if it is installed "
                             "elsewhere, set SOFFICE_PATH to its soffice\n")
    assert Path("build/talk.pptx").exists()


# --- accessibility -------------------------------------------------------------------------------------

def test_low_contrast_theme_is_an_error_with_its_line(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL + "theme:\n  text: '#AAAAAA'\n  accent: '#F5C518'\n")
    result = run_cli("build")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "talk.yaml:15:9: theme.text: #AAAAAA on #FFFFFF has a contrast of 2.3:1, below WCAG AA's 4.5:1 for "
        "body text (choose a darker colour)",
        "talkdeck: 1 error in the outline",
    ]


def test_low_contrast_on_a_dark_theme_asks_for_a_lighter_colour(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL + "theme:\n  background: '#0B1020'\n  text: '#F1F5F9'\n  muted: '#334155'\n")
    result = run_cli("build")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "talk.yaml:17:10: theme.muted: #334155 on #0B1020 has a contrast of 1.8:1, below WCAG AA's 4.5:1 for "
        "sources and footers (choose a lighter colour)")


@pytest.mark.parametrize("accent, expected", [("#B22222", "FFFFFF"), ("#3B82F6", "FFFFFF"),
                                              ("#F5C518", "1F2933"), ("#7DD3FC", "1F2933")])
def test_divider_text_is_white_or_dark_whichever_reads_on_the_accent(outline_dir, run_cli, accent, expected):
    from pptx import Presentation

    from talkdeck.text.color import AA_LARGE, contrast

    write_outline(outline_dir, MINIMAL + f"theme:\n  accent: '{accent}'\n")
    assert run_cli("build").exit_code == 0
    divider = Presentation("build/talk.pptx").slides[3]
    colours = {str(r.font.color.rgb) for s in divider.shapes if s.has_text_frame
               for p in s.text_frame.paragraphs for r in p.runs}
    assert colours == {expected}
    assert contrast("#" + expected, accent) >= AA_LARGE


def test_pictures_have_alt_text_and_decorative_images_are_marked(outline_dir, run_cli):
    from PIL import Image

    (outline_dir / "assets").mkdir()
    Image.new("RGB", (400, 300), "#336699").save(outline_dir / "assets" / "map.png")
    write_outline(outline_dir, MINIMAL + textwrap.indent(textwrap.dedent("""\
      - title: Pictures
        minutes: 2
        slides:
          - {title: A map, image: assets/map.png, alt: A map of the projects, caption: A caption, notes: n}
          - {title: A border, image: assets/map.png, decorative: true, notes: n}
    """), "  "))
    assert run_cli("build").exit_code == 0
    prs = Presentation("build/talk.pptx")
    pics = {s.shapes.title.text_frame.text: [sh for sh in s.shapes if sh.shape_type == 13] for s in prs.slides}
    assert pics["A map"][0]._element.nvPicPr.cNvPr.get("descr") == "A map of the projects"
    decorative = pics["A border"][0]._element.nvPicPr.cNvPr
    assert decorative.get("descr") == ""
    flag = decorative.find(".//{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative")
    assert flag is not None and flag.get("val") == "1"


def test_every_slide_has_a_title_first_and_the_deck_has_a_language(minimal, run_cli):
    assert run_cli("build").exit_code == 0
    prs = Presentation("build/talk.pptx")
    for slide in prs.slides:
        first = slide.shapes[0]
        assert first.is_placeholder and first == slide.shapes.title and first.text_frame.text
    langs = {el.get("lang") for el in prs.part._element.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}defRPr")}
    assert langs == {"en-GB"}
    assert prs.core_properties.language == "en-GB"


# --- templates -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def libreoffice_template(tmp_path_factory):
    """A 4:3 template saved by LibreOffice (not by python-pptx)."""
    folder = tmp_path_factory.mktemp("template")
    source = folder / "source.pptx"
    Presentation().save(str(source))
    # Its only user is marked needs("soffice"): the fixture never runs without LibreOffice.
    done = subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                           "--convert-to", "pptx", "--outdir", str(folder / "out"), str(source)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return folder / "out" / "source.pptx"


@needs("soffice")
def test_a_template_saved_by_libreoffice_is_used_and_the_deck_reopens(outline_dir, libreoffice_template):
    import shutil

    (outline_dir / "assets").mkdir()
    shutil.copy(libreoffice_template, outline_dir / "assets" / "house.pptx")
    write_outline(outline_dir, MINIMAL + "theme:\n  template: assets/house.pptx\n")
    done = build(outline_dir)
    assert done.returncode == 0, done.stderr
    prs = Presentation("build/talk.pptx")
    assert (prs.slide_width, prs.slide_height) == (12_192_000, 6_858_000)
    assert [s.shapes.title.text_frame.text for s in prs.slides][:2] == ["A small talk", "Ada Example"]
    assert deck_problems(Path("build/talk.pptx")) == []
    template_layouts = {layout.name for layout in Presentation(str(libreoffice_template)).slide_layouts}
    assert {s.slide_layout.name for s in prs.slides} <= template_layouts
    pdf = to_pdf(Path("build/talk.pptx"), Path("build/talk.pdf"))
    assert len(open_pdf(pdf)) == 6


def test_a_template_without_the_layouts_needed_is_a_clear_error(outline_dir, run_cli):
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name != "Blank":
            prs.slide_layouts.remove(layout)
    (outline_dir / "assets").mkdir()
    prs.save(str(outline_dir / "assets" / "bare.pptx"))
    write_outline(outline_dir, MINIMAL + "theme:\n  template: assets/bare.pptx\n")
    result = run_cli("build")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "talk.yaml:15:13: theme.template: the template has no slide layout with a title and one body "
        "placeholder (needed for content slides); add one to its slide master")


def test_a_potx_template_is_accepted(outline_dir, run_cli):
    import io
    import zipfile

    buf = io.BytesIO()
    Presentation().save(buf)
    (outline_dir / "assets").mkdir()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, \
            zipfile.ZipFile(outline_dir / "assets" / "house.potx", "w") as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(b"presentation.main+xml", b"template.main+xml")
            dst.writestr(info, blob)
    write_outline(outline_dir, MINIMAL + "theme:\n  template: assets/house.potx\n")
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    assert len(Presentation("build/talk.pptx").slides) == 6


def test_the_cover_shows_the_date_as_a_person_writes_it(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL + "date: 2026-12-03\nevent: A seminar\n")
    assert run_cli("build").exit_code == 0
    cover = Presentation("build/talk.pptx").slides[0]
    texts = [sh.text_frame.text for sh in cover.shapes if sh.has_text_frame]
    assert "Ada Example\nA seminar\n3 December 2026" in texts


def test_preview_needs_at_least_one_column(minimal, run_cli):
    result = run_cli("preview", "--columns", "0")
    assert result.exit_code == 2
    assert "Invalid value for '--columns': 0 is not in the range x>=1." in result.output


def test_chinese_is_never_set_in_a_fake_italic(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL + textwrap.indent(textwrap.dedent("""\
      - title: Quotes
        slides:
          - {quote: "苏联的今天就是我们的明天 — today and tomorrow", by: A slogan, notes: n}
    """), "  "))
    assert run_cli("build").exit_code == 0
    slide = Presentation("build/talk.pptx").slides[-2]
    runs = [r for sh in slide.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs for r in p.runs]
    assert {r.text: r.font.italic for r in runs if "今天" in r.text or "today" in r.text} == {
        # The quotation marks and the dash take the script of the Chinese beside them (see script.py).
        "“苏联的今天就是我们的明天 —": False, " today and tomorrow”": True}


def test_a_template_keeps_its_own_text_colours_unless_the_theme_names_them(outline_dir, run_cli):
    (outline_dir / "assets").mkdir()
    Presentation().save(str(outline_dir / "assets" / "house.pptx"))

    def body_fills():
        slide = Presentation("build/talk.pptx").slides[4]
        runs = [r for p in slide.placeholders[1].text_frame.paragraphs for r in p.runs]
        return {r.font.color.rgb if r.font.color.type is not None else None for r in runs}

    write_outline(outline_dir, MINIMAL + "theme:\n  template: assets/house.pptx\n")
    assert run_cli("build").exit_code == 0
    assert body_fills() == {None}  # inherited from the template's master
    write_outline(outline_dir, MINIMAL + "theme:\n  template: assets/house.pptx\n  text: '#102030'\n")
    assert run_cli("build").exit_code == 0
    assert {str(c) for c in body_fills()} == {"102030"}


def test_a_theme_font_that_is_not_installed_is_warned_at_its_line(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL + "theme:\n  font: Segoe UI\n  font_mono: Courier New\n")
    result = run_cli("check")
    assert result.exit_code == 0
    stand_in = subprocess.run(["fc-match", "-f", "%{family[0]}", "Segoe UI"], capture_output=True,
                              text=True).stdout
    # Courier New is drawn (and measured) as its metric twin Liberation Mono: no warning for it.
    assert [line for line in result.stdout.splitlines() if "warning:" in line] == [
        f"talk.yaml:15:9: warning: theme.font: the font 'Segoe UI' is not installed here: text is fitted (and "
        f"previewed) in {stand_in}, and may fit differently where the deck is shown; install it, or name an "
        "installed font"]


def test_a_template_with_only_title_and_body_layouts_sets_its_title_slide_on_the_content_layout(outline_dir, run_cli):
    """Google Slides' exports name their layouts TITLE, TITLE_AND_BODY …, and some templates have no layout with
    a subtitle placeholder: the title slide is set on the layout named TITLE, else on the content layout."""
    prs = Presentation()
    keep = {"Title and Content", "Title Only"}
    for layout in list(prs.slide_layouts):
        if layout.name not in keep:
            prs.slide_layouts.remove(layout)
    (outline_dir / "assets").mkdir()
    prs.save(str(outline_dir / "assets" / "bare.pptx"))
    write_outline(outline_dir, MINIMAL + "theme:\n  template: assets/bare.pptx\n")
    result = run_cli("build")
    assert result.exit_code == 0, result.stderr
    deck = Presentation("build/talk.pptx")
    cover = deck.slides[0]
    assert cover.slide_layout.name == "Title and Content"
    assert cover.shapes.title.text_frame.text == "A small talk"
    assert "Ada Example" in [p.text_frame.text for p in cover.placeholders if p.placeholder_format.idx == 1][0]
    # A title-and-body layout named as Google Slides names a title slide is the title slide's.
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name not in keep | {"Section Header"}:
            prs.slide_layouts.remove(layout)
    next(lo for lo in prs.slide_layouts if lo.name == "Section Header").name = "TITLE"
    prs.save(str(outline_dir / "assets" / "bare.pptx"))
    assert run_cli("build").exit_code == 0
    assert Presentation("build/talk.pptx").slides[0].slide_layout.name == "TITLE"
