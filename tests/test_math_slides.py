"""Equations beyond the text: a slide's `math:`, chart titles drawn by mathtext, table cells, and native
PowerPoint equations (OMML with the picture as fallback), each checked in the deck's XML, against the
ECMA-376 schemas, and in what LibreOffice draws."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from lxml import etree
from pptx import Presentation

from talkdeck.charts.mathtext import chart_problem, markup, segments, title_lines
from talkdeck.errors import OutlineError
from talkdeck.export.convert import to_pdf
from talkdeck.load import parse_talk

from .conftest import MINIMAL, ROOT, needs
from .ooxml import find_validator, schema_problems
from .pdfcheck import characters

PHYSICS = ROOT / "tests" / "fixtures" / "physics" / "talk.yaml"
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
      "a14": "http://schemas.microsoft.com/office/drawing/2010/main",
      "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
      "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
EMU_PER_PT = 12_700


def with_slide(slide: str, extra: str = "") -> str:
    """MINIMAL with its one slide replaced by ``slide`` (its lines indented under `slides:`)."""
    start = MINIMAL.index("      - title: First point")
    end = MINIMAL.index("closing:") if "closing:" in MINIMAL else len(MINIMAL)
    return MINIMAL[:start] + slide + MINIMAL[end:] + extra


def problems(text: str) -> list[str]:
    try:
        talk = parse_talk(text, "talk.yaml")
    except OutlineError as e:
        return [str(p) for p in e.problems]
    return [str(p) for p in talk.warnings if "notes" not in str(p)]


def build(tmp_path: Path, text: str) -> Path:
    (tmp_path / "talk.yaml").write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "talkdeck", "build", "-q"], capture_output=True, text=True,
                          cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return tmp_path / "build" / "talk.pptx"


def slide_xml(deck: Path, n: int):
    with zipfile.ZipFile(deck) as z:
        return etree.fromstring(z.read(f"ppt/slides/slide{n}.xml"))


# --- a slide's math: ---------------------------------------------------------------------------

MAXWELL = """\
      - title: Maxwell's equations
        math:
          - '\\nabla \\cdot \\mathbf{E} = \\frac{\\rho}{\\varepsilon_0}'
          - '\\nabla \\cdot \\mathbf{B} = 0'
          - '$$\\nabla \\times \\mathbf{E} = -\\frac{\\partial \\mathbf{B}}{\\partial t}$$'
        notes: The four laws, the fourth on the next slide.
      - title: Gauss's law
        math: '\\oint_{\\partial V} \\mathbf{E} \\cdot d\\mathbf{A} = \\frac{Q}{\\varepsilon_0}'
        notes: One equation.
"""


@needs("ooxml-validate")
def test_a_math_slide_shows_its_equations_centred_one_under_the_other(tmp_path):
    deck = build(tmp_path, with_slide(MAXWELL))
    prs = Presentation(str(deck))
    slides = [s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text in
              ("Maxwell's equations", "Gauss's law")]
    assert [s.slide_layout.name for s in slides] == [prs.slides[5].slide_layout.name] * 2 or len(slides) == 2
    for slide, count in zip(slides, (3, 1), strict=True):
        pictures = [s for s in slide.shapes if s.name.startswith("Equation")]
        assert len(pictures) == count
        # The LaTeX as written, without the dollars someone put around it, is the alt text.
        alts = [p._element.find(".//{*}cNvPr").get("descr") for p in pictures]
        assert all("$" not in alt for alt in alts)
        tops = [p.top for p in pictures]
        assert tops == sorted(tops)
        for p in pictures:  # centred across the slide, and large
            assert abs((p.left + p.width / 2) - prs.slide_width / 2) < 0.02 * prs.slide_width
            assert p.height > 24 * EMU_PER_PT
        # The block sits in the middle of the body: the space above the first and below the last match.
        body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
        above, below = pictures[0].top - body.top, body.top + body.height - (pictures[-1].top + pictures[-1].height)
        assert abs(above - below) < 0.1 * body.height, (above, below)
    assert schema_problems(deck) == ""


@pytest.mark.parametrize("value, message", [
    ("''", "10:15: sections[0].slides[0].math: is blank (expected an equation in LaTeX, such as 'E = mc^2')"),
    ("[]", "10:15: sections[0].slides[0].math: is empty (expected an equation in LaTeX, or a list of them)"),
    ("'\\nabla \\cdot \\mathbf{E} = \\rhoo'",
     "10:42: sections[0].slides[0].math: in the equation '\\nabla \\cdot \\mathbf{E} = \\rhoo': unknown command "
     "'\\rhoo' (did you mean '\\rho'?)"),
    ("{a \\over b}", "10:15: sections[0].slides[0].math: wrong type (expected an equation in LaTeX, got a mapping): "
                     "YAML reads a value that starts with '{' as a mapping; put the equation in single quotes, "
                     "'{a \\over b}'"),
    ("['x', '']", "10:21: sections[0].slides[0].math[1]: is blank (expected an equation in LaTeX, such as 'E = mc^2')"),
    ("'{x'", "10:16: sections[0].slides[0].math: in the equation '{x': 1 '{' is not closed"),
])
def test_bad_math_is_an_error_at_its_line(value, message):
    text = with_slide(f"      - title: Gauss\n        math: {value}\n        notes: n\n")
    assert problems(text) == [f"talk.yaml:{message}"]


def test_math_beside_another_kind_and_a_key_written_for_it_are_named():
    two = with_slide("      - title: Gauss\n        math: x\n        bullets: [a]\n        notes: n\n")
    assert problems(two) == [
        "talk.yaml:11:18: sections[0].slides[0].bullets: a slide shows one thing (expected one of: bullets, chart, "
        "image, quote, table, columns, statement, code, math; got 'bullets' and 'math'); bullets share a slide only "
        "with an image or a chart"]
    typo = with_slide("      - title: Gauss\n        equation: x\n        notes: n\n")
    assert problems(typo)[0] == "talk.yaml:10:9: sections[0].slides[0].equation: unknown key (did you mean 'math'?)"


def test_equations_that_do_not_fit_are_a_warning_saying_so(tmp_path):
    many = "\n".join(f"          - '\\frac{{a_{i}}}{{b_{i}}} = \\frac{{c}}{{d}}'" for i in range(9))
    text = with_slide(f"      - title: Too many\n        math:\n{many}\n        notes: n\n")
    from talkdeck.plan.planner import plan_slides

    _, warnings = plan_slides(parse_talk(text, "talk.yaml"))
    assert [str(w) for w in warnings] == [
        "talk.yaml:11:11: warning: sections[0].slides[0].math: the 9 equations do not fit the slide even at 18 pt; "
        "split them over two slides, or shorten them"]


# --- chart titles ------------------------------------------------------------------------------

def test_a_chart_title_is_cut_by_the_dollar_rule_and_escaped_for_matplotlib():
    title = r"Scattering $I \propto \lambda^{-4}$ from US$5 to US$10, \$2 and $x \le y$"
    assert [tex for _, tex in segments(title)] == [None, r"I \propto \lambda^{-4}", None, r"x \le y"]
    assert "".join(markup(piece, tex) for piece, tex in segments(title)) == (
        r"Scattering $I \propto \lambda^{-4}$ from US\$5 to US\$10, \$2 and $x \leq y$")


def test_a_wrapped_chart_title_keeps_each_equation_whole():
    title = r"Energy density $u = \frac{1}{2}\left(\varepsilon_0 E^2 + \frac{B^2}{\mu_0}\right)$ of the field in vacuum"
    lines = title_lines(title, lambda text: [w for w in text.split(" ") if w])  # every word on a line
    assert lines[0] == "Energy" and lines[-1] == "vacuum"
    assert sum(line.count("$") for line in lines) == 2
    assert r"$u = \frac{1}{2}\left(\varepsilon_0 E^2 + \frac{B^2}{\mu_0}\right)$" in lines


@pytest.mark.parametrize("tex, named", [(r"\begin{pmatrix}a\\b\end{pmatrix}", r"'\begin'"),
                                        (r"\underbrace{x+y}", r"'\underbrace'")])
def test_what_mathtext_cannot_draw_is_named(tex, named):
    assert chart_problem(tex).startswith(f"matplotlib, which draws the charts, cannot draw {named} in a chart's title")
    assert chart_problem(r"\frac{a}{b} \le \tfrac{1}{2} \lvert x \rvert") is None


def test_the_chart_title_is_drawn_as_mathtext():
    from talkdeck.charts.render import draw_chart
    from talkdeck.layout import BODY
    from talkdeck.model import Chart, Theme

    chart = Chart(type="bar", title=r"Intensity $I \propto \lambda^{-4}$ at US$5", unit="relative", source="S",
                  data={"red": 1.0, "blue": 5.9})
    fig = draw_chart(chart, Theme(), BODY, dpi=50)
    title = fig.texts[0]
    assert title.get_text() == r"Intensity $I \propto \lambda^{-4}$ at US\$5 (relative)"
    assert title.get_parse_math()
    plain = draw_chart(Chart(type="bar", title="US$5 to US$10", source="S", data={"a": 1.0}), Theme(), BODY, dpi=50)
    assert plain.texts[0].get_text() == "US$5 to US$10" and not plain.texts[0].get_parse_math()


# --- table cells -------------------------------------------------------------------------------

TABLE = """\
      - title: Laws
        table:
          - [Law, Equation]
          - [Gauss, '$\\nabla \\cdot \\mathbf{E} = \\rho/\\varepsilon_0$']
          - [Faraday, '$\\nabla \\times \\mathbf{E} = -\\partial_t \\mathbf{B}$']
        notes: n
"""


def test_inline_maths_in_a_cell_is_runs_raised_and_lowered(tmp_path):
    deck = build(tmp_path, with_slide(TABLE))
    table = next(s for slide in Presentation(str(deck)).slides for s in slide.shapes if s.has_table).table
    runs = [(r.text, r._r.rPr.get("baseline"), r._r.rPr.get("i")) for r in table.cell(1, 1).text_frame.paragraphs[0].runs]
    assert ("ε", None, "1") in runs and ("0", "-25000") in [run[:2] for run in runs]
    assert "".join(t for t, _, _ in runs) == "∇\u202f·\u202fE\u202f=\u202fρ/ε0"
    cell = "".join(r.text for r in table.cell(2, 1).text_frame.paragraphs[0].runs)
    assert cell == "∇\u202f×\u202fE\u202f=\u202f−∂tB"  # a sign takes no space after it


def test_a_cell_refuses_what_it_cannot_show_at_its_line():
    text = with_slide(TABLE.replace("          - [Faraday", "          - [Jones, 'the vector $\\begin{pmatrix} a \\\\ b "
                                    "\\end{pmatrix}$']\n          - [Lenz, '$$-\\partial_t \\Phi$$']\n          - [Faraday"))
    assert problems(text) == [
        "talk.yaml:13:33: sections[0].slides[0].table[2][1]: in the equation '$\\begin{pmatrix} a \\\\ b "
        "\\end{pmatrix}$': it needs two dimensions (a matrix, cases, aligned, a stacked script), which a line of a "
        "table cell cannot show; show it on a slide of its own with 'math:'",
        "talk.yaml:14:21: sections[0].slides[0].table[3][1]: in the equation '$$-\\partial_t \\Phi$$': a table cell "
        "cannot show a display equation; write it in the cell's line, '$…$' (a fraction becomes a/b), or show it on "
        "a slide of its own with 'math:'"]


# --- native PowerPoint equations ---------------------------------------------------------------

@pytest.fixture(scope="module")
def native(tmp_path_factory):
    folder = tmp_path_factory.mktemp("native")
    text = PHYSICS.read_text(encoding="utf-8").replace("language: en-GB\n", "language: en-GB\nequations: native\n")
    return build(folder, text)


def alternates(deck: Path) -> list:
    with zipfile.ZipFile(deck) as z:
        return [el for name in z.namelist() if name.startswith("ppt/slides/slide")
                for el in etree.fromstring(z.read(name)).iterfind(".//mc:AlternateContent", NS)]


def test_each_equation_is_native_with_the_picture_as_fallback(native):
    found = alternates(native)
    assert len(found) == 14  # of 15: `aligned` cannot be converted and stays a picture
    for el in found:
        (choice,) = el.findall("mc:Choice", NS)
        assert choice.get("Requires") == "a14"
        sp = choice.find("p:sp", NS)
        assert sp.find(".//a:p/a14:m/m:oMathPara/m:oMath", NS) is not None
        (fallback,) = el.find("mc:Fallback", NS).findall("p:pic", NS)
        assert fallback.find(".//asvg:svgBlip", NS) is not None
        # The same place, name and alt text; ids of their own.
        for part in ("off", "ext"):
            assert sp.find(f".//a:xfrm/a:{part}", NS).attrib == fallback.find(f".//a:xfrm/a:{part}", NS).attrib
        names = [x.find(".//p:cNvPr", NS) for x in (sp, fallback)]
        assert names[0].get("descr") == names[1].get("descr") and names[0].get("id") != names[1].get("id")
    prs = Presentation(str(native))
    aligned = [s for slide in prs.slides for s in slide.shapes if s.name.startswith("Equation")]
    assert [p._element.find(".//{*}cNvPr").get("descr")[:16] for p in aligned] == [r"\begin{aligned} "]


@needs("ooxml-validate")
def test_the_native_deck_passes_the_ooxml_schema(native):
    assert schema_problems(native) == ""


@needs("ooxml-validate")
def test_the_omml_is_valid_office_math(native):
    """Each m:oMathPara against ECMA-376's shared-math.xsd (the deck validator leaves the a14 Choice out)."""
    spec = importlib.util.spec_from_file_location("ooxml_validate", find_validator())
    v = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(v)
    v.SCHEMAS[NS["m"]] = "ecma376-4-transitional/shared-math.xsd"
    v.SCHEMAS["http://schemas.openxmlformats.org/wordprocessingml/2006/main"] = "ecma376-4-transitional/wml.xsd"
    schema = v.load_schema(v.XSD_DIR)
    maths = [m for el in alternates(native) for m in el.iterfind(".//m:oMathPara", NS)]
    assert len(maths) == 14
    for m in maths:
        assert schema.validate(etree.ElementTree(etree.fromstring(etree.tostring(m)))), schema.error_log.last_error
    hats = [m for m in maths if m.find(".//m:acc", NS) is not None]  # \hat{f}: an accent, not a limit
    assert hats and all(m.find(".//m:limUpp", NS) is None for m in hats)
    surface = next(m for m in maths if m.find(".//m:nary/m:naryPr/m:chr[@m:val='∮']", NS) is not None)
    assert surface.find(".//m:supHide", NS).get(f"{{{NS['m']}}}val") == "1"  # no empty box above ∮
    # |f(x)|^2: the bars a delimiter around f(x), squared as a whole; no bar left as a loose character.
    plancherel = [m for m in maths if m.find(".//m:sSup/m:e/m:d/m:dPr/m:begChr[@m:val='|']", NS) is not None]
    assert len(plancherel) == 1
    assert not [t for m in maths for t in m.iterfind(".//m:t", NS) if t.text == "|"]


@needs("soffice")
def test_libreoffice_draws_the_native_equations_with_its_math_module(native):
    """With libreoffice-math (which .ci/run installs) LibreOffice converts the OMML and draws it where the
    deck puts it; without it, it draws nothing there, not even the fallback (docs/outline.md says both)."""
    if not Path("/usr/lib/libreoffice/program/libsmlo.so").exists() and shutil.which("soffice"):
        pytest.skip("LibreOffice's Math module (Debian: libreoffice-math) is not installed")
    pdf = to_pdf(native, native.parent / "native.pdf")
    prs = Presentation(str(native))
    page_of = {s.shapes.title.text: i for i, s in enumerate(prs.slides) if s.shapes.title is not None}
    page = pdfium.PdfDocument(str(pdf))[page_of["Gauss's law"]]
    sp = slide_xml(native, page_of["Gauss's law"] + 1).find(".//mc:Choice/p:sp", NS)
    off, ext = sp.find(".//a:off", NS), sp.find(".//a:ext", NS)
    x0, y0 = int(off.get("x")) / EMU_PER_PT, int(off.get("y")) / EMU_PER_PT
    x1, y1 = x0 + int(ext.get("cx")) / EMU_PER_PT, y0 + int(ext.get("cy")) / EMU_PER_PT
    inside = [ch for ch, (a, b, c, d), _ in characters(page) if a >= x0 - 12 and c <= x1 + 12 and b >= y0 - 12
              and d <= y1 + 12]
    assert {"ρ", "ε"} <= set(inside), inside
