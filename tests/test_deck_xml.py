"""The deck's XML is what PowerPoint expects (see deckcheck.py): unique shape ids, children in schema
order, relationships that resolve, one notes page per slide; and what the user writes is escaped."""

from __future__ import annotations

import shutil
import textwrap
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from talkdeck.build import Reuse, build

from .conftest import MINIMAL, TALK, write_outline
from .deckcheck import A, P, deck_problems

#: One slide of every kind, a chart, a picture and a table: each adds shapes after the layout's.
EVERY_KIND = MINIMAL + textwrap.indent(textwrap.dedent("""\
  - title: Every kind
    minutes: 5
    slides:
      - {title: The numbers, chart: growth, caption: Two years, notes: n}
      - {title: A map, image: assets/map.png, alt: A map, caption: A caption, notes: n}
      - {title: A border, image: assets/map.png, decorative: true, notes: n}
      - {quote: Tomorrow is today., by: A poster, notes: n}
      - {title: A table, table: [[Year, Count], ["2019", "3"]], source: Example data, notes: n}
      - {title: Two sides, columns: [{heading: One, bullets: [a, b]}, {heading: Two, bullets: [c]}], notes: n}
      - {title: In short, statement: One sentence., notes: n}
"""), "  ") + textwrap.dedent("""\
charts:
  growth:
    type: bar
    title: Growth
    source: Example data
    data: {2019: 3, 2020: 5}
""")


def every_kind(folder: Path, theme: str = "") -> Path:
    """EVERY_KIND (with ``theme``, YAML lines under ``theme:``) and its picture, written into ``folder``."""
    from PIL import Image

    (folder / "assets").mkdir(exist_ok=True)
    Image.new("RGB", (400, 300), "#336699").save(folder / "assets" / "map.png")
    return write_outline(folder, EVERY_KIND + (f"theme:\n{textwrap.indent(theme, '  ')}" if theme else ""))


def a_template(path: Path, width_in: float = 10, height_in: float = 7.5) -> Path:
    """python-pptx's own design saved as a user's template of ``width_in`` × ``height_in`` inches.

    A size other than its 10 × 7.5 in is made as PowerPoint makes it: every
    positioned master and layout shape scaled to the new size.
    """
    prs = Presentation()
    sx, sy = Emu(int(width_in * 914400)) / prs.slide_width, Emu(int(height_in * 914400)) / prs.slide_height
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for shape in owner.shapes:
            xfrm = shape._element.xfrm
            if xfrm is not None and xfrm.off is not None and xfrm.ext is not None:
                xfrm.x, xfrm.cx, xfrm.y, xfrm.cy = (int(xfrm.x * sx), int(xfrm.cx * sx),
                                                    int(xfrm.y * sy), int(xfrm.cy * sy))
    prs.slide_width, prs.slide_height = Emu(int(width_in * 914400)), Emu(int(height_in * 914400))
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    return path


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("shipped")
    shutil.copy(TALK, folder / "talk.yaml")
    if (TALK.parent / "assets").is_dir():
        shutil.copytree(TALK.parent / "assets", folder / "assets")
    build(folder / "talk.yaml")
    return folder / "build" / "talk.pptx"


def slide_parts(deck: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(deck) as z:
        return {n: etree.fromstring(z.read(n)) for n in z.namelist()
                if n.startswith(("ppt/slides/slide", "ppt/notesSlides/notesSlide")) and n.endswith(".xml")}


def test_the_shipped_talk_is_well_formed(shipped):
    assert deck_problems(shipped) == []


def test_every_shape_id_of_the_shipped_talk_is_unique_on_its_slide(shipped):
    for part, root in slide_parts(shipped).items():
        ids = [el.get("id") for el in root.iter(f"{{{P}}}cNvPr")]
        assert len(ids) == len(set(ids)), (part, ids)


def test_every_paragraph_of_the_shipped_talk_is_in_schema_order(shipped):
    for part, root in slide_parts(shipped).items():
        for p in root.iter(f"{{{A}}}p"):
            tags = [etree.QName(c).localname for c in p]
            assert "pPr" not in tags or tags.index("pPr") == 0, (part, tags)
            assert "endParaRPr" not in tags or tags.index("endParaRPr") == len(tags) - 1, (part, tags)


def test_a_deck_of_every_slide_kind_is_well_formed(outline_dir):
    build(every_kind(outline_dir))
    assert deck_problems(outline_dir / "build" / "talk.pptx") == []


@pytest.mark.parametrize("size", [(10, 7.5), (10, 5.625)], ids=["4x3", "16x9 at 10 in"])
def test_a_deck_on_a_user_template_is_well_formed(outline_dir, size):
    a_template(outline_dir / "assets" / "house.pptx", *size)
    build(every_kind(outline_dir, "template: assets/house.pptx\n"))
    deck = outline_dir / "build" / "talk.pptx"
    assert deck_problems(deck) == []
    numbers = [s for slide in Presentation(str(deck)).slides for s in slide.shapes
               if s.is_placeholder and s.placeholder_format.type == 13]  # SLIDE_NUMBER
    assert numbers  # the layout's slide-number placeholder was copied, with an id of its own


def test_slides_rewritten_in_place_stay_well_formed(outline_dir):
    outline = every_kind(outline_dir)
    reuse = Reuse()
    build(outline, outline_dir / "watch" / "talk.pptx", reuse=reuse)
    write_outline(outline_dir, EVERY_KIND.replace("{2019: 3, 2020: 5}", "{2019: 3, 2020: 6}")
                  .replace("One sentence.", "Another sentence.").replace("caption: A caption", "caption: Another"))
    assert build(outline, outline_dir / "watch" / "talk.pptx", reuse=reuse).kept > 0
    assert deck_problems(outline_dir / "watch" / "talk.pptx") == []


def test_a_font_name_with_an_ampersand_is_escaped_and_kept(outline_dir):
    write_outline(outline_dir, MINIMAL + 'theme:\n  font: "M&M Sans"\n')
    build(outline_dir / "talk.yaml")
    deck = outline_dir / "build" / "talk.pptx"
    assert deck_problems(deck) == []
    fields = [f for root in slide_parts(deck).values() for f in root.iter(f"{{{A}}}fld") if f.get("type") == "slidenum"]
    assert fields
    assert {f.find(f"{{{A}}}rPr/{{{A}}}latin").get("typeface") for f in fields} == {"M&M Sans"}
    prs = Presentation(str(deck))
    assert prs.slides[0].shapes.title.text_frame.paragraphs[0].runs[0].font.name == "M&M Sans"
