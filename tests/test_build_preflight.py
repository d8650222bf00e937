"""Before any chart is drawn the build checks what can fail later (output, template, fonts), and a
build that fails anyway leaves nothing beside the previous deck."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from talkdeck import build as build_module
from talkdeck.charts import jobs as chart_jobs
from talkdeck.errors import OutlineError, OutputError

from .conftest import MINIMAL, write_outline

CHARTS = """\
      - title: Sectors
        chart: sectors
        notes: n
      - title: Years
        chart: years
        notes: n
charts:
  sectors: {type: bar, title: By sector, source: S, data: {Energy: 52, Military: 44}}
  years: {type: line, title: By year, source: S, categories: ['1953', '1954'], series: {Built: [3, 9]}}
"""


@pytest.fixture
def no_drawing(monkeypatch):
    """Fails the test if a chart is drawn."""
    def draw(*args, **kwargs):
        raise AssertionError("a chart was drawn")
    monkeypatch.setattr(chart_jobs, "render_chart", draw)


def test_a_template_without_the_layouts_needed_fails_before_any_chart_is_drawn(outline_dir, no_drawing):
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name != "Blank":
            prs.slide_layouts.remove(layout)
    (outline_dir / "assets").mkdir()
    prs.save(str(outline_dir / "assets" / "bare.pptx"))
    write_outline(outline_dir, MINIMAL + CHARTS + "theme:\n  template: assets/bare.pptx\n")
    with pytest.raises(OutlineError) as info:
        build_module.build(outline_dir / "talk.yaml", display_name="talk.yaml")
    assert str(info.value).startswith("talk.yaml:24:13: theme.template: the template has no slide layout")
    assert not (outline_dir / "build").exists()


def test_an_output_that_is_a_folder_fails_before_any_chart_is_drawn(outline_dir, no_drawing):
    write_outline(outline_dir, MINIMAL + CHARTS)
    (outline_dir / "deck.pptx").mkdir()
    with pytest.raises(OutputError, match="deck.pptx: is a folder"):
        build_module.build(outline_dir / "talk.yaml", outline_dir / "deck.pptx")


def test_every_chart_no_font_can_draw_is_named_before_any_is_drawn(outline_dir, no_drawing):
    unknown = "\U0010fffd"  # a private-use character: no font has it
    write_outline(outline_dir, MINIMAL + CHARTS.replace("By sector", f"By sector {unknown}")
                  .replace("By year", f"By year {unknown}"))
    with pytest.raises(OutlineError) as info:
        build_module.build(outline_dir / "talk.yaml")
    assert [(p.pos, p.path) for p in info.value.problems] == [((21, 12), "charts.sectors"), ((22, 10), "charts.years")]
    assert not (outline_dir / "build").exists()


def test_a_build_that_fails_after_drawing_removes_what_it_drew(outline_dir, monkeypatch):
    write_outline(outline_dir, MINIMAL + CHARTS)

    def cannot_write(path, data, **how):
        raise OutputError(f"{path}: cannot write the deck (No space left on device)")
    monkeypatch.setattr(build_module, "write_or_beside", cannot_write)
    with pytest.raises(OutputError):
        build_module.build(outline_dir / "talk.yaml")
    assert not (outline_dir / "build").exists()


def test_a_failed_build_keeps_the_cache_it_found_and_removes_only_its_own_charts(outline_dir, monkeypatch):
    write_outline(outline_dir, MINIMAL + CHARTS)
    charts = outline_dir / "build" / "charts"
    charts.mkdir(parents=True)
    (charts / "old-0123.png").write_bytes(b"a chart of an earlier build")
    monkeypatch.setattr(build_module, "write_or_beside",
                        lambda path, data, **how: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        build_module.build(outline_dir / "talk.yaml")
    assert [p.name for p in charts.iterdir()] == ["old-0123.png"]


def test_a_build_reuses_cached_charts_without_looking_at_fonts(outline_dir, monkeypatch):
    write_outline(outline_dir, MINIMAL + CHARTS)
    build_module.build(outline_dir / "talk.yaml")

    def no_fonts(*args):
        raise AssertionError("fonts were checked for a cached chart")
    monkeypatch.setattr(chart_jobs, "check_glyphs", no_fonts)
    assert build_module.build(outline_dir / "talk.yaml").drawn == 0


def test_a_source_date_epoch_past_2107_still_writes_a_deck(minimal):
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(5_000_000_000)}  # in 2128
    subprocess.run([sys.executable, "-m", "talkdeck", "build", "-q"], cwd=minimal.parent, env=env, check=True)
    with zipfile.ZipFile(Path(minimal.parent / "build" / "talk.pptx")) as z:
        assert {info.date_time[0] for info in z.infolist()} == {2107}
