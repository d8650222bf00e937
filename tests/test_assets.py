"""Files an outline points at: each kind of file that is not what a deck needs is named for what it is."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from talkdeck.load.assets import AssetProblem, check_image, check_template, resolve_asset


def problem(call, *args) -> str:
    with pytest.raises(AssetProblem) as info:
        call(*args)
    return str(info.value)


@pytest.mark.parametrize("name, data, message", [
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script></svg>',
     "has a <script> (the drawing's line 2); a slide cannot run it"),
    ("logo.png", b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- drawn by hand -->\n<svg onload="go()"/>',
     "has an event handler 'onload' (the drawing's line 3)"),
    ("map.svg", b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
     b'<image xlink:href="https://example.org/tiles.png"/></svg>',
     "refers to a file outside it, 'https://example.org/tiles.png' (the drawing's line 2); embed it"),
    ("plot.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(x.css);</style></svg>',
     "refers to a file outside it in its <style> (the drawing's line 1)"),
    ("lol.svg", b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>', "declares XML entities"),
    ("page.png", b"%PDF-1.7\n", "is a PDF that cannot be opened"),
    ("me.heic", b"\x00\x00\x00\x18ftypheic" + bytes(40), "is a HEIC/AVIF photo, which PowerPoint cannot show"),
    ("me.jpg", b"", "is empty (0 bytes); a file synced from the cloud"),
    ("notes.png", b"just some text", "is not an image (expected a PNG, JPEG, GIF, BMP or TIFF file, an SVG "
                                     "drawing or a one-page PDF)"),
])
def test_files_that_are_no_picture_are_named_for_what_they_are(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    assert problem(check_image, tmp_path / name).startswith(message)


def office_file(path: Path, main: str) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   f'<Override PartName="/x.xml" ContentType="application/vnd.openxmlformats-officedocument.{main}"/>'
                   "</Types>")
    return path


@pytest.mark.parametrize("main, what", [
    ("wordprocessingml.document.main+xml", "is a Word document"),
    ("spreadsheetml.sheet.main+xml", "is an Excel workbook"),
])
def test_another_office_file_named_as_a_template_is_named_for_what_it_is(tmp_path, main, what):
    path = office_file(tmp_path / "brand.pptx", main)
    assert problem(check_template, path, "assets/brand.pptx") == (
        f"{what}, not a PowerPoint template (got 'assets/brand.pptx'); a template is a .pptx or .potx saved "
        "from PowerPoint")


def test_a_zip_without_content_types_is_damaged(tmp_path):
    with zipfile.ZipFile(tmp_path / "brand.potx", "w") as z:
        z.writestr("ppt/presentation.xml", "<p/>")
    assert problem(check_template, tmp_path / "brand.potx").startswith("is a damaged or incomplete PowerPoint file")


def test_a_real_presentation_and_a_template_pass(tmp_path):
    Presentation().save(str(tmp_path / "design.pptx"))
    check_template(tmp_path / "design.pptx")
    potx = tmp_path / "design.potx"  # the same package, its main part typed as a template's
    with zipfile.ZipFile(tmp_path / "design.pptx") as src, zipfile.ZipFile(potx, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info).replace(b"presentation.main+xml", b"template.main+xml"))
    check_template(potx)


@pytest.mark.parametrize("rel, message", [
    ("", "is blank (expected a file's path such as 'assets/picture.png')"),
    ("assets\\map.png", "paths are written with /, not \\ (write 'assets/map.png', not 'assets\\map.png'), so that "
                        "the outline builds on every system"),
    ("C:\\Users\\ada\\map.png", "is a path on one computer (got 'C:\\Users\\ada\\map.png'); copy the file into the "
                               "talk's assets/ folder and write 'assets/map.png'"),
    ("\\\\server\\share\\map.png", "is a path on one computer (got '\\\\server\\share\\map.png'); copy the file "
                                  "into the talk's assets/ folder and write 'assets/map.png'"),
])
def test_paths_that_cannot_work_everywhere_are_named(tmp_path, rel, message):
    assert problem(resolve_asset, tmp_path, rel) == message


@pytest.mark.parametrize("rel, hint", [
    ("assets/arch.png", "did you mean 'Assets/Arch.PNG'?"),     # folder and file, as Windows would find them
    ("assets/Arch.PNG", "did you mean 'Assets/Arch.PNG'?"),
    ("Assets/arch.png", "did you mean 'Assets/Arch.PNG'?"),
    ("Assets/Arch.pnj", "did you mean 'Assets/Arch.PNG'?"),     # a slip in the name: the closest name
])
def test_a_path_right_but_for_case_is_answered_with_the_files_own_spelling(tmp_path, rel, hint):
    (tmp_path / "Assets").mkdir()
    (tmp_path / "Assets" / "Arch.PNG").write_bytes(b"x")
    assert problem(resolve_asset, tmp_path, rel) == (
        f"no such file (expected a file in the talk's folder, got {rel!r}; {hint})")
