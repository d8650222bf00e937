"""Institutions' templates made for the tests, as a designer would make them in PowerPoint.

- :func:`university` — 4:3, a cream master, a navy band across the top holding a
  round seal (a picture) and a gold rule under it, titles under the band in navy
  Liberation Serif, a navy strip at the bottom holding the URL, the footer, the
  date and the slide number in white.
- :func:`band` — 16:9, the title set white *inside* a dark band, a wide logo at
  the band's right end, title and section slides on a dark background, Carlito
  body text and DejaVu Sans titles.
- :func:`libreoffice_potx` — :func:`university` saved by LibreOffice as a .potx.
- :func:`dark` — 4:3, a full-bleed dark picture as the master's background,
  light text through the master's colour map (bg1 → dk1, tx1 → lt1), a seal in
  the bottom-right corner, and only three layouts: title slide, title and
  content, picture with caption (the picture above its caption).
- :func:`side` — 16:9, layouts named in German (Titelfolie, Titel und Inhalt …),
  the title at the left side, vertically centred, 3.4 in wide, the body to
  its right, a blue bar down the left edge, a wordmark bottom right.
- :func:`full_bleed` — python-pptx's design with a cream picture as large as
  the slide on its master (a green band and square drawn in it), as designers
  set a background picture.
- :func:`serif` — python-pptx's design with a wide logo in the top-right corner
  of the master, over the right end of the title placeholder, as many
  institutions' are.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

NAVY, GOLD, CREAM, INK = "14284B", "C9A227", "F7F3E8", "1B1B3A"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _theme(prs, major: str, minor: str, colors: dict[str, str]) -> None:
    """Set the theme's fonts and colours (``dk1``, ``accent1`` … as RRGGBB)."""
    part = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    root = etree.fromstring(part.blob)
    for tag, face in (("majorFont", major), ("minorFont", minor)):
        root.find(f".//{{{A}}}{tag}/{{{A}}}latin").set("typeface", face)
    scheme = root.find(f".//{{{A}}}clrScheme")
    for name, value in colors.items():
        slot = scheme.find(f"{{{A}}}{name}")
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{{{A}}}srgbClr", val=value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _background(owner, rgb: str) -> None:
    """A solid background on a master or layout (``p:bg`` first in ``p:cSld``)."""
    csld = owner._element.find(qn("p:cSld"))
    old = csld.find(qn("p:bg"))
    if old is not None:
        csld.remove(old)
    bg = etree.fromstring(f'<p:bg xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
                          f'xmlns:a="{A}"><p:bgPr><a:solidFill><a:srgbClr val="{rgb}"/></a:solidFill>'
                          '<a:effectLst/></p:bgPr></p:bg>')
    csld.insert(0, bg)


def _scratch(owner):
    """A throw-away slide's shapes to draw with (masters and layouts have no add_shape)."""
    from pptx.shapes.shapetree import SlideShapes

    tree = parse_xml(
        '<p:spTree xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        f'xmlns:a="{A}"><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr/></p:spTree>')
    return SlideShapes(tree, owner)


def _to_back(owner, element) -> None:
    """Put a drawing behind the placeholders, as a master's decoration sits, with an id of its own."""
    tree = owner.shapes._spTree
    ids = [int(el.get("id")) for el in tree.iter(qn("p:cNvPr")) if el.get("id", "").isdigit()]
    element.find(".//" + qn("p:cNvPr")).set("id", str(max(ids, default=1) + 1))
    first = next((el for el in tree.iter_shape_elms() if el.find(f".//{qn('p:ph')}") is not None), None)
    if first is not None:
        first.addprevious(element)
    else:
        tree.insert_element_before(element, "p:extLst")


def _rect(owner, x, y, w, h, rgb: str, name: str):
    shape = _scratch(owner).add_shape(MSO_SHAPE.RECTANGLE, Emu(x), Emu(y), Emu(w), Emu(h))
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(rgb)
    shape.line.fill.background()
    _to_back(owner, shape._element)


def _picture(owner, png: bytes, x, y, w, h, name: str):
    pic = _scratch(owner).add_picture(io.BytesIO(png), Emu(x), Emu(y), Emu(w), Emu(h))
    pic.name = name
    _to_back(owner, pic._element)


def _rgb(value: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(value)


def _seal(size: int = 256) -> bytes:
    """A round gold seal with a navy ring, on transparency."""
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((0, 0, size - 1, size - 1), fill=(0xC9, 0xA2, 0x27, 255))
    d.ellipse((size // 8, size // 8, size - size // 8, size - size // 8), fill=(0x14, 0x28, 0x4B, 255))
    d.ellipse((size // 4, size // 4, size - size // 4, size - size // 4), fill=(0xF7, 0xF3, 0xE8, 255))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _wordmark(w: int = 600, h: int = 200) -> bytes:
    """A wide 3:1 logo: white block letters on the band's colour."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (w, h), (0x1B, 0x1B, 0x3A))
    d = ImageDraw.Draw(img)
    for i in range(4):
        d.rectangle((20 + i * 145, 40, 130 + i * 145, 160), fill=(255, 255, 255))
    d.rectangle((20, 90, 580, 110), fill=(0xE0, 0x6C, 0x2B))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _place(ph, x, y, w, h) -> None:
    ph.left, ph.top, ph.width, ph.height = Emu(x), Emu(y), Emu(w), Emu(h)


def _white_text(ph, size_pt: float | None = None) -> None:
    """A placeholder whose first-level text is white (its list style, as PowerPoint writes it)."""
    body = ph._element.get_or_add_txBody()
    lst = body.find(qn("a:lstStyle"))
    if lst is None:
        lst = etree.SubElement(body, qn("a:lstStyle"))
        body.remove(lst)
        body.insert(1, lst)
    for child in list(lst):
        lst.remove(child)
    lvl = etree.SubElement(lst, qn("a:lvl1pPr"))
    rpr = etree.SubElement(lvl, qn("a:defRPr"))
    if size_pt:
        rpr.set("sz", str(int(size_pt * 100)))
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val="FFFFFF")


def _title_style(prs, rgb: str, size_pt: float) -> None:
    style = prs.slide_master._element.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}")
    rpr = style.find(f"{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
    rpr.set("sz", str(int(size_pt * 100)))
    for child in list(rpr):
        if etree.QName(child).localname in ("solidFill", "schemeClr"):
            rpr.remove(child)
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=rgb)
    rpr.insert(0, fill)


def _master_ph(prs, kind):
    return next(ph for ph in prs.slide_master.placeholders if ph.placeholder_format.type == kind)


def university(path: Path) -> Path:
    """The 4:3 university template described in the module docstring."""
    prs = Presentation()
    _theme(prs, "Liberation Serif", "Liberation Sans",
           {"dk1": "1F1F1F", "lt1": "FFFFFF", "dk2": NAVY, "lt2": CREAM, "accent1": NAVY, "accent2": GOLD,
            "accent3": "7A3B2E", "accent4": "4F7C6B", "accent5": "8C8C8C", "accent6": "2E6F9E"})
    master = prs.slide_master
    _background(master, CREAM)
    inch = 914400
    _rect(master, 0, int(6.9 * inch), 10 * inch, int(0.6 * inch), NAVY, "Bottom strip")
    _rect(master, 0, int(0.8 * inch), 10 * inch, int(0.06 * inch), GOLD, "Gold rule")
    _rect(master, 0, 0, 10 * inch, int(0.8 * inch), NAVY, "Top band")
    _picture(master, _seal(), int(0.2 * inch), int(0.05 * inch), int(0.7 * inch), int(0.7 * inch), "Seal")
    url = _scratch(master).add_textbox(Emu(int(0.2 * inch)), Emu(int(7.0 * inch)), Emu(int(2.4 * inch)),
                                    Emu(int(0.4 * inch)))
    url.name = "URL"
    url.text_frame.text = "www.example.edu"
    run = url.text_frame.paragraphs[0].runs[0]
    run.font.size, run.font.color.rgb = Pt(11), _rgb("FFFFFF")
    _to_back(master, url._element)
    _place(_master_ph(prs, PP_PLACEHOLDER.TITLE), int(0.5 * inch), int(0.95 * inch), 9 * inch, int(1.0 * inch))
    _place(_master_ph(prs, PP_PLACEHOLDER.BODY), int(0.5 * inch), int(2.1 * inch), 9 * inch, int(4.6 * inch))
    for kind, x, w in ((PP_PLACEHOLDER.FOOTER, 2.7, 4.2), (PP_PLACEHOLDER.DATE, 6.9, 1.8),
                       (PP_PLACEHOLDER.SLIDE_NUMBER, 8.7, 1.0)):
        ph = _master_ph(prs, kind)
        _place(ph, int(x * inch), int(6.95 * inch), int(w * inch), int(0.5 * inch))
        _white_text(ph, 12)
    _title_style(prs, NAVY, 36)
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            xfrm = ph._element.xfrm
            if xfrm is None or xfrm.off is None:
                continue
            kind = ph.placeholder_format.type
            if kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.PICTURE) \
                    and layout.name not in ("Title Slide", "Section Header") and ph.top < 2.1 * inch:
                bottom = min(ph.top + ph.height, int(6.7 * inch))
                top = int(2.1 * inch)
                ph.top, ph.height = Emu(top), Emu(max(bottom - top, int(0.5 * inch)))
            if kind == PP_PLACEHOLDER.TITLE and layout.name not in ("Section Header",) and ph.top < inch:
                _place(ph, ph.left, int(0.95 * inch), ph.width, int(1.0 * inch))
    return _save(prs, path)


def band(path: Path) -> Path:
    """The 16:9 template whose titles sit white inside a dark band (module docstring)."""
    prs = Presentation()
    inch = 914400
    sx = 13.333 / 10
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for shape in owner.shapes:
            xfrm = shape._element.xfrm
            if xfrm is not None and xfrm.off is not None:
                xfrm.x, xfrm.cx = int(xfrm.x * sx), int(xfrm.cx * sx)
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    _theme(prs, "DejaVu Sans", "Carlito",
           {"dk1": "222222", "lt1": "FFFFFF", "dk2": INK, "lt2": "EEF0F4", "accent1": "E06C2B", "accent2": "2B7DE0",
            "accent3": "4CAF50", "accent4": "9C27B0", "accent5": "607D8B", "accent6": "FFB300"})
    master = prs.slide_master
    _rect(master, 0, 0, 12192000, int(1.5 * inch), INK, "Title band")
    _picture(master, _wordmark(), 12192000 - int(2.8 * inch), int(0.35 * inch), int(2.4 * inch), int(0.8 * inch),
             "Wordmark")
    title = _master_ph(prs, PP_PLACEHOLDER.TITLE)
    _place(title, int(0.5 * inch), int(0.2 * inch), int(9.6 * inch), int(1.1 * inch))
    _place(_master_ph(prs, PP_PLACEHOLDER.BODY), int(0.6 * inch), int(1.8 * inch), int(12.1 * inch),
           int(4.9 * inch))
    _title_style(prs, "FFFFFF", 32)
    for layout in prs.slide_layouts:
        if layout.name in ("Title Slide", "Section Header"):
            _background(layout, INK)
            for ph in layout.placeholders:
                if ph.placeholder_format.type in (PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY):
                    _white_text(ph)
        for ph in layout.placeholders:
            xfrm = ph._element.xfrm
            kind = ph.placeholder_format.type
            if kind == PP_PLACEHOLDER.TITLE and xfrm is not None and xfrm.off is not None \
                    and layout.name not in ("Section Header",):
                _place(ph, int(0.5 * inch), int(0.2 * inch), int(9.6 * inch), int(1.1 * inch))
            if kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.PICTURE) \
                    and layout.name not in ("Title Slide", "Section Header") and xfrm is not None \
                    and xfrm.off is not None and ph.top < 1.8 * inch:
                bottom = ph.top + ph.height
                ph.top, ph.height = Emu(int(1.8 * inch)), Emu(max(bottom - int(1.8 * inch), int(0.5 * inch)))
    return _save(prs, path)


def _save(prs, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    return path


def libreoffice_potx(path: Path, profile: Path) -> Path:
    """:func:`university` saved by LibreOffice 7 as a .potx (``soffice --convert-to potx``)."""
    work = path.parent / "lo-src"
    work.mkdir(parents=True, exist_ok=True)
    src = university(work / f"{path.stem}.pptx")
    # LibreOffice keeps only the masters that slides use: one slide keeps the university's.
    prs = Presentation(str(src))
    prs.slides.add_slide(prs.slide_layouts[0])
    prs.save(str(src))
    subprocess.run([shutil.which("soffice") or "soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "potx", "--outdir", str(work), str(src)],
                   check=True, capture_output=True, timeout=120)
    shutil.move(str(work / f"{path.stem}.potx"), path)
    return path


def crowded(path: Path) -> Path:
    """:func:`university` with a large picture across the middle of its master: no room left for charts."""
    university(path)
    prs = Presentation(str(path))
    inch = 914400
    _picture(prs.slide_master, _seal(), int(1.0 * inch), int(2.3 * inch), 8 * inch, int(4.2 * inch), "Mural")
    return _save(prs, path)


def sparse(path: Path) -> Path:
    """:func:`university` without its Two Content, Comparison and Title Only layouts."""
    university(path)
    prs = Presentation(str(path))
    master = prs.slide_master
    id_list = master._element.find(qn("p:sldLayoutIdLst"))
    for layout in list(prs.slide_layouts):
        if layout.name in ("Two Content", "Comparison", "Title Only"):
            entry = next(e for e in id_list if e.get(qn("r:id")) and master.part.related_part(e.get(qn("r:id")))
                         is layout.part)
            master.part.drop_rel(entry.get(qn("r:id")))
            id_list.remove(entry)
    return _save(prs, path)


def _drop_layouts(prs, keep: set[str]) -> None:
    master = prs.slide_master
    id_list = master._element.find(qn("p:sldLayoutIdLst"))
    for layout in list(prs.slide_layouts):
        if layout.name not in keep:
            entry = next(e for e in id_list if master.part.related_part(e.get(qn("r:id"))) is layout.part)
            master.part.drop_rel(entry.get(qn("r:id")))
            id_list.remove(entry)


def _night(w: int = 400, h: int = 300) -> bytes:
    """A dark navy picture with lighter diagonal stripes (a full-bleed background)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (w, h), (0x0F, 0x1A, 0x2B))
    d = ImageDraw.Draw(img)
    for x in range(0, w, 20):
        d.line((x, 0, x + 120, h), fill=(0x16, 0x26, 0x3D), width=4)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def dark(path: Path) -> Path:
    """The dark template of the module docstring."""
    prs = Presentation()
    _theme(prs, "Liberation Sans", "Liberation Sans",
           {"dk1": "000000", "lt1": "FFFFFF", "dk2": "0F1A2B", "lt2": "D0D8E8", "accent1": "4FC3F7",
            "accent2": "FFB74D", "accent3": "81C784", "accent4": "E57373", "accent5": "BA68C8", "accent6": "FFF176"})
    master = prs.slide_master
    clr_map = master._element.find(qn("p:clrMap"))
    for key, value in {"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2"}.items():
        clr_map.set(key, value)
    _, rid = master.part.get_or_add_image_part(io.BytesIO(_night()))
    csld = master._element.find(qn("p:cSld"))
    old = csld.find(qn("p:bg"))
    if old is not None:
        csld.remove(old)
    csld.insert(0, etree.fromstring(
        f'<p:bg xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="{A}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><p:bgPr>'
        f'<a:blipFill dpi="0" rotWithShape="1"><a:blip r:embed="{rid}"/><a:srcRect/><a:stretch><a:fillRect/>'
        '</a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>'))
    inch = 914400
    _picture(master, _seal(), int(9.0 * inch), int(6.6 * inch), int(0.7 * inch), int(0.7 * inch), "Seal")
    _drop_layouts(prs, {"Title Slide", "Title and Content", "Picture with Caption"})
    return _save(prs, path)


def serif(path: Path) -> Path:
    """The template with a logo over the title placeholder's right end (module docstring)."""
    prs = Presentation()
    _theme(prs, "Liberation Serif", "Liberation Serif",
           {"dk1": "2B2B2B", "lt1": "FFFFFF", "dk2": "8B1E3F", "lt2": "F2EDE4", "accent1": "8B1E3F",
            "accent2": "D4A017", "accent3": "3E6259", "accent4": "5B7DB1", "accent5": "A65E2E", "accent6": "6B6B6B"})
    inch = 914400
    _picture(prs.slide_master, _wordmark(), int(8.0 * inch), int(0.15 * inch), int(1.8 * inch), int(0.6 * inch),
             "Logo")
    return _save(prs, path)


GERMAN = {"Title Slide": "Titelfolie", "Title and Content": "Titel und Inhalt", "Section Header": "Abschnittsüberschrift",
          "Two Content": "Zwei Inhalte", "Comparison": "Vergleich", "Title Only": "Nur Titel", "Blank": "Leer",
          "Content with Caption": "Inhalt mit Überschrift", "Picture with Caption": "Bild mit Überschrift"}


def side(path: Path) -> Path:
    """The 16:9 template with its title at the left side (module docstring)."""
    prs = Presentation()
    inch = 914400
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for shape in owner.shapes:
            xfrm = shape._element.xfrm
            if xfrm is not None and xfrm.off is not None:
                xfrm.x, xfrm.cx = int(xfrm.x * 13.333 / 10), int(xfrm.cx * 13.333 / 10)
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    _theme(prs, "DejaVu Sans", "DejaVu Sans", {"accent1": "005A9C", "accent2": "E4002B", "dk2": "003A66"})
    master = prs.slide_master
    _rect(master, 0, 0, int(0.25 * inch), 6858000, "005A9C", "Seitenleiste")
    _picture(master, _wordmark(), 12192000 - int(2.2 * inch), int(6.8 * inch), int(1.8 * inch), int(0.6 * inch),
             "Logo")
    title = (int(0.6 * inch), int(2.5 * inch), int(3.4 * inch), int(2.5 * inch))
    _place(_master_ph(prs, PP_PLACEHOLDER.TITLE), *title)
    _place(_master_ph(prs, PP_PLACEHOLDER.BODY), int(4.4 * inch), int(0.6 * inch), int(8.4 * inch), int(5.9 * inch))
    _place(_master_ph(prs, PP_PLACEHOLDER.SLIDE_NUMBER), 12192000 - int(3.3 * inch), int(6.85 * inch), inch,
           int(0.5 * inch))
    for layout in prs.slide_layouts:
        if layout.name in ("Title Slide", "Section Header"):
            layout.name = GERMAN[layout.name]
            continue
        layout.name = GERMAN.get(layout.name, layout.name)
        for ph in layout.placeholders:
            xfrm = ph._element.xfrm
            if xfrm is None or xfrm.off is None:
                continue
            kind = ph.placeholder_format.type
            if kind == PP_PLACEHOLDER.TITLE:
                _place(ph, *title)
            elif kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.PICTURE):
                x = max(int(4.4 * inch), int(4.4 * inch + (ph.left - 0.8 * inch) * 8.4 / 12.1))
                w = min(int(ph.width * 8.4 / 12.1), int(12.8 * inch) - x)
                y = max(ph.top, int(0.6 * inch))
                _place(ph, x, y, w, min(ph.top + ph.height, int(6.5 * inch)) - y)
    return _save(prs, path)


def full_bleed(path: Path) -> Path:
    """The template whose master holds a slide-sized picture (module docstring)."""
    from PIL import Image, ImageDraw

    prs = Presentation()
    _theme(prs, "Liberation Sans", "Liberation Sans", {"accent1": "2E7D32"})
    img = Image.new("RGB", (400, 300), (0xF4, 0xF1, 0xEA))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 280, 400, 300), fill=(0x2E, 0x7D, 0x32))
    draw.rectangle((376, 8, 396, 28), fill=(0x2E, 0x7D, 0x32))
    out = io.BytesIO()
    img.save(out, "PNG")
    _picture(prs.slide_master, out.getvalue(), 0, 0, prs.slide_width, prs.slide_height, "Hintergrund")
    return _save(prs, path)


def wps(path: Path) -> Path:
    """python-pptx's design as WPS Presentation saves it: the footer and date placeholders of the master and
    its layouts carry ``p:custDataLst/p:tags`` relationships to tags parts; the slide number's refers to nothing."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    prs = Presentation()
    for n, kind in enumerate((PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER), start=1):
        tags = Part(PackURI(f"/ppt/tags/tag{n}.xml"), "application/vnd.openxmlformats-officedocument.presentationml.tags+xml",
                    prs.part.package, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:tagLst xmlns:p='
                    b'"http://schemas.openxmlformats.org/presentationml/2006/main"><p:tag name="KSO_WM_UNIT_TYPE" '
                    b'val="footer"/></p:tagLst>')
        for owner in [prs.slide_master, *prs.slide_layouts]:
            for ph in owner.placeholders:
                if ph.placeholder_format.type != kind:
                    continue
                # The slide number's refers to nothing, as a careless tool leaves it.
                rid = "rId999" if n == 3 else owner.part.relate_to(tags, RT.TAGS)
                ph._element.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}").append(etree.fromstring(
                    '<p:custDataLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:r='
                    f'"http://schemas.openxmlformats.org/officeDocument/2006/relationships"><p:tags r:id="{rid}"/>'
                    '</p:custDataLst>'))
    return _save(prs, path)


def gallery(path: Path) -> Path:
    """A stock-theme design like Office's "Gallery": a gradient panel across the whole width and 82 % of the
    height, drawn behind the placeholders; light text on it; the footer, date and number at the top."""
    prs = Presentation()
    inch = 914400
    _theme(prs, "Liberation Sans", "Liberation Sans",
           {"dk1": "000000", "lt1": "FFFFFF", "dk2": "2B2B2B", "lt2": "F0F0F0", "accent1": "F2C14E",
            "accent2": "FFFFFF", "accent3": "9BD0F5", "accent4": "E4572E", "accent5": "1B998B", "accent6": "C5D86D"})
    master = prs.slide_master
    top = int(7.5 * inch * 0.18)
    panel = _scratch(master).add_shape(MSO_SHAPE.RECTANGLE, Emu(0), Emu(top), prs.slide_width,
                                       Emu(prs.slide_height - top))
    panel.name = "Panel"
    panel.line.fill.background()
    sp_pr = panel._element.spPr
    for old in sp_pr.findall(qn("a:solidFill")):
        sp_pr.remove(old)
    grad = etree.fromstring(
        f'<a:gradFill xmlns:a="{A}" rotWithShape="1"><a:gsLst><a:gs pos="0"><a:srgbClr val="1E3A5F"/></a:gs>'
        '<a:gs pos="100000"><a:srgbClr val="0B1726"/></a:gs></a:gsLst><a:lin ang="5400000" scaled="0"/></a:gradFill>')
    sp_pr.find(qn("a:prstGeom")).addnext(grad)
    _to_back(master, panel._element)
    for kind, x in ((PP_PLACEHOLDER.FOOTER, 2.7), (PP_PLACEHOLDER.DATE, 0.5), (PP_PLACEHOLDER.SLIDE_NUMBER, 7.9)):
        ph = _master_ph(prs, kind)
        _place(ph, int(x * inch), int(0.3 * inch), int(4.2 * inch if kind == PP_PLACEHOLDER.FOOTER else 1.6 * inch),
               int(0.5 * inch))
    # Everything but the footer, date and number is set on the panel.
    small = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER)
    for owner in [master, *prs.slide_layouts]:
        for ph in owner.placeholders:
            xfrm = ph._element.xfrm
            if ph.placeholder_format.type in small or xfrm is None or xfrm.off is None:
                continue
            y = xfrm.y + top - int(0.15 * inch)  # everything moves down onto the panel, in the same order
            xfrm.cy = max(int(0.5 * inch), min(xfrm.cy, prs.slide_height - int(0.3 * inch) - y))
            xfrm.y = y
    _title_style(prs, "FFFFFF", 40)
    body = prs.slide_master._element.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}")
    for lvl in body:
        rpr = lvl.find(qn("a:defRPr"))
        if rpr is None:
            continue
        for child in list(rpr):
            if etree.QName(child).localname == "solidFill":
                rpr.remove(child)
        fill = etree.Element(qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val="F0F0F0")
        rpr.insert(0, fill)
    return _save(prs, path)
