"""Figures as researchers make them: an SVG is embedded as SVG with a PNG of the size shown, a one-page PDF
is rasterised at the size shown, and what cannot be drawn safely is refused at the image's line."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from talkdeck.build import build
from talkdeck.deck.svg import ASVG_NS, DPI, SVG_EXTENSION
from talkdeck.errors import OutlineError

from .conftest import needs
from .deckcheck import deck_problems

VALIDATE = Path("/work/shared/ooxml/validate.py")
WAVES = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" width="400" height="200">
  <rect width="400" height="200" fill="#f4f1ea"/>
  <path d="M0 100 C 50 20, 100 20, 150 100 S 250 180, 300 100" stroke="#1f4e79" stroke-width="6" fill="none"/>
</svg>
"""
TALK = """\
title: Figures
speaker: {name: Ada, bio: Ada draws.}
sections:
  - title: Part
    slides:
      - {title: An SVG figure, image: assets/waves.svg, alt: A wave, notes: n}
      - {title: A PDF figure, image: assets/damped.pdf, alt: A damped wave, notes: n}
"""


def _pdf(path: Path, pages: int = 1) -> None:
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    with PdfPages(path) as pdf:
        for k in range(pages):
            fig = Figure(figsize=(6, 3))
            fig.add_subplot().plot([0, 1, 2, 3], [k, 3, 1, 2])
            pdf.savefig(fig)


@pytest.fixture
def figures(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "waves.svg").write_bytes(WAVES)
    _pdf(tmp_path / "assets" / "damped.pdf")
    (tmp_path / "talk.yaml").write_text(TALK, encoding="utf-8")
    return tmp_path


def _picture(deck: Path, title: str):
    slide = next(s for s in Presentation(str(deck)).slides if s.shapes.title.text == title)
    return slide, next(sh for sh in slide.shapes if sh.shape_type == 13)


def test_an_svg_is_embedded_as_svg_with_a_png_of_the_size_shown(figures: Path):
    deck = build(figures / "talk.yaml").output
    slide, pic = _picture(deck, "An SVG figure")
    ext = pic._element.find(f".//{{http://schemas.openxmlformats.org/drawingml/2006/main}}ext[@uri='{SVG_EXTENSION}']")
    svg_blip = ext.find(f"{{{ASVG_NS}}}svgBlip")
    rid = svg_blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
    part = slide.part.related_part(rid)
    assert part.content_type == "image/svg+xml" and part.blob == WAVES
    png = Image.open(io.BytesIO(pic.image.blob))
    assert png.format == "PNG"
    assert png.size == (round(pic.width / 914400 * DPI), round(pic.height / 914400 * DPI))
    assert abs(pic.width / pic.height - 2.0) < 0.01  # the drawing's own proportions
    assert pic._element.find(".//{*}cNvPr").get("descr") == "A wave"
    assert deck_problems(deck) == []
    with zipfile.ZipFile(deck) as z:
        assert 'Extension="svg" ContentType="image/svg+xml"' in z.read("[Content_Types].xml").decode() or \
            'ContentType="image/svg+xml"' in z.read("[Content_Types].xml").decode()
    if VALIDATE.exists():
        done = subprocess.run([sys.executable, str(VALIDATE), str(deck)], capture_output=True, text=True)
        assert " 0 violation(s)" in done.stdout, done.stdout


def test_a_pdf_figure_is_a_sharp_picture_of_the_size_shown(figures: Path):
    deck = build(figures / "talk.yaml").output
    _, pic = _picture(deck, "A PDF figure")
    png = Image.open(io.BytesIO(pic.image.blob))
    assert png.size == (round(pic.width / 914400 * DPI), round(pic.height / 914400 * DPI))
    assert png.width >= 1600  # 200 pixels an inch at the size shown: sharp on a projector
    assert abs(pic.width / pic.height - 2.0) < 0.01


def test_a_pdf_of_several_pages_and_an_unsafe_svg_are_refused_at_their_lines(figures: Path):
    _pdf(figures / "assets" / "damped.pdf", pages=3)
    (figures / "assets" / "waves.svg").write_bytes(WAVES.replace(b"</svg>", b'<image href="file:///etc/passwd"/></svg>'))
    with pytest.raises(OutlineError) as e:
        build(figures / "talk.yaml", display_name="talk.yaml")
    assert str(e.value).splitlines() == [
        "talk.yaml:6:39: sections[0].slides[0].image: refers to a file outside it, 'file:///etc/passwd' (the "
        "drawing's line 4); embed it (Inkscape: Embed images, then Save As > Plain SVG) or remove it",
        "talk.yaml:7:38: sections[0].slides[1].image: is a PDF of 3 pages; a figure is one page: export that page "
        "alone (or save it as PNG)"]


@needs("soffice")
def test_libreoffice_draws_the_fallback(figures: Path):
    from talkdeck.export.convert import to_pdf

    deck = build(figures / "talk.yaml").output
    pdf = to_pdf(deck, figures / "talk.pdf")
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[4]  # title, bio, agenda, divider, then the SVG figure
        image = page.render(scale=1).to_pil().convert("RGB")
    finally:
        doc.close()
    # The drawing's stroke colour is on the page: LibreOffice drew the PNG fallback.
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert any(abs(r - 0x1F) < 12 and abs(g - 0x4E) < 12 and abs(b - 0x79) < 12 for _, (r, g, b) in colours)
