"""Real institutions' templates (../shared/templates-real) and two made like stock ones, each building the
talk with every slide kind, rendered by LibreOffice and read back from the PDF: every text talkdeck writes
reads on what is actually behind it, titles stay in their placeholders, no text lies over a master's picture,
nothing overlaps, and the package holds together (the ECMA-376 check finds nothing the template lacks)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from talkdeck.build import build
from talkdeck.charts.palette import series_colors
from talkdeck.charts.style import talk_chart_style
from talkdeck.export.convert import to_pdf
from talkdeck.lang.i18n import messages_for
from talkdeck.text.color import contrast

from . import templates
from .conftest import ROOT, needs
from .deckcheck import deck_problems
from .ooxml import find_validator
from .pdfcheck import open_pdf, painted

pytestmark = needs("soffice")

#: Where the shared real templates are: beside the repository (CI's clone), or the workplace's shared folder.
REAL = next((p for p in (ROOT.parent / "shared" / "templates-real", ROOT.parent.parent / "shared" / "templates-real",
                         Path("/work/shared/templates-real")) if p.is_dir()), None)
REAL_FILES = ["nyush.potx", "mecanon.potx", "soleng-template.potx", "phuse.pptx", "aws-honolulu.potx"]
MADE = {"gallery.pptx": templates.gallery, "dark.pptx": templates.dark}
NAMES = REAL_FILES + list(MADE)
EVERY_KIND = ROOT / "tests" / "fixtures" / "talks" / "every-kind"
EMU_PER_PT = 12_700
SCALE = 2  # pixels per point of the rendered pages


def _available(name: str) -> bool:
    return name in MADE or (REAL is not None and (REAL / name).is_file())


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict:
    """name → (deck, Presentation, PDF, the talk as built, the template), one LibreOffice render each."""
    out = {}
    for name in NAMES:
        if not _available(name):
            if os.environ.get("CI"):
                raise FileNotFoundError(f"{name}: the shared real templates are missing")
            continue
        folder = tmp_path_factory.mktemp(Path(name).stem)
        shutil.copytree(EVERY_KIND, folder, dirs_exist_ok=True)
        template = folder / "assets" / name
        if name in MADE:
            MADE[name](template)
        else:
            shutil.copy(REAL / name, template)
        outline = folder / "talk.yaml"
        outline.write_text(outline.read_text(encoding="utf-8") + f"\ntheme:\n  template: assets/{name}\n",
                           encoding="utf-8")
        result = build(outline)
        pptx = folder / "build" / "talk.pptx"
        out[name] = (pptx, Presentation(str(pptx)), to_pdf(pptx, folder / "build" / "talk.pdf"), result.talk, template)
    return out


def deck(decks, name):
    if name not in decks:
        pytest.skip(f"{name} is not on this machine (../shared/templates-real)")
    return decks[name]


def _ground(image, box, ink: str | None = None) -> str:
    """The commonest colour of the ring of pixels just outside ``box`` (pt): what the character is drawn on
    (pixels of about the character's own colour ``ink``, its neighbours' strokes, left out)."""
    x0, y0, x1, y1 = (round(v * SCALE) for v in box)
    def clamp(v: int, top: int) -> int:
        return min(max(v, 0), top)

    x0, x1 = clamp(x0 - 4, image.width - 1), clamp(x1 + 4, image.width - 1)
    y0, y1 = clamp(y0 - 4, image.height - 1), clamp(y1 + 4, image.height - 1)
    ring = [image.getpixel((x, y)) for x in range(x0, x1 + 1) for y in (y0, y1)]
    ring += [image.getpixel((x, y)) for y in range(y0, y1 + 1) for x in (x0, x1)]
    colours = [f"#{p[0]:02X}{p[1]:02X}{p[2]:02X}" for p in ring]
    if ink is not None:
        colours = [c for c in colours if contrast(c, ink) >= 1.5] or colours
    return Counter(colours).most_common(1)[0][0]


def _pt_box(shape):
    return (shape.left / EMU_PER_PT, shape.top / EMU_PER_PT, (shape.left + shape.width) / EMU_PER_PT,
            (shape.top + shape.height) / EMU_PER_PT)


def _inside(box, outer, tolerance=2.0) -> bool:
    return (box[0] >= outer[0] - tolerance and box[1] >= outer[1] - tolerance and box[2] <= outer[2] + tolerance
            and box[3] <= outer[3] + tolerance)


def _overlap(a, b, shrink=1.0) -> bool:
    return a[0] + shrink < b[2] and b[0] + shrink < a[2] and a[1] + shrink < b[3] and b[1] + shrink < a[3]


def _pages(decks, name):
    pptx, prs, pdf, talk, _ = deck(decks, name)
    doc = open_pdf(pdf)
    assert len(doc) == len(prs.slides)
    return list(zip(prs.slides, doc, strict=True))


def _owner(shapes, box):
    """The index of the first of ``shapes`` (pt boxes) that holds ``box``, or None."""
    return next((i for i, s in enumerate(shapes) if _inside(box, s)), None)


@pytest.mark.parametrize("name", NAMES)
def test_every_text_talkdeck_writes_reads_on_what_is_behind_it(decks, name):
    """Each character against the pixels around it. On a photograph a letter may cross a highlight: a text
    passes when no more than one in twenty of its characters (and never more than one in a short text) does."""
    failing = []
    for number, (slide, page) in enumerate(_pages(decks, name), start=1):
        image = page.render(scale=SCALE).to_pil().convert("RGB")
        ours = [_pt_box(s) for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        seen: Counter = Counter()
        bad: dict[int, list] = {}
        for ch, box, colour, size in painted(page):
            owner = _owner(ours, box)
            if owner is None:
                continue  # the template's own text (a URL on its master)
            seen[owner] += 1
            ground = _ground(image, box, colour)
            # Large text, and bullets (graphics: WCAG 1.4.11), need 3:1; the rest 4.5:1.
            need = 3.0 if size >= 18 or ch in "•–" else 4.5
            if contrast(colour, ground) < need:
                bad.setdefault(owner, []).append((number, ch, colour, ground, round(size),
                                                  round(contrast(colour, ground), 2)))
        failing += [f for owner, found in bad.items() if len(found) > max(1, seen[owner] // 20) for f in found]
    assert failing == [], failing[:10]


@pytest.mark.parametrize("name", NAMES)
def test_charts_are_drawn_in_colours_that_stand_out_from_what_is_behind_them(decks, name):
    _, prs, _, talk, _ = deck(decks, name)
    style = talk_chart_style(talk, messages_for(talk))
    checked = 0
    for slide, page in _pages(decks, name):
        charts = [s for s in slide.shapes if s.name.startswith("Chart:")]
        if not charts:
            continue
        image = page.render(scale=SCALE).to_pil().convert("RGB")
        for chart in charts:
            # The chart is drawn transparent: its background is what the slide shows around it.
            ground = _ground(image, _pt_box(chart))
            assert contrast(style.text, ground) >= 4.5, (name, chart.name, style.text, ground)
            for colour in series_colors(style, 3):
                assert contrast(colour, ground) >= 3.0, (name, chart.name, colour, ground)
            checked += 1
    assert checked >= 6


@pytest.mark.parametrize("name", NAMES)
def test_titles_are_drawn_inside_their_placeholders(decks, name):
    for number, (slide, page) in enumerate(_pages(decks, name), start=1):
        title = slide.shapes.title
        drawn = "".join(ch for ch, box, _, _ in painted(page) if _inside(box, _pt_box(title)))
        want = "".join(title.text_frame.text.split())
        assert want.upper() in drawn.upper(), (name, number, want, drawn)


def _master_pictures(slide, prs):
    """The boxes (pt) of the pictures of the slide's layout and master (when shown) that are not its background."""
    layout = slide.slide_layout
    owners = [layout] if layout._element.get("showMasterSp") == "0" else [prs.slide_master, layout]
    area = prs.slide_width * prs.slide_height
    return [_pt_box(s) for owner in owners for s in owner.shapes
            if s.shape_type == MSO_SHAPE_TYPE.PICTURE and s.width * s.height < 0.6 * area]


@pytest.mark.parametrize("name", NAMES)
def test_no_text_or_picture_talkdeck_adds_lies_over_a_master_picture(decks, name):
    prs = deck(decks, name)[1]
    for number, (slide, page) in enumerate(_pages(decks, name), start=1):
        logos = _master_pictures(slide, prs)
        ours = [_pt_box(s) for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        for ch, box, _, _ in painted(page):
            if _owner(ours, box) is not None:
                assert not any(_overlap(box, logo) for logo in logos), (name, number, ch)
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                assert not any(_overlap(_pt_box(shape), logo) for logo in logos), (name, number, shape.name)


@pytest.mark.parametrize("name", NAMES)
def test_nothing_talkdeck_places_overlaps(decks, name):
    for number, (slide, page) in enumerate(_pages(decks, name), start=1):
        texts = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        boxes = [_pt_box(s) for s in texts]
        figures = [_pt_box(s) for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE or s.has_table]
        drawn = [(box, _owner(boxes, box)) for _, box, _, _ in painted(page)]
        drawn = [(box, owner) for box, owner in drawn if owner is not None]
        for i, (a, owner_a) in enumerate(drawn):
            assert not any(_overlap(a, f) for f in figures if not _inside(a, f)), (name, number, texts[owner_a].name)
            for b, owner_b in drawn[i + 1:]:
                if owner_a != owner_b and _overlap(a, b, shrink=1.5):
                    raise AssertionError((name, number, texts[owner_a].name, texts[owner_b].name))
        for i, a in enumerate(figures):
            assert not any(_overlap(a, b) for b in figures[i + 1:]), (name, number)


def _violations(path: Path) -> set[str]:
    done = subprocess.run([sys.executable, str(find_validator()), str(path)], capture_output=True, text=True,
                          timeout=300)
    return {re.sub(r":\d+:", ":", line.strip()) for line in done.stdout.splitlines()[1:] if line.strip()}


@needs("ooxml-validate")
@pytest.mark.parametrize("name", NAMES)
def test_the_package_holds_together_and_the_schemas_find_nothing_the_template_lacks(decks, name, tmp_path):
    pptx, _, _, _, template = deck(decks, name)
    assert deck_problems(pptx) == []
    own = _violations(template)
    assert sorted(_violations(pptx) - own) == []


def test_a_stock_gradient_panel_is_the_background_not_a_drawing_to_avoid(decks):
    from talkdeck.deck import read_template_frame

    frame = read_template_frame(deck(decks, "gallery.pptx")[4])
    assert frame.problems == ()  # the panel covers 82 % of the slide: it is what everything is set on
    assert frame.background == "#142842" and frame.text == "#F0F0F0"
    assert frame.layouts["content"].content.h >= 914_400 * 4


@pytest.mark.parametrize("name", ["nyush.potx", "mecanon.potx", "gallery.pptx"])
def test_content_slides_take_the_content_layout_and_dividers_read_as_dividers(decks, name):
    prs = deck(decks, name)[1]
    layouts = {s.shapes.title.text_frame.text: s.slide_layout for s in prs.slides}
    content = layouts["Why rivers matter"]
    assert layouts["Two banks"] in (content, layouts["Two banks"])
    assert all(layouts[t] is content for t in ("In one sentence", "Too much to say on one slide"))
    divider = layouts["Words"]
    assert divider is not content  # a section header, or the title slide's layout where there is none
    assert [t for t in layouts if t.startswith("Too much")] == ["Too much to say on one slide",
                                                               "Too much to say on one slide (2)"][:len(
                                                                   [t for t in layouts if t.startswith("Too much")])]


def test_runs_in_placeholders_name_no_font_or_colour_the_template_gives(decks):
    prs = deck(decks, "gallery.pptx")[1]
    # (On the content layout, whose styles read on the panel; elsewhere a colour is written where the
    # template's would not read, as on the title slide's grey subtitle.)
    content = next(s.slide_layout for s in prs.slides if s.shapes.title.text_frame.text == "Why rivers matter")
    runs = [r for slide in prs.slides if slide.slide_layout is content for shape in slide.placeholders
            if shape.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
            for p in shape.text_frame.paragraphs for r in p.runs]
    mono = deck(decks, "gallery.pptx")[3].theme.font_mono
    assert runs
    assert [r.font.name for r in runs if r.font.name not in (None, mono)] == []  # the placeholders' styles give it
    assert [r.text for r in runs if r.font.name != mono and r.font.color.type is not None] == []
