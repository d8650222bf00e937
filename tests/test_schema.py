"""The JSON Schema: generated from the model, committed, documented, and in agreement with the loader.

The corpus is read for the schema with ``yaml.safe_load``, as an editor would,
then passed through JSON (dates become their ISO text, mapping keys text).
safe_load types scalars by YAML 1.1, where ``no`` is false and ``1.10`` a
number, while the loader keeps what the author typed; the corpus avoids such
scalars where the schema wants a number or a date (where it wants text, it
takes a number or true/false too, as the loader does), so any disagreement
below is a real one between schema and loader.
"""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from talkdeck.errors import OutlineError
from talkdeck.load import parse_talk
from talkdeck.load.schema import outline_reference, schema_json, talk_schema

from .conftest import MINIMAL, ROOT, TALK

BULLETS = "        bullets:\n          - one\n          - two\n"


def edit(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new)


def schema_accepts(text: str) -> bool:
    instance = json.loads(json.dumps(yaml.safe_load(text), default=str))
    return jsonschema.Draft202012Validator(talk_schema()).is_valid(instance)


def loader_accepts(text: str) -> bool:
    try:
        parse_talk(text.encode(), "talk.yaml")  # no base_dir: files are not looked at, as in an editor
    except OutlineError:
        return False
    return True


FULL = """\
title: Everything at once
subtitle: A talk that uses every key
event: A conference
date: 2025-05-01
duration: 30
language: en-US
footer: Ada · Everything
bio_position: end
equations: native
bibliography: assets/refs.bib
csl: apa
speaker:
  name: Ada Example
  role: Researcher
  affiliations: [A university]
  bio: Ada gives talks.
  photo: assets/ada.png
  photo_alt: Ada at her desk
  notes: About Ada.
theme:
  font: Carlito
  accent: "#123456"
  palette: ["#111111", "#222222"]
  title_size: 40
  body_size: 26
charts:
  counts:
    type: bar
    title: Counts
    source: Example data
    unit: items
    data: {a: 1, b: 2.5}
    highlight: [a]
  trend:
    type: line
    title: Trend
    source: Example data
    categories: ["2019", "2020"]
    series: {s: [1, 2], t: [2, 1]}
    value_labels: false
intro:
  minutes: 2
  slides:
    - title: Why
      statement: Because.
sections:
  - title: Part one
    minutes: 10
    summary: The first part
    notes: Divider notes.
    slides:
      - title: Points
        bullets:
          - one:
              - one a:
                  - one a i
          - two
        source: Example data
      - title: Bars
        chart: counts
        caption: Counts by kind
      - title: A picture
        image: assets/map.png
        alt: A map
      - title: Ornament
        image: assets/line.png
        decorative: true
      - quote: Well said.
        by: Someone
      - title: A table
        table: [[h1, h2], [a, b]]
      - title: Two sides
        columns:
          - heading: Left
            bullets: [l]
          - bullets: [r]
      - title: Trend
        chart: trend
      - title: Gauss's law
        math: '\\nabla \\cdot \\mathbf{E} = \\frac{\\rho}{\\varepsilon_0}'
      - title: Maxwell's equations
        math:
          - '\\nabla \\cdot \\mathbf{B} = 0'
          - '\\nabla \\times \\mathbf{E} = -\\frac{\\partial \\mathbf{B}}{\\partial t}'
closing:
  title: Thanks
  text: ada@example.org
  notes: Thank them.
"""

GOOD = {
    "minimal": MINIMAL,
    "a line of one series with a gap": MINIMAL.replace("        bullets:\n          - one\n          - two\n",
                                                       "        chart: c\n")
    + "charts:\n  c: {type: line, title: T, source: S, data: {2019: 1, 2020: null, 2021: 3}, highlight: ['2021']}\n",
    "every key": FULL,
    "sub-points": edit("          - two\n", "          - two:\n              - two a\n"),
    "bullets beside an image": edit("        notes: Say", "        image: map.png\n        alt: A map\n"
                                    "        figure_side: left\n        notes: Say"),
    "columns with an image and a chart": edit(BULLETS, "        columns:\n          - image: map.png\n"
                                              "            alt: A map\n          - heading: Counts\n"
                                              "            chart: c\n")
    + "charts:\n  c: {type: bar, title: T, source: S, data: {a: 1}}\n",
}

BAD = {
    "unknown top-level key": MINIMAL + "colour: red\n",
    "unknown slide key": edit("        bullets:", "        bulets:"),
    "no speaker": MINIMAL.replace("speaker:\n  name: Ada Example\n  bio: Ada gives small talks.\n", ""),
    "no bio": edit("  bio: Ada gives small talks.\n", ""),
    "no sections": MINIMAL.split("sections:")[0] + "sections: []\n",
    "sections not a list": MINIMAL.split("sections:")[0] + "sections:\n  title: x\n",
    "minutes as words": edit("minutes: 5", "minutes: five"),
    "minutes not positive": edit("minutes: 5", "minutes: 0"),
    "body below the floor": MINIMAL + "theme: {body_size: 12}\n",
    "colour by name": MINIMAL + "theme: {accent: red}\n",
    "palette colour by name": MINIMAL + "theme: {palette: [red]}\n",
    "bio position": MINIMAL + "bio_position: middle\n",
    "language by name": MINIMAL + "language: English\n",
    "chart type": MINIMAL + "charts:\n  c: {type: pie, title: T, source: S, data: {a: 1}}\n",
    "chart without source": MINIMAL + "charts:\n  c: {type: bar, title: T, data: {a: 1}}\n",
    "one column": edit(BULLETS, "        columns:\n          - bullets: [a]\n"),
    "bullet of two keys": edit("          - two\n", "          - two: [a]\n            three: [b]\n"),
    "two kinds on a slide": edit("        notes: Say", "        statement: Also this.\n        notes: Say"),
    "no kind on a slide": edit(BULLETS, ""),
    "bullets beside a table": edit("        notes: Say", "        table: [[a], [b]]\n        notes: Say"),
    "an image and a chart on a slide": edit(BULLETS, "        image: map.png\n        alt: A map\n        chart: c\n"),
    "a figure side that is not a side": edit("        notes: Say", "        image: map.png\n        alt: A map\n"
                                             "        figure_side: top\n        notes: Say"),
    "a column of bullets and an image": edit(BULLETS, "        columns:\n          - bullets: [a]\n"
                                             "            image: map.png\n            alt: A map\n"
                                             "          - bullets: [b]\n"),
    "an empty column": edit(BULLETS, "        columns:\n          - heading: A\n          - bullets: [b]\n"),
    "no title on a slide": edit("      - title: First point\n        bullets:", "      - bullets:"),
    "title as a list": edit("title: A small talk", "title: [a, b]"),
    "image without alt text": edit(BULLETS, "        image: map.png\n"),
    "image with blank alt text": edit(BULLETS, "        image: map.png\n        alt: ' '\n"),
    "bar chart with series": MINIMAL + "charts:\n  c: {type: bar, title: T, source: S, series: {a: [1]}}\n",
    "stacked chart with data": MINIMAL + "charts:\n  c: {type: stacked, title: T, source: S, data: {a: 1}}\n",
    "line chart with data and series": MINIMAL + "charts:\n  c: {type: line, title: T, source: S, data: {a: 1}, "
                                       "series: {s: [1]}}\n",
    "highlight on a grouped chart": MINIMAL + "charts:\n  c: {type: grouped, title: T, source: S, categories: [a], "
                                    "series: {s: [1]}, highlight: [a]}\n",
    "a gap in a bar chart": MINIMAL + "charts:\n  c: {type: bar, title: T, source: S, data: {a: 1, b: null}}\n",
    "empty data": MINIMAL + "charts:\n  c: {type: bar, title: T, source: S, data: {}}\n",
    "bullets four levels deep": edit("          - two\n", "          - two:\n              - a:\n"
                                     "                  - b:\n                      - c\n"),
    "a category twice": MINIMAL + "charts:\n  c: {type: line, title: T, source: S, categories: [a, a], "
                        "series: {s: [1, 2]}}\n",
    "flag as a word": MINIMAL + "charts:\n  c: {type: bar, title: T, source: S, data: {a: 1}, value_labels: maybe}\n",
}

#: What JSON Schema cannot say: cross-references, counts that must match, and duplicate keys (a JSON object has none; PyYAML keeps the last).
LOADER_ONLY = {
    "no such chart": edit(BULLETS, "        chart: nope\n"),
    "table rows of unequal length": edit(BULLETS, "        table: [[a, b], [c]]\n"),
    "series longer than categories": edit(BULLETS, "        chart: c\n")
    + "charts:\n  c: {type: line, title: T, source: S, categories: [a], series: {s: [1, 2]}}\n",
    "duplicate key": MINIMAL + "title: Again\n",
}


@pytest.mark.parametrize("case", sorted(GOOD))
def test_schema_and_loader_accept_the_good_outlines(case):
    assert (schema_accepts(GOOD[case]), loader_accepts(GOOD[case])) == (True, True)


@pytest.mark.parametrize("case", sorted(BAD))
def test_schema_and_loader_reject_the_bad_outlines(case):
    assert (schema_accepts(BAD[case]), loader_accepts(BAD[case])) == (False, False)


@pytest.mark.parametrize("case", sorted(LOADER_ONLY))
def test_what_only_the_loader_can_catch(case):
    assert (schema_accepts(LOADER_ONLY[case]), loader_accepts(LOADER_ONLY[case])) == (True, False)


def test_yaml_1_1_typing_makes_no_difference():
    """A title `no` is false to safe_load and text to the loader: where the loader wants text, the
    schema takes true/false and numbers too, as the loader keeps them as typed."""
    text = edit("title: First point", "title: no")
    assert loader_accepts(text) and schema_accepts(text)


def test_the_shipped_outline_is_valid_against_the_schema():
    text = TALK.read_text(encoding="utf-8")
    jsonschema.Draft202012Validator(talk_schema()).validate(json.loads(json.dumps(yaml.safe_load(text), default=str)))
    assert text.startswith("# yaml-language-server: $schema=talk.schema.json\n")


def test_the_schema_is_valid_draft_2020_12_and_describes_every_key():
    schema = talk_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    objects = [schema, *(d for d in schema["$defs"].values() if "properties" in d)]
    assert all(prop["description"].strip() for obj in objects for prop in obj["properties"].values())


def test_the_committed_schema_is_the_generated_one():
    assert (ROOT / "talk.schema.json").read_text(encoding="utf-8") == schema_json(), \
        "regenerate it: talkdeck schema > talk.schema.json"


def test_the_docs_end_with_the_generated_reference():
    doc = (ROOT / "docs" / "outline.md").read_text(encoding="utf-8")
    assert doc[doc.index("<!-- generated"):] == outline_reference(), \
        "regenerate it: replace docs/outline.md from its '<!-- generated' line with `talkdeck schema --markdown`"


def test_schema_command_prints_the_schema_and_the_reference(run_cli):
    assert run_cli("schema").stdout == schema_json()
    assert run_cli("schema", "--markdown").stdout == outline_reference()

