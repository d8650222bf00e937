"""Equations and literal text: the $ rule, LaTeX checked at its line, inline maths as runs, display
equations as SVG pictures with a PNG fallback, and what LibreOffice draws of them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from lxml import etree
from pptx import Presentation

from talkdeck.errors import OutlineError
from talkdeck.export.convert import to_pdf
from talkdeck.load import parse_talk
from talkdeck.text.fit import Para
from talkdeck.text.markup import parse, plain
from talkdeck.text.maths import dollar_span, draw, problem

from .conftest import MINIMAL, ROOT, needs
from .ooxml import schema_problems
from .pdfcheck import characters

PHYSICS = ROOT / "tests" / "fixtures" / "physics" / "talk.yaml"
EMU_PER_PT = 12_700


def runs(text: str) -> list[tuple]:
    """(text, flags) of each run: i italic, b bold, ^ raised, _ lowered, $ maths, D display."""
    return [(r.text, ("i" if r.italic else "") + ("b" if r.bold else "") + ("^" if r.script > 0 else "")
             + ("_" if r.script < 0 else "") + ("$" if r.math else "") + ("D" if r.display else ""))
            for r in parse(text)]


# --- the $ rule and literal text ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "$0.9 bn … $1.6 bn", "from $20,000 to $30,000", "US$5 and US$10", "$5$6", "a $ alone", "costs $x $",
])
def test_prices_and_dollars_that_pandoc_reads_as_text_stay_text(text):
    assert runs(text) == [(text, "")]


def test_pandocs_rule_for_dollars():
    assert dollar_span("$x$", 0) == (3, "x", False)
    assert dollar_span("$$ E = mc^2 $$", 0) == (14, "E = mc^2", True)
    assert dollar_span("$ x$", 0) is None  # space after the opening $
    assert dollar_span("$x $", 0) is None  # space before the closing $
    assert dollar_span("$x$5", 0) is None  # a digit right after the closing $
    assert dollar_span(r"$a\$b$", 0) == (6, r"a\$b", False)


@pytest.mark.parametrize("text", [
    "the transform of f*g is f̂·ĝ, and of f·g is (1/2π) f̂*ĝ", "2*3 = 6 and 4*5 = 20", "a**b**c",
])
def test_a_star_between_letters_or_digits_is_a_star(text):
    assert runs(text) == [(text, "")]


def test_a_backslash_before_what_is_not_markup_is_kept():
    assert runs(r"f(x)\,dx, C:\temp, \_ and \alpha; \* \$ \` \[ \\ are escapes") == [
        (r"f(x)\,dx, C:\temp, \_ and \alpha; * $ ` [ \ are escapes", "")]


def test_a_title_in_italics_before_a_notes_number_or_a_power_is_italic():
    assert runs("Obolensky's *Commonwealth*¹ and *x*²") == [
        ("Obolensky's ", ""), ("Commonwealth", "i"), ("¹ and ", ""), ("x", "i"), ("²", "")]


def test_emphasis_plainly_asked_for_still_works():
    assert runs("a *word* and **two words**, (*aside*)") == [
        ("a ", ""), ("word", "i"), (" and ", ""), ("two words", "b"), (", (", ""), ("aside", "i"), (")", "")]


# --- inline maths as text ----------------------------------------------------------------------

def test_inline_maths_is_text_in_italic_with_raised_and_lowered_runs():
    assert runs("energy $E = mc^2$ here") == [
        ("energy ", ""), ("E", "i$"), ("\u202f=\u202f", "$"), ("mc", "i$"), ("2", "^$"), (" here", "")]
    assert runs(r"$\sum_{n=0}^\infty a_n$") == [("∑", "$"), ("n", "i_$"), ("=0", "_$"), ("∞", "^$"), ("a", "i$"),
                                                ("n", "i_$")]
    assert runs(r"$\nabla \cdot \mathbf{B} = 0$") == [("∇\u202f·\u202f", "$"), ("B", "b$"), ("\u202f=\u202f0", "$")]
    assert runs(r"$\hat{f}(\xi)$, $\frac{1}{2}mv^2$, $e^{-x^2}$") == [
        ("f̂", "i$"), ("(", "$"), ("ξ", "i$"), (")", "$"), (", ", ""), ("½", "$"), ("mv", "i$"), ("2", "^$"),
        (", ", ""), ("e", "i$"), ("−", "^$"), ("x", "i^$"), ("²", "^$")]
    assert runs(r"$\frac{a+b}{c}$")[:1] == [("(", "$")]


def test_the_notes_and_alt_text_keep_the_latex_as_written():
    assert plain(r"energy $E = mc^2$ and $$\int_0^1 f\,dx$$") == r"energy $E = mc^2$ and $$\int_0^1 f\,dx$$"


def test_a_display_equation_is_taken_out_of_the_line():
    para = Para(r"$$\nabla \cdot \mathbf{E} = \frac{\rho}{\varepsilon_0}$$", bullet=True)
    assert para.runs == () and para.equations == (r"\nabla \cdot \mathbf{E} = \frac{\rho}{\varepsilon_0}",)
    matrix = Para(r"a matrix $\begin{pmatrix}a & b\\ c & d\end{pmatrix}$ here")
    assert matrix.text == "a matrix here" and matrix.equations == (r"\begin{pmatrix}a & b\\ c & d\end{pmatrix}",)


@pytest.mark.parametrize("tex", [
    r"\frac{a}{b}", r"\sqrt{x^2+1}", r"\sum_{n=0}^\infty a_n", r"\int_0^1 f(x)\,dx", r"\alpha\beta\Gamma\Omega",
    r"\hat{f}\tilde{x}\vec{E}\bar{z}\dot{x}", r"a \le b \ge c \ne d \approx e \to f", r"\left(\frac{1}{2}\right)",
    r"\begin{pmatrix}1&0\\0&1\end{pmatrix}", r"\begin{bmatrix}a&b\\c&d\end{bmatrix}",
    r"\begin{aligned} a &= b\\ c &= d\end{aligned}", r"\begin{cases}1 & x>0\\0 & \text{otherwise}\end{cases}",
    r"\text{if } x", r"\mathbf{E}", r"\mathcal{F}", r"\oint_{\partial V} \mathbf{E}\cdot d\mathbf{A}",
])
def test_the_latex_subset_is_drawn(tex):
    assert problem(tex) is None
    drawn = draw(tex, 24.0, "#1F2933", True)
    assert drawn.width > 5 and drawn.height > 5 and 0 < drawn.baseline <= drawn.height
    assert 'fill="#1F2933"' in drawn.svg or "#1F2933" in drawn.svg


# --- errors and warnings at their lines --------------------------------------------------------

def outline(*points: str) -> str:
    return MINIMAL.replace("          - one\n          - two\n", "".join(f"          - {p}\n" for p in points))


def problems(text: str) -> list[str]:
    try:
        talk = parse_talk(text, "talk.yaml")
    except OutlineError as e:
        return [str(p) for p in e.problems]
    return [str(p) for p in talk.warnings]


def test_an_unknown_command_is_an_error_at_its_line_naming_it():
    assert problems(outline("one", r"'the field $\nabla \cdot \mathbf{E} = \rhoo$'")) == [
        r"talk.yaml:12:51: sections[0].slides[0].bullets[1]: in the equation '$\nabla \cdot \mathbf{E} = \rhoo$': "
        r"unknown command '\rhoo' (did you mean '\rho'?)"]
    assert problems(outline(r"'$$\begin{gathered} x \end{gathered}$$'", r"'$\frac{1}{2$'")) == [
        "talk.yaml:11:16: sections[0].slides[0].bullets[0]: in the equation '$$\\begin{gathered} x \\end{gathered}$$': "
        "unknown environment 'gathered' (expected one of: matrix, pmatrix, bmatrix, Bmatrix, vmatrix, Vmatrix, "
        "smallmatrix, cases, aligned, align, align*, array, split)",
        "talk.yaml:12:15: sections[0].slides[0].bullets[1]: in the equation '$\\frac{1}{2$': 1 '{' is not closed"]


def test_an_unknown_command_in_a_title_is_found_too():
    text = MINIMAL.replace("title: First point", r"title: 'Waves $\omegaa t$'")
    assert problems(text) == [r"talk.yaml:9:24: sections[0].slides[0].title: in the equation '$\omegaa t$': "
                              r"unknown command '\omegaa' (did you mean '\omega'?)"]


def test_text_that_reads_two_ways_is_a_warning_saying_how_to_write_each():
    found = problems(outline("'the transform of f*g is f̂·ĝ, and of f·g is (1/2π) f̂*ĝ'", r"'dx\, and \alpha'",
                             "'cost $x $ each'", "2*3 = 6"))
    assert found == [
        "talk.yaml:11:32: warning: sections[0].slides[0].bullets[0]: 'f*g': a '*' between letters or digits is "
        "shown as a star; Markdown would read the text up to the next '*' as italics. To keep the stars, write "
        "'\\*' to silence this warning; for italics, put the stars outside the words ('*like this*')",
        "talk.yaml:12:16: warning: sections[0].slides[0].bullets[1]: '\\,' is shown as typed: LaTeX is read only "
        "between dollars; for maths write '$\\,$' (with what it applies to), to keep the backslash and silence "
        "this warning write '\\\\,'",
        "talk.yaml:13:19: warning: sections[0].slides[0].bullets[2]: '$x $' is shown as typed: maths has no space "
        "just inside its dollars; for maths write '$x$', for dollar signs write '\\$'"]


def test_prices_and_escaped_text_raise_no_warning():
    found = problems(outline("'$0.9 bn … $1.6 bn'", r"'f\*g and \\alpha'", "'$E = mc^2$'"))
    assert [p for p in found if "source" not in p] == []


# --- the deck ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def physics(tmp_path_factory):
    folder = tmp_path_factory.mktemp("physics")
    shutil.copy(PHYSICS, folder / "talk.yaml")
    done = subprocess.run([sys.executable, "-m", "talkdeck", "build", "-q"], capture_output=True, text=True,
                          cwd=folder)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return folder / "build" / "talk.pptx"


def equation_pictures(slide) -> list:
    return [s for s in slide.shapes if s.shape_type is not None and s.name.startswith("Equation")]


def test_the_lecture_checks_clean_and_has_its_equations(physics):
    prs = Presentation(str(physics))
    assert len(prs.slides) == 25
    pictures = [p for slide in prs.slides for p in equation_pictures(slide)]
    assert len(pictures) == 15
    alts = [p._element.find(".//{*}cNvPr").get("descr") for p in pictures]
    assert r"\nabla \cdot \mathbf{E} = \frac{\rho}{\varepsilon_0}" in alts
    assert r"\hat{f}(\xi) = \int_{-\infty}^{\infty} f(x)\, e^{-2\pi i x \xi}\, dx" in alts
    inline = {r.text for slide in prs.slides for s in slide.shapes if s.has_text_frame
              for p in s.text_frame.paragraphs for r in p.runs if r._r.rPr is not None and r._r.rPr.get("baseline")}
    assert {"0", "t", "ξ", "−4"} <= inline


def test_each_picture_is_svg_with_a_png_fallback_in_the_text_colour(physics):
    with zipfile.ZipFile(physics) as z:
        names = z.namelist()
        svgs = [n for n in names if n.endswith(".svg")]
        assert len(svgs) == 15
        assert all("#1F2933" in z.read(n).decode() for n in svgs)
        types = z.read("[Content_Types].xml").decode()
        assert "image/svg+xml" in types
        slide = etree.fromstring(z.read("ppt/slides/slide6.xml"))
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
          "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    blips = slide.findall(".//a:blip", ns)
    assert len(blips) == 2
    for blip in blips:
        assert blip.get(f"{{{ns['r']}}}embed")
        assert blip.find(".//asvg:svgBlip", ns).get(f"{{{ns['r']}}}embed")


@needs("ooxml-validate")
def test_the_lecture_passes_the_ooxml_schema(physics):
    assert schema_problems(physics) == ""


def images_on(page) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) in points from the page's top of each picture LibreOffice drew."""
    height = page.get_height()
    out = []
    for obj in page.get_objects():
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = obj.get_bounds()
            out.append((left, height - top, right, height - bottom))
    return out


@needs("soffice")
def test_libreoffice_draws_every_equation_where_the_deck_puts_it_clear_of_the_text(physics):
    pdf = to_pdf(physics, physics.parent / "talk.pdf")
    prs = Presentation(str(physics))
    doc = pdfium.PdfDocument(str(pdf))
    seen = 0
    for page, slide in zip(doc, prs.slides, strict=True):
        wanted = [(p.left / EMU_PER_PT, p.top / EMU_PER_PT, (p.left + p.width) / EMU_PER_PT,
                   (p.top + p.height) / EMU_PER_PT) for p in equation_pictures(slide)]
        # LibreOffice draws the accent rule under the title (a few points high) as a picture too; a chart is one.
        charts = [(p.left / EMU_PER_PT, p.top / EMU_PER_PT) for p in slide.shapes
                  if p.shape_type is not None and p.name.startswith("Chart")]
        drawn = [b for b in images_on(page) if b[3] - b[1] > 12
                 and not any(abs(b[0] - x) < 1 and abs(b[1] - y) < 1 for x, y in charts)]
        assert len(drawn) == len(wanted)
        for box in wanted:
            assert any(all(abs(a - b) < 1.0 for a, b in zip(box, got, strict=True)) for got in drawn), (box, drawn)
            # The line kept for it: no character of the text above or below runs into the picture.
            x0, y0, x1, y1 = box
            for ch, (cx0, cy0, cx1, cy1), _ in characters(page):
                overlap = min(x1, cx1) - max(x0, cx0) > 0 and min(y1, cy1) - max(y0, cy0) > 1.0
                assert not overlap, (slide.shapes.title.text, ch, box, (cx0, cy0, cx1, cy1))
        seen += len(wanted)
    assert seen == 15


@needs("soffice")
def test_libreoffice_sets_exponents_raised_and_smaller(physics):
    pdf = to_pdf(physics, physics.parent / "talk2.pdf")
    titles = [slide.shapes.title.text_frame.text for slide in Presentation(str(physics)).slides]
    page = pdfium.PdfDocument(str(pdf))[titles.index("Why the sky is blue")]  # I ∝ λ⁻⁴
    chars = characters(page)
    lam = next(i for i, c in enumerate(chars) if c[0] == "λ")
    base, minus, four = chars[lam], chars[lam + 1], chars[lam + 2]
    assert four[0] == "4" and minus[0] in "−-"
    assert four[1][3] < base[1][3] - 2  # raised: its bottom above the λ's
    assert (four[1][3] - four[1][1]) < 0.8 * (base[1][3] - base[1][1])  # and smaller


@pytest.mark.parametrize(("tex", "line"), [
    # a set-builder colon is a relation, and \operatorname a name set apart from its argument, as TeX sets them
    (r"\{z \in \mathbb{C} : \operatorname{Im} z > 0\}", "{z ∈ ℂ : Im z > 0}"),
    (r"\log X", "log X"), (r"\log_2 n", "log2 n"), (r"X^{1/2} \log X", "X1/2 log X"), (r"\operatorname{vol}(X)", "vol(X)"),
    # a + after a fraction is binary (spaced on both sides), and no space is left before the closing bracket
    (r"\left(\frac{a}{b} + \frac{c}{d}\right)", "(a/b + c/d)"), (r"a = -b", "a = −b"),
])
def test_inline_maths_is_spaced_as_tex_spaces_it(tex, line):
    from talkdeck.text.mathruns import inline_pieces

    assert "".join(p[0] for p in inline_pieces(tex)).replace("\u202f", " ") == line


def test_a_thin_space_typed_before_a_bracket_is_kept():
    from talkdeck.text.mathruns import inline_pieces

    assert "".join(p[0] for p in inline_pieces(r"\tau(c)\,(m,n,c)^{1/2}")).startswith("τ(c)\u202f(m,")


def test_mod_and_bar_are_drawn_as_tex_sets_them():
    """latex2mathml ran \\bmod into its operands ("dmodc") and stretched \\pmod's brackets to the height of a
    matrix beside them; ziamath set \\bar on the body of a tall letter (the d of n\\bar{d})."""
    from talkdeck.text.mathruns import inline_pieces
    from talkdeck.text.maths import _mathml

    assert "".join(p[0] for p in inline_pieces(r"d \bmod c")).replace("\u202f", " ") == "d mod c"
    matrix = _mathml(r"\left\{ \begin{pmatrix} a \\ c \end{pmatrix} : c \equiv 0 \pmod{N} \right\}")
    assert '<mo stretchy="false">&#x00028;</mo>' in matrix  # (mod N) at the text's height, as TeX sets it
    assert draw(r"n\bar{d}", 24.0, "#000000", True) == draw(r"n\overline{d}", 24.0, "#000000", True)
