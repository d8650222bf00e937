"""The loader: typed values as written, and an exact, positioned message for each kind of mistake."""

from __future__ import annotations

import textwrap

import pytest

from talkdeck.errors import OutlineError
from talkdeck.load import parse_talk

from .conftest import MINIMAL


def load(text: str):
    return parse_talk(textwrap.dedent(text).encode(), "talk.yaml")


def errors(text: str) -> list[str]:
    with pytest.raises(OutlineError) as info:
        load(text)
    return [str(p) for p in info.value.problems]


def test_minimal_outline_loads_into_the_model():
    talk = load(MINIMAL)
    assert talk.title == "A small talk"
    assert talk.speaker.name == "Ada Example"
    slide = talk.sections[0].slides[0]
    assert slide.kind == "bullets"
    assert [b.text for b in slide.bullets] == ["one", "two"]
    assert slide.pos("title") == (9, 16)
    assert talk.sections[0].minutes == 5.0


def test_scalars_keep_the_text_the_author_typed():
    talk = load(MINIMAL.replace("title: A small talk", "title: no").replace("title: First point", "title: 1.10"))
    assert talk.title == "no"
    assert talk.sections[0].slides[0].title == "1.10"


def test_sub_points_nest_under_their_point():
    talk = load(MINIMAL.replace("          - two\n", "          - two:\n              - two a\n              - two b\n"))
    two = talk.sections[0].slides[0].bullets[1]
    assert two.text == "two"
    assert [c.text for c in two.children] == ["two a", "two b"]


def test_utf8_bom_is_not_an_error():
    talk = parse_talk(b"\xef\xbb\xbf" + MINIMAL.encode(), "talk.yaml")
    assert talk.title == "A small talk"


CASES = {
    "yaml syntax": (
        MINIMAL.replace("  bio: Ada gives small talks.", "  bio: [unclosed"),
        ["talk.yaml:5:9: YAML syntax error: did not find expected ',' or ']' "
         "(while parsing a flow sequence that starts at line 4, column 8)"],
    ),
    "tab indentation": (
        MINIMAL.replace("  name: Ada Example", "\tname: Ada Example"),
        ["talk.yaml:3:1: YAML syntax error: a tab character here: YAML indents with spaces, never tabs"],
    ),
    "missing required key": (
        MINIMAL.replace("  bio: Ada gives small talks.\n", ""),
        ["talk.yaml:2:1: speaker: missing required key 'bio'"],
    ),
    "wrong type": (
        MINIMAL.replace("    minutes: 5", "    minutes: five"),
        ["talk.yaml:7:14: sections[0].minutes: wrong type (expected a number of minutes such as 1.5, got 'five')"],
    ),
    "unknown key": (
        MINIMAL.replace("        bullets:", "        bulets:"),
        # The slide's own checks are skipped: one mistake, one message.
        ["talk.yaml:10:9: sections[0].slides[0].bulets: unknown key (did you mean 'bullets'?)"],
    ),
    "duplicate key": (
        MINIMAL + "title: Again\n",
        ["talk.yaml:14:1: title: duplicate key (first written at line 1; YAML would silently keep only the last)"],
    ),
    "unknown chart": (
        MINIMAL + "charts:\n  sectors: {type: bar, title: T, source: S, data: {a: 1}}\n"
        "        ".rstrip() + "\n",
        None,  # filled below
    ),
    "two kinds at once": (
        MINIMAL.replace("        notes: Say one, then two.", "        quote: Hm.\n        notes: Say one."),
        ["talk.yaml:13:16: sections[0].slides[0].quote: a slide shows one thing (expected one of: bullets, chart, "
         "image, quote, table, columns, statement, code, math; got 'bullets' and 'quote'); bullets share a slide only with an "
         "image or a chart"],
    ),
    "empty sections": (
        MINIMAL.split("sections:")[0] + "sections: []\n",
        ["talk.yaml:5:11: sections: is empty (expected at least one item)"],
    ),
    "not a mapping": (
        "- just\n- a list\n",
        ["talk.yaml:1:1: the outline must be a mapping of keys (expected a mapping with title, speaker "
         "and sections, got a list)"],
    ),
    "empty file": (
        "",
        ["talk.yaml:1:1: the outline is empty (expected a mapping with title, speaker and sections)"],
    ),
    "python tag": (
        MINIMAL.replace("title: A small talk", "title: !!python/object/apply:os.system ['echo hi']"),
        ["talk.yaml:1:8: title: YAML tag '!!python/object/apply:os.system' is not allowed "
         "(talkdeck reads plain values only)"],
    ),
    "bad chart type": (
        MINIMAL.replace("        bullets:\n          - one\n          - two\n", "        chart: c\n")
        + "charts:\n  c: {type: bars, title: T, source: S, data: {a: 1}}\n",
        ["talk.yaml:13:13: charts.c.type: unknown value (expected one of 'bar', 'barh', 'stacked', 'line', "
         "'grouped', got 'bars') (did you mean 'bar'?)"],
    ),
    "theme below the size floor": (
        MINIMAL + "theme: {body_size: 12}\n",
        ["talk.yaml:14:20: theme.body_size: too small (expected at least 18, got 12)"],
    ),
    "image without alt": (
        MINIMAL.replace("        bullets:\n          - one\n          - two\n", "        image: pic.png\n"),
        ["talk.yaml:10:16: sections[0].slides[0].image: an image needs alt text (add 'alt: what it shows', "
         "or 'decorative: true' if it only decorates)"],
    ),
    "invalid utf-8": (
        None,
        ["talk.yaml:3:11: not valid UTF-8 (byte 0xe9, 'é' in Windows-1252); save the file as UTF-8"],
    ),
}
CASES["unknown chart"] = (
    MINIMAL.replace("        bullets:\n          - one\n          - two\n", "        chart: sector\n")
    + "charts:\n  sectors: {type: bar, title: T, source: S, data: {a: 1}}\n",
    ["talk.yaml:10:16: sections[0].slides[0].chart: no chart named 'sector' (did you mean 'sectors'?)"],
)


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_kind_of_mistake_gets_its_exact_message(case):
    text, expected = CASES[case]
    if case == "invalid utf-8":
        data = MINIMAL.replace("Ada Example", "Ad\xe9 Example").encode("latin-1")
        with pytest.raises(OutlineError) as info:
            parse_talk(data, "talk.yaml")
        assert [str(p) for p in info.value.problems] == expected
        return
    assert errors(text) == expected


def test_every_problem_is_reported_in_one_run():
    text = (MINIMAL.replace("    minutes: 5", "    minutes: five")
            .replace("        bullets:", "        bulets:")
            .replace("  bio: Ada gives small talks.", "  bio: Ada.\n  photo_url: x"))
    found = errors(text)
    assert found == [
        "talk.yaml:5:3: speaker.photo_url: unknown key (did you mean 'photo_alt'?)",
        "talk.yaml:8:14: sections[0].minutes: wrong type (expected a number of minutes such as 1.5, got 'five')",
        "talk.yaml:11:9: sections[0].slides[0].bulets: unknown key (did you mean 'bullets'?)",
    ]
    assert [f.split(":")[1] for f in found] == sorted([f.split(":")[1] for f in found], key=int)


def test_sub_points_count_against_the_node_limit(monkeypatch):
    monkeypatch.setattr("talkdeck.limits.MAX_NODES", 30)
    load(MINIMAL)  # within the limit
    assert errors(MINIMAL.replace("          - two\n", "          - two: [&p a, " + "*p, " * 20 + "*p]\n")) == [
        "talk.yaml:12:19: sections[0].slides[0].bullets[1][12]: the outline expands to more than 30 values "
        "(an alias bomb?) (raise it with the environment variable TALKDECK_MAX_NODES)"]


def test_merged_keys_count_against_the_node_limit(monkeypatch):
    monkeypatch.setattr("talkdeck.limits.MAX_NODES", 30)
    assert errors(MINIMAL + "theme: {<<: [&t {font: Carlito}, " + "*t, " * 20 + "*t]}\n") == [
        "talk.yaml:14:24: theme: the outline expands to more than 30 values "
        "(an alias bomb?) (raise it with the environment variable TALKDECK_MAX_NODES)"]


def test_a_mapping_that_merges_itself_is_an_error_not_a_crash():
    text = MINIMAL.replace("speaker:\n", "speaker: &ada\n").replace(
        "  bio: Ada gives small talks.\n", "  bio: Ada gives small talks.\n  <<: *ada\n")
    assert errors(text) == ["talk.yaml:5:3: speaker: '<<' merges a mapping into itself"]


def test_a_merge_that_leads_back_to_its_mapping_is_an_error_not_a_crash():
    text = MINIMAL + "theme: &t {font: Carlito, <<: {<<: *t}}\n"
    assert errors(text) == ["talk.yaml:14:32: theme: '<<' merges a mapping into itself"]


def test_the_same_defaults_merged_twice_are_not_a_loop():
    talk = load(MINIMAL + "theme: {<<: [&f {font: Carlito}, {<<: *f}]}\n")
    assert talk.theme.font == "Carlito"


BULLETS = "        bullets:\n          - one\n          - two\n"


def test_a_missing_required_key_does_not_hide_the_other_problems(tmp_path):
    text = (MINIMAL.replace("  bio: Ada gives small talks.\n", "")
            .replace(BULLETS, "        chart: sector\n")
            + "      - title: Map\n        image: assets/map.png\n        alt: A map\n        notes: n\n"
            + "charts:\n  sectors: {type: bar, title: T, source: S, data: {a: 1}}\n")
    with pytest.raises(OutlineError) as info:
        parse_talk(text.encode(), "talk.yaml", base_dir=tmp_path)
    assert [str(p) for p in info.value.problems] == [
        "talk.yaml:2:1: speaker: missing required key 'bio'",
        "talk.yaml:9:16: sections[0].slides[0].chart: no chart named 'sector' (did you mean 'sectors'?)",
        "talk.yaml:12:16: sections[0].slides[1].image: no such file (expected a file in the talk's folder, "
        "got 'assets/map.png')",
    ]


TABLE = "        table: [[a, b], [c]]\n"


@pytest.mark.parametrize("old, new, expected", [
    ("title: A small talk\n", "", [
        "talk.yaml:1:1: missing required key 'title'",
        "talk.yaml:9:25: sections[0].slides[0].table[1]: row has 1 cell, the header has 2"]),
    ("speaker:\n  name: Ada Example\n  bio: Ada gives small talks.\n", "", [
        "talk.yaml:1:1: missing required key 'speaker'",
        "talk.yaml:7:25: sections[0].slides[0].table[1]: row has 1 cell, the header has 2"]),
    ("speaker:\n  name: Ada Example\n  bio: Ada gives small talks.\n", "speaker: Ada\n", [
        "talk.yaml:2:10: speaker: wrong type (expected a mapping, got 'Ada')",
        "talk.yaml:8:25: sections[0].slides[0].table[1]: row has 1 cell, the header has 2"]),
    ("  - title: Only part\n", "  - summary: The only part\n", [
        "talk.yaml:6:5: sections[0]: missing required key 'title'",
        "talk.yaml:10:25: sections[0].slides[0].table[1]: row has 1 cell, the header has 2"]),
])
def test_a_missing_or_wrong_required_value_does_not_hide_a_slide_problem(old, new, expected):
    assert errors(MINIMAL.replace(old, new).replace(BULLETS, TABLE)) == expected


@pytest.mark.parametrize("text, expected", [
    (MINIMAL.split("sections:")[0], ["talk.yaml:1:1: missing required key 'sections'"]),
    (MINIMAL.replace("    slides:\n", "    slide:\n"), [
        "talk.yaml:6:5: sections[0]: missing required key 'slides'",
        "talk.yaml:8:5: sections[0].slide: unknown key (did you mean 'slides'?)"]),
    (MINIMAL + "charts:\n  c: {title: T, source: S, data: {a: 1}}\n",
     ["talk.yaml:15:3: charts.c: missing required key 'type'"]),
    (MINIMAL.replace(BULLETS, "        columns:\n          - bullets: [a]\n          - heading: B\n"),
     ["talk.yaml:12:13: sections[0].slides[0].columns[1]: a column needs something to show "
      "(expected one of: bullets, image, chart)"]),
])
def test_a_placeholder_for_a_missing_key_brings_no_follow_on_errors(text, expected):
    assert errors(text) == expected


@pytest.mark.parametrize("line, expected", [
    ("language: English", "talk.yaml:14:11: language: not a language tag (expected a tag such as en-GB, "
                          "got 'English'); write en-GB"),
    ('language: en"GB', "talk.yaml:14:11: language: not a language tag (expected a tag such as en-GB, "
                        "got 'en\"GB')"),
    ("language: |\n  en-GB", "talk.yaml:14:11: language: not a language tag (expected a tag such as en-GB, "
                             "got 'en-GB\\n'); write en-GB"),
    ("theme: {accent: red}", "talk.yaml:14:17: theme.accent: not a colour (expected #RRGGBB, got 'red')"),
    ("theme:\n  accent: |\n    #B22222", "talk.yaml:15:11: theme.accent: not a colour (expected #RRGGBB, "
                                         "got '#B22222\\n')"),
    ("theme: {palette: ['#B22222', red]}",
     "talk.yaml:14:18: theme.palette: item 1 is not a colour (expected #RRGGBB, got 'red')"),
])
def test_a_value_of_the_wrong_form_is_named_for_what_it_should_be(line, expected):
    assert errors(MINIMAL + line + "\n") == [expected]


@pytest.mark.parametrize("tag", ["en", "en-GB", "zh-Hant-TW", "es-419", "fil"])
def test_common_language_tags_are_accepted(tag):
    assert load(MINIMAL + f"language: {tag}\n").language == tag


@pytest.mark.parametrize("written, expected", [
    ("1:30", "wrong type (expected a number of minutes such as 1.5, got '1:30')"),  # YAML 1.1 base 60
    ("0x10", "wrong type (expected a number of minutes such as 1.5, got '0x10')"),
    ("1:30.5", "wrong type (expected a number of minutes such as 1.5, got '1:30.5')"),
    (".inf", "not a finite number (expected a number of minutes such as 1.5, got '.inf')"),
    ("-.Inf", "not a finite number (expected a number of minutes such as 1.5, got '-.Inf')"),
    (".NaN", "not a finite number (expected a number of minutes such as 1.5, got '.NaN')"),
    ("1.0e+999", "not a finite number (expected a number of minutes such as 1.5, got '1.0e+999')"),
])
def test_a_number_python_cannot_read_is_told_apart_from_infinity(written, expected):
    assert errors(MINIMAL.replace("    minutes: 5", f"    minutes: {written}")) == [
        f"talk.yaml:7:14: sections[0].minutes: {expected}"]


@pytest.mark.parametrize("written, minutes", [("1.5", 1.5), ("2", 2.0), ("1_000", 1000.0), ("+3.", 3.0)])
def test_minutes_as_written(written, minutes):
    assert load(MINIMAL.replace("    minutes: 5", f"    minutes: {written}")).sections[0].minutes == minutes


def test_an_unquoted_colour_is_explained():
    assert errors(MINIMAL + "theme:\n  accent: #0B5394\n") == [
        "talk.yaml:15:10: theme.accent: missing value (expected text); '#' starts a comment in YAML: write the "
        "value in quotes, '#0B5394'"]


def test_a_sub_point_without_a_colon_on_its_point_is_a_warning():
    talk = load(MINIMAL.replace("          - two\n", "          - two, with detail\n            - a sub-point\n"))
    assert [str(w) for w in talk.warnings] == [
        "talk.yaml:12:13: warning: sections[0].slides[0].bullets[1]: a '- ' line was joined into this point as "
        "text; to make it a sub-point, end the point with ':' (- point:)"]
