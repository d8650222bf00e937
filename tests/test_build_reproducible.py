"""Reproducible builds and the chart cache: same outline, same bytes; a stale or corrupt PNG is never used."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import shutil
import struct
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from talkdeck.build import build
from talkdeck.charts import DPI, chart_key, render_chart
from talkdeck.charts import render as charts
from talkdeck.layout import BODY, BODY_WITH_SOURCE
from talkdeck.load import parse_talk

from .conftest import MINIMAL, write_outline

CHARTED = MINIMAL + """\
      - title: Projects by sector
        chart: sectors
        notes: The bars.
      - title: The loan, drawn
        chart: loan
        notes: The line.
charts:
  sectors: {type: bar, title: Projects, unit: projects, source: Bo Yibo, data: {Energy: 52, Military: 44, Metals: 20}}
  loan: {type: line, title: Loan, source: Agreement, categories: ["1950", "1951", "1952"],
         series: {drawn: [60, 120, 180]}}
"""


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(folder: Path, *args: str) -> list[str]:
    """Build ``folder``'s talk.yaml in-process; the log lines."""
    lines: list[str] = []
    build(folder / "talk.yaml", log=lines.append, use_cache="--no-cache" not in args)
    return lines


def drawn(lines: list[str]) -> str:
    return next(re.search(r"\d+ charts: \d+ drawn, \d+ cached", line).group() for line in lines
                if line.startswith("charts"))


@pytest.fixture
def charted(outline_dir: Path) -> Path:
    write_outline(outline_dir, CHARTED)
    return outline_dir


def test_rebuilds_are_byte_identical_with_and_without_the_chart_cache(charted):
    deck = charted / "build" / "talk.pptx"
    assert drawn(run(charted)) == "2 charts: 2 drawn, 0 cached"
    first = sha(deck)
    assert drawn(run(charted)) == "2 charts: 0 drawn, 2 cached"
    assert sha(deck) == first
    assert drawn(run(charted, "--no-cache")) == "2 charts: 2 drawn, 0 cached"
    assert sha(deck) == first
    shutil.rmtree(charted / "build" / "charts")
    run(charted)
    assert sha(deck) == first


def test_the_same_outline_in_another_folder_gives_the_same_bytes(charted, tmp_path):
    other = tmp_path / "elsewhere" / "talk"
    other.mkdir(parents=True)
    shutil.copy(charted / "talk.yaml", other / "talk.yaml")
    run(charted)
    run(other)
    assert sha(other / "build" / "talk.pptx") == sha(charted / "build" / "talk.pptx")


def zip_times(deck: Path) -> set[tuple]:
    with zipfile.ZipFile(deck) as z:
        return {info.date_time for info in z.infolist()}


def test_timestamps_come_from_the_talk_date(outline_dir, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    write_outline(outline_dir, "date: 2025-03-14\n" + MINIMAL)
    run(outline_dir)
    deck = outline_dir / "build" / "talk.pptx"
    assert zip_times(deck) == {(2025, 3, 14, 9, 0, 0)}
    props = Presentation(str(deck)).core_properties
    assert props.created == props.modified == dt.datetime(2025, 3, 14, 9, 0)


def test_source_date_epoch_overrides_the_talk_date(outline_dir, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    write_outline(outline_dir, "date: 2025-03-14\n" + MINIMAL)
    run(outline_dir)
    deck = outline_dir / "build" / "talk.pptx"
    assert zip_times(deck) == {(2023, 11, 14, 22, 13, 20)}
    assert Presentation(str(deck)).core_properties.modified == dt.datetime(2023, 11, 14, 22, 13, 20)


def test_without_a_date_the_timestamps_are_1980(minimal, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    run(minimal.parent)
    assert zip_times(minimal.parent / "build" / "talk.pptx") == {(1980, 1, 1, 0, 0, 0)}


def test_pngs_are_stored_and_everything_else_deflated(charted):
    run(charted)
    with zipfile.ZipFile(charted / "build" / "talk.pptx") as z:
        methods = {info.filename: info.compress_type for info in z.infolist()}
    pngs = [name for name in methods if name.endswith(".png")]
    assert len(pngs) == 2
    assert {methods[name] for name in pngs} == {zipfile.ZIP_STORED}
    assert {m for name, m in methods.items() if name.endswith(".xml")} == {zipfile.ZIP_DEFLATED}
    assert next(iter(methods)) == "[Content_Types].xml"


def test_notes_slides_are_numbered_like_their_slides(outline_dir):
    slides = "".join(f"      - title: Point {i}\n        bullets: [a, b]\n        notes: Say {i}.\n" for i in range(30))
    write_outline(outline_dir, MINIMAL.replace("      - title: First point\n", slides + "      - title: First point\n"))
    run(outline_dir)
    deck = outline_dir / "build" / "talk.pptx"
    with zipfile.ZipFile(deck) as z:
        names = [n for n in z.namelist() if re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", n)]
        count = len([n for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)])
        assert sorted(names) == sorted(f"ppt/notesSlides/notesSlide{i}.xml" for i in range(1, count + 1))
        for i in range(1, count + 1):
            rels = z.read(f"ppt/slides/_rels/slide{i}.xml.rels").decode()
            assert f'Target="../notesSlides/notesSlide{i}.xml"' in rels
    assert count == 36  # cover, bio, agenda, divider, 31 slides, closing


def test_a_corrupt_cached_chart_is_drawn_again(charted):
    run(charted)
    deck = charted / "build" / "talk.pptx"
    first = sha(deck)
    png = sorted((charted / "build" / "charts").glob("sectors-*.png"))[0]
    whole = png.read_bytes()
    png.write_bytes(whole[: len(whole) // 2])  # a build killed while writing, a full disk
    assert drawn(run(charted)) == "2 charts: 1 drawn, 1 cached"
    assert png.read_bytes() == whole
    assert sha(deck) == first
    png.write_bytes(b"")
    assert drawn(run(charted)) == "2 charts: 1 drawn, 1 cached"
    assert sha(deck) == first


def test_a_changed_chart_gets_a_new_cache_entry_and_the_old_one_is_not_used(charted):
    run(charted)
    write_outline(charted, CHARTED.replace("Military: 44", "Military: 45"))
    assert drawn(run(charted)) == "2 charts: 1 drawn, 1 cached"
    assert len(list((charted / "build" / "charts").glob("sectors-*.png"))) == 2


@pytest.fixture(scope="module")
def talk():
    return parse_talk(CHARTED.encode(), "talk.yaml")


@pytest.mark.parametrize("change", [
    {"highlight": ["Energy"]}, {"value_labels": False}, {"unit": "plants"}, {"title": "Other"},
    {"type": "barh"}, {"source": "Another source"}, {"data": {"Military": 44, "Energy": 52, "Metals": 20}},
])
def test_every_chart_option_is_in_the_cache_key(talk, change):
    chart = talk.charts["sectors"]
    assert chart_key(dataclasses.replace(chart, **change), talk.theme, BODY) != chart_key(chart, talk.theme, BODY)


@pytest.mark.parametrize("change", [{"font": "Arial"}, {"palette": ["#000000"]}, {"text": "#000000"},
                                    {"background": "#FAFAFA"}, {"min_body_size": 20}])
def test_the_theme_is_in_the_cache_key(talk, change):
    chart, theme = talk.charts["sectors"], talk.theme
    assert chart_key(chart, dataclasses.replace(theme, **change), BODY) != chart_key(chart, theme, BODY)


def test_size_dpi_and_versions_are_in_the_cache_key(talk, monkeypatch):
    chart, theme = talk.charts["sectors"], talk.theme
    key = chart_key(chart, theme, BODY)
    assert chart_key(chart, theme, BODY_WITH_SOURCE) != key
    assert chart_key(chart, theme, BODY, dpi=DPI + 1) != key
    monkeypatch.setattr(charts, "__version__", "0.0.0-other")
    assert chart_key(chart, theme, BODY) != key
    monkeypatch.undo()
    monkeypatch.setattr(charts, "_matplotlib_version", lambda: "0.0.0-other")
    assert chart_key(chart, theme, BODY) != key
    monkeypatch.undo()
    monkeypatch.setattr(charts, "_drawing_code", lambda: "other drawing code")
    assert chart_key(chart, theme, BODY) != key


def test_the_matplotlib_version_in_the_key_is_the_installed_one():
    import importlib.metadata

    assert charts._matplotlib_version() == importlib.metadata.version("matplotlib")


def test_where_a_chart_is_written_is_not_in_the_cache_key(talk):
    chart = talk.charts["sectors"]
    moved = dataclasses.replace(chart, where={"": (99, 1)}, path="charts.elsewhere")
    assert chart_key(moved, talk.theme, BODY) == chart_key(chart, talk.theme, BODY)


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    out, pos = [], 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        out.append(kind)
        pos += 12 + length
    return out


def test_chart_pngs_carry_no_text_or_time(talk, tmp_path):
    data = render_chart(talk.charts["loan"], talk.theme, BODY, tmp_path / "loan.png").read_bytes()
    chunks = png_chunks(data)
    assert chunks[0] == b"IHDR" and chunks[-1] == b"IEND" and b"IDAT" in chunks
    assert not set(chunks) & {b"tEXt", b"zTXt", b"iTXt", b"tIME", b"eXIf"}


def test_encoded_pngs_decode_to_the_same_pixels():
    import io

    import numpy as np
    from PIL import Image

    from talkdeck.charts import encode_png

    pixels = np.random.default_rng(5).integers(0, 256, size=(7, 13, 4), dtype=np.uint8)
    pixels[..., 3] = 255  # the canvas is opaque: the chart sits on the theme's background
    with Image.open(io.BytesIO(encode_png(pixels, DPI))) as img:
        assert img.mode == "RGB" and img.size == (13, 7)
        assert round(img.info["dpi"][0]) == DPI
        assert (np.asarray(img) == pixels[..., :3]).all()
