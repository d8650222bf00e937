"""Bad input, round three (issue 19): inputs never overwritten, any valid file name, symlink loops,
pictures, numbers and dates of any size, and the memory and time of refused inputs.

The broken outlines with one message each are in ``tests/fixtures/bad/e19-*``; what needs a file
system trick, a build that succeeds or a measurement is here.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from talkdeck.build import build

from . import badtemplates
from .conftest import LAUNCH, MINIMAL, needs, write_outline

IMAGE_SLIDE = "        image: assets/pic.png\n        alt: A picture\n"
BULLETS = "        bullets:\n          - one\n          - two\n"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def with_template(folder: Path) -> Path:
    (folder / "assets").mkdir(exist_ok=True)
    (folder / "assets" / "house.pptx").write_bytes(badtemplates.good())
    return write_outline(folder, MINIMAL.replace("sections:", "theme:\n  template: assets/house.pptx\nsections:", 1))


# --- never overwrite an input ------------------------------------------------------------------

def test_the_outline_is_never_the_output(outline_dir, run_cli):
    before = sha(write_outline(outline_dir, MINIMAL))
    result = run_cli("build", "talk.yaml", "-o", "talk.yaml")
    assert result.exit_code == 2
    assert result.stderr == ("talk.yaml: is the outline talk.yaml, which the deck would replace; write the deck "
                             "elsewhere, such as -o build/talk.pptx\n")
    assert sha(outline_dir / "talk.yaml") == before


def test_the_template_is_never_the_output(outline_dir, run_cli):
    with_template(outline_dir)
    before = sha(outline_dir / "assets" / "house.pptx")
    result = run_cli("build", "-o", "assets/house.pptx")
    assert result.exit_code == 2
    assert result.stderr == ("assets/house.pptx: is the template (theme.template: assets/house.pptx), which the "
                             "deck would replace; write the deck elsewhere, such as -o build/talk.pptx\n")
    assert sha(outline_dir / "assets" / "house.pptx") == before


def test_a_picture_by_another_name_is_never_the_output(outline_dir, run_cli):
    (outline_dir / "assets").mkdir()
    Image.new("RGB", (30, 20), "#336699").save(outline_dir / "assets" / "pic.png")
    os.link(outline_dir / "assets" / "pic.png", outline_dir / "same.pptx")  # one file, two names
    write_outline(outline_dir, MINIMAL.replace(BULLETS, IMAGE_SLIDE))
    result = run_cli("build", "-o", "same.pptx")
    assert result.exit_code == 2
    assert result.stderr == ("same.pptx: is a picture of the talk (sections[0].slides[0].image: assets/pic.png), "
                             "which the deck would replace; write the deck elsewhere, such as -o build/talk.pptx\n")


def test_a_symlink_to_the_outline_is_the_outline(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL)
    (outline_dir / "out.pptx").symlink_to("talk.yaml")
    result = run_cli("build", "-o", "out.pptx")
    assert result.exit_code == 2
    assert result.stderr.startswith("out.pptx: is the outline talk.yaml, which the deck would replace")


@pytest.mark.parametrize("existing, kind", [
    (b"my notes, not a deck", "a file of another kind (not a PowerPoint deck)"),
    ("zip", "a zip file but no PowerPoint deck"),
    ("python-pptx", "a PowerPoint deck last saved by 'python-pptx'"),
])
def test_a_file_that_is_not_a_deck_talkdeck_wrote_is_not_replaced(outline_dir, run_cli, existing, kind):
    write_outline(outline_dir, MINIMAL)
    out = outline_dir / "talk.pptx"
    if existing == "zip":
        with zipfile.ZipFile(out, "w") as z:
            z.writestr("photos/1.jpg", b"...")
    elif existing == "python-pptx":
        prs = Presentation()
        prs.core_properties.last_modified_by = "python-pptx"
        prs.save(str(out))
    else:
        out.write_bytes(existing)
    before = sha(out)
    result = run_cli("build", "-o", "talk.pptx")
    assert result.exit_code == 2
    assert result.stderr == (f"talk.pptx: is {kind}, not a deck talkdeck made, and is not replaced; move it away "
                             "or give another output with -o\n")
    assert sha(out) == before


def test_a_deck_talkdeck_wrote_and_an_empty_file_are_replaced(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL)
    (outline_dir / "talk.pptx").write_bytes(b"")
    assert run_cli("build", "-o", "talk.pptx").exit_code == 0
    assert run_cli("build", "-o", "talk.pptx").exit_code == 0


def saved_by(deck: Path, person: str) -> None:
    """``deck`` as PowerPoint leaves it when ``person`` saves it: their name as last author, the rest kept."""
    with zipfile.ZipFile(deck) as z:
        members = {name: z.read(name) for name in z.namelist()}
    members["docProps/core.xml"] = members["docProps/core.xml"].replace(
        b"<cp:lastModifiedBy>talkdeck</cp:lastModifiedBy>", f"<cp:lastModifiedBy>{person}</cp:lastModifiedBy>".encode())
    with zipfile.ZipFile(deck, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)


def test_a_deck_talkdeck_made_and_a_person_saved_since_is_kept_beside_the_new_one(outline_dir, run_cli):
    write_outline(outline_dir, MINIMAL)
    out = outline_dir / "build" / "talk.pptx"
    assert run_cli("build").exit_code == 0
    saved_by(out, "Ada Example")
    edited = sha(out)
    result = run_cli("build")
    assert result.exit_code == 0, result.stderr
    assert "kept    build/talk.pptx as build/talk.edited.pptx: it was saved (edited) since talkdeck made it" \
        in result.output
    assert sha(outline_dir / "build" / "talk.edited.pptx") == edited and sha(out) != edited
    saved_by(out, "Ada Example")
    assert run_cli("build").exit_code == 0  # a second edited deck does not replace the first copy
    assert sorted(p.name for p in (outline_dir / "build").glob("*.pptx")) == [
        "talk.edited-2.pptx", "talk.edited.pptx", "talk.pptx"]


@needs("soffice")
def test_a_deck_saved_by_libreoffice_keeps_talkdecks_mark(outline_dir, run_cli, tmp_path):
    write_outline(outline_dir, MINIMAL)
    assert run_cli("build").exit_code == 0
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "pptx:Impress MS PowerPoint 2007 XML", "--outdir", str(tmp_path / "saved"),
                    str(outline_dir / "build" / "talk.pptx")], check=True, capture_output=True, timeout=180)
    saved = tmp_path / "saved" / "talk.pptx"
    with zipfile.ZipFile(saved) as z:  # LibreOffice writes the package anew, and keeps the custom property
        assert b'name="Generator"><vt:lpwstr>talkdeck</vt:lpwstr>' in z.read("docProps/custom.xml")
        members = {name: z.read(name) for name in z.namelist()}
    # As a person's LibreOffice leaves it (headless, it keeps the last author it found).
    core = members["docProps/core.xml"].decode()
    members["docProps/core.xml"] = re.sub(r"(<cp:lastModifiedBy>)[^<]*", r"\1Ada Example", core).encode()
    with zipfile.ZipFile(outline_dir / "build" / "talk.pptx", "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    edited = sha(outline_dir / "build" / "talk.pptx")
    result = run_cli("build")
    assert result.exit_code == 0, result.stderr
    assert sha(outline_dir / "build" / "talk.edited.pptx") == edited


# --- any valid file name ------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["汉" * 78 + ".pptx", "汉" * 83 + ".pptx", "d" * 250 + ".pptx"])
def test_an_output_name_of_up_to_255_bytes_builds(outline_dir, run_cli, name):
    write_outline(outline_dir, MINIMAL)
    assert len(name.encode()) <= 255
    result = run_cli("build", "-o", f"build/{name}")
    assert result.exit_code == 0, result.stderr
    left = sorted(p.name for p in (outline_dir / "build").iterdir())
    assert name in left and len(left) == 2  # the deck and its run sheet, no temporary file
    assert all(len(n.encode()) <= 255 and n.endswith((".pptx", "-runsheet.md")) for n in left)


# --- symlink loops --------------------------------------------------------------------------------

@pytest.mark.parametrize("where, key", [("image", "sections[0].slides[0].image"), ("photo", "speaker.photo"),
                                        ("template", "theme.template")])
def test_a_symlink_loop_is_a_message(outline_dir, run_cli, where, key):
    (outline_dir / "assets").mkdir()
    name = {"image": "pic.png", "photo": "me.jpg", "template": "house.pptx"}[where]
    (outline_dir / "assets" / name).symlink_to(name)
    text = {"image": MINIMAL.replace(BULLETS, IMAGE_SLIDE),
            "photo": MINIMAL.replace("  bio: Ada", "  photo: assets/me.jpg\n  bio: Ada"),
            "template": MINIMAL.replace("sections:", "theme:\n  template: assets/house.pptx\nsections:", 1)}[where]
    write_outline(outline_dir, text)
    result = run_cli("build")
    assert result.exit_code == 2
    assert f"{key}: is a symbolic link that leads back to itself (got 'assets/{name}'); put the file itself " \
           "there" in result.stderr.splitlines()[0]


# --- pictures -------------------------------------------------------------------------------------

def test_a_cmyk_tiff_turned_by_exif_is_drawn_upright(outline_dir):
    (outline_dir / "assets").mkdir()
    exif = Image.Exif()
    exif[0x0112] = 6  # turn a quarter clockwise to show
    Image.new("CMYK", (60, 40), (0, 100, 200, 0)).save(outline_dir / "assets" / "pic.tif", exif=exif)
    write_outline(outline_dir, MINIMAL.replace(BULLETS, IMAGE_SLIDE.replace("pic.png", "pic.tif")))
    result = build(outline_dir / "talk.yaml")
    pictures = [s for slide in Presentation(str(result.output)).slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 1
    with Image.open(io.BytesIO(pictures[0].image.blob)) as shown, Image.open(outline_dir / "assets" / "pic.tif") as tif:
        assert shown.format == "PNG" and shown.mode == "RGB"
        assert shown.size == tif.size[::-1]  # upright: turned a quarter


def test_a_picture_over_the_pixel_limit_is_a_message_not_a_warning(outline_dir, run_cli, monkeypatch):
    from talkdeck import limits

    monkeypatch.setattr(limits, "MAX_IMAGE_PIXELS", 100)
    (outline_dir / "assets").mkdir()
    Image.new("RGB", (30, 20)).save(outline_dir / "assets" / "pic.png")
    write_outline(outline_dir, MINIMAL.replace(BULLETS, IMAGE_SLIDE))
    result = run_cli("build")  # pytest turns any warning into an error
    assert result.stderr.splitlines()[0] == (
        "talk.yaml:10:16: sections[0].slides[0].image: has 30×20 pixels; the limit is 100 (raise it with the "
        "environment variable TALKDECK_MAX_IMAGE_PIXELS)")


# --- numbers and dates of any size ---------------------------------------------------------------

def chart_talk(folder: Path, chart: str) -> Path:
    return write_outline(folder, MINIMAL + "      - {title: Numbers, chart: c, notes: n}\n" f"charts:\n  c: {chart}\n")


def notes_and_alt(deck: Path) -> tuple[str, str]:
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            if shape.shape_type == 13:
                return slide.notes_slide.notes_text_frame.text, shape._element.nvPicPr.cNvPr.get("descr")
    raise AssertionError("no chart")


def test_a_tiny_value_is_never_written_as_zero_in_notes_or_alt_text(outline_dir):
    chart_talk(outline_dir, "{type: bar, title: Constants, source: CODATA, data: {Planck: 6.626e-34, Boltzmann: "
                            "1.380649e-23}}")
    notes, alt = notes_and_alt(build(outline_dir / "talk.yaml").output)
    assert "Planck: 6.626 × 10⁻³⁴\nBoltzmann: 1.380649 × 10⁻²³\n" in notes
    assert alt == "Bar chart, Constants: Planck 6.626 × 10⁻³⁴, Boltzmann 1.380649 × 10⁻²³. Source: CODATA."


@pytest.mark.parametrize("data", ["{a: 1e-300, b: 2e-300}", "{a: 1e28, b: 1e300}", "{a: -1e300, b: 1e300}",
                                  "{a: 1.5e-300, b: 1e300}"])
def test_chart_values_from_1e_minus_300_to_1e300_are_drawn(outline_dir, data):
    chart_talk(outline_dir, f"{{type: bar, title: Sizes, source: S, data: {data}}}")
    result = build(outline_dir / "talk.yaml")
    assert result.charts == 1
    notes, _ = notes_and_alt(result.output)
    values = [line.split(": ", 1)[1] for line in notes.splitlines() if line.startswith(("a: ", "b: "))]
    assert len(values) == 2 and all(any(d in v for d in "123456789") for v in values), values  # none written 0


@pytest.mark.parametrize("data", ["{'0001-01': 1, '0001-06': 2}", "{'9999-01': 1, '9999-12-31': 2}",
                                  "{'0001-01-01': 1, '9999-12-31': 2}"])
def test_line_chart_dates_at_either_end_of_the_calendar_are_drawn(outline_dir, data):
    chart_talk(outline_dir, f"{{type: line, title: Ages, source: S, data: {data}}}")
    assert build(outline_dir / "talk.yaml").charts == 1


# --- refused inputs stay small and quick ----------------------------------------------------------

#: Generous bounds for a loaded 2-core machine; the issue asks for under 500 MB and 5 s.
MAX_MIB, MAX_SECONDS = 500, 5.0
WRAPPER = """\
import atexit, os, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # a regression fails here, not on the machine
atexit.register(lambda: open(os.environ["RSS_OUT"], "w").write(
    str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))
sys.argv[0] = "talkdeck"
from talkdeck.commands.cli import main
main()
"""




def honest_bomb(path: Path) -> None:
    """A template whose [Content_Types].xml inflates to 200 MB (declared so in its header)."""
    data = badtemplates.good()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "[Content_Types].xml":
                dst.writestr(info.filename, src.read(info))
                continue
            with dst.open("[Content_Types].xml", "w", force_zip64=True) as f:
                f.write(src.read(info))
                for _ in range(200):
                    f.write(b" " * 1_000_000)


def lying_bomb(path: Path) -> None:
    """A template whose theme declares its small size but inflates to 200 MB (headers patched)."""
    honest = path.with_suffix(".honest")
    data = badtemplates.good()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            dst.writestr(info.filename, blob + (b" " * 200_000_000 if info.filename == badtemplates.THEME else b""))
    blob = honest.read_bytes()
    honest.unlink()
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        size = z.getinfo(badtemplates.THEME).file_size
    small = (size - 200_000_000).to_bytes(4, "little")
    path.write_bytes(blob.replace(size.to_bytes(4, "little"), small))


def refused(kind: str, folder: Path) -> str:
    """Make the refused input ``kind`` in ``folder``; returns the start of its message."""
    (folder / "assets").mkdir(exist_ok=True)
    template = MINIMAL.replace("sections:", "theme:\n  template: assets/house.pptx\nsections:", 1)
    if kind == "outline of 1.5 GB":
        with open(folder / "talk.yaml", "wb") as f:
            f.truncate(1_500_000_000)  # sparse: no disk used
        return "talk.yaml:1:1: the outline is 1500.0 MB"
    if kind == "table of 3,000 rows":
        rows = "".join(f"          - [row {i}, '{i}']\n" for i in range(3000))
        write_outline(folder, MINIMAL.replace(BULLETS, f"        table:\n          - [Name, Value]\n{rows}"))
        return "talk.yaml:11:11: sections[0].slides[0].table: 3,001 rows"
    write_outline(folder, template)
    house = folder / "assets" / "house.pptx"
    if kind == "template bomb, declared":
        honest_bomb(house)
        return "talk.yaml:6:13: theme.template: house.pptx inflates to 200."
    if kind == "template bomb, lying header":  # inflated no further than it says: its checksum then fails
        lying_bomb(house)
        return "talk.yaml:6:13: theme.template: is a damaged or incomplete PowerPoint file"
    make = {"entity bomb": badtemplates.entity_bomb, "picture of 13,300² pixels": badtemplates.huge_picture,
            "EPS in the template": badtemplates.eps_picture}[kind]
    house.write_bytes(make(badtemplates.good()))
    return "talk.yaml:6:13: theme.template: house.pptx: "


@pytest.mark.parametrize("kind", ["outline of 1.5 GB", "table of 3,000 rows", "template bomb, declared",
                                  "template bomb, lying header", "entity bomb", "picture of 13,300² pixels",
                                  "EPS in the template"])
def test_a_refused_input_stays_under_500_mb_and_5_s(tmp_path, kind):
    message = refused(kind, tmp_path)
    rss = tmp_path / "rss.txt"
    start = time.perf_counter()
    done = subprocess.run([*LAUNCH, sys.executable, "-c", WRAPPER, "build"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "RSS_OUT": str(rss)})
    seconds = time.perf_counter() - start
    mib = int(rss.read_text()) / 1024
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(message), done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 2
    assert mib < MAX_MIB and seconds < MAX_SECONDS, (kind, mib, seconds)


def test_the_measure_sees_the_memory_a_build_takes(tmp_path):
    """The wrapper's ru_maxrss is the child's own peak: a child that holds 300 MB reports it, one that holds
    little reports little, however large this process is."""
    rss = tmp_path / "rss.txt"
    report = "open(os.environ['RSS_OUT'], 'w').write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))"
    env = {**os.environ, "RSS_OUT": str(rss)}
    code = f"import os, resource; x = bytearray(300 << 20); {report}"
    subprocess.run([*LAUNCH, sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert int(rss.read_text()) / 1024 > 290
    ballast = bytearray(600 << 20)  # this process now holds over 600 MB
    subprocess.run([*LAUNCH, sys.executable, "-c", f"import os, resource; {report}"], env=env, check=True, timeout=60)
    assert int(rss.read_text()) / 1024 < 100
    del ballast


# --- the template package, part by part --------------------------------------------------------

def package_problem(path: Path) -> str:
    from talkdeck.package import PackageProblem, read_package

    with pytest.raises(PackageProblem) as e:
        read_package(path)
    return str(e.value)


def test_a_template_of_too_many_files_is_refused_before_its_directory_is_read(tmp_path, monkeypatch):
    from talkdeck import limits

    monkeypatch.setattr(limits, "MAX_TEMPLATE_PARTS", 50)
    path = tmp_path / "many.pptx"
    path.write_bytes(badtemplates.rezip(badtemplates.good(), lambda name, b: b,
                                        {f"extra/{i}.bin": b"" for i in range(60)}))
    assert package_problem(path) == ("many.pptx holds 96 files; the limit is 50 (raise it with the environment "
                                     "variable TALKDECK_MAX_TEMPLATE_PARTS)")


def test_a_template_file_over_the_size_limit_is_refused_by_its_size(tmp_path, monkeypatch):
    from talkdeck import limits

    monkeypatch.setattr(limits, "MAX_TEMPLATE_BYTES", 10_000)
    path = tmp_path / "big.pptx"
    path.write_bytes(badtemplates.good())
    assert package_problem(path).startswith("big.pptx is 0.0 MB; the limit is 0 MB (raise it with the environment "
                                            "variable TALKDECK_MAX_TEMPLATE_BYTES)")


def test_a_part_the_xml_uses_but_the_file_lacks_is_named(tmp_path):
    path = tmp_path / "holes.pptx"
    path.write_bytes(badtemplates.rezip(badtemplates.good(), lambda name, b: None if name.startswith(
        "ppt/slideLayouts/slideLayout2.xml") else b))
    assert package_problem(path) == ("holes.pptx: ppt/slideMasters/slideMaster1.xml uses "
                                     "ppt/slideLayouts/slideLayout2.xml, which is not in the file; the file is "
                                     "damaged: save it again from PowerPoint")


def test_the_real_templates_pass_the_package_checks():
    from talkdeck.package import read_package

    real = sorted(Path("/work/shared/templates-real").glob("*.p*x"))
    if not real:
        pytest.skip("no real templates on this machine")
    for path in real:
        assert read_package(path).getbuffer().nbytes > 0
