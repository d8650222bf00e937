"""hints: the editing slip behind a syntax error, and the key that was meant."""

from __future__ import annotations

import textwrap

import pytest

from talkdeck.errors import OutlineError
from talkdeck.load import parse_talk

from .conftest import MINIMAL

BULLETS = "        bullets:\n          - one\n          - two\n"


def errors(text: str) -> list[str]:
    with pytest.raises(OutlineError) as info:
        parse_talk(textwrap.dedent(text).encode(), "talk.yaml")
    return [str(p) for p in info.value.problems]


def edit(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new)


SYNTAX = {
    "colon inside a value": (
        edit("title: First point", "title: Note: first point"),
        "talk.yaml:9:20: YAML syntax error: mapping values are not allowed in this context; "
        "a ': ' inside a value starts a key: put the whole value in quotes",
    ),
    "no space after a colon on the line above": (
        edit("title: First point", "title:First point"),
        "talk.yaml:10:16: YAML syntax error: mapping values are not allowed in this context; "
        "the line above needs a space after its ':'",
    ),
    "line indented too far": (
        edit("  bio: Ada gives small talks.", "   bio: Ada gives small talks."),
        "talk.yaml:4:7: YAML syntax error: mapping values are not allowed in this context; "
        "is the ':' missing on the line above, or is this line indented too far?",
    ),
    "list item out of line": (
        edit("          - two\n", "        - two\n"),
        "talk.yaml:12:9: YAML syntax error: did not find expected key (while parsing a block mapping that "
        "starts at line 9, column 9); "
        "this '- ' item is not indented like the items above it",
    ),
    "text after a closing quote": (
        edit("title: First point", "title: 'First' point"),
        "talk.yaml:9:24: YAML syntax error: did not find expected key (while parsing a block mapping); "
        "the value goes on after its closing quote or bracket: put the whole value in quotes",
    ),
    "no space after a dash": (
        edit("          - two\n", "          -two\n"),
        "talk.yaml:13:9: YAML syntax error: could not find expected ':' (while scanning a simple key that "
        "starts at line 12, column 11); is a space missing after a '-' or ':' there?",
    ),
    "value starting with @": (
        edit("title: First point", "title: @ada"),
        "talk.yaml:9:16: YAML syntax error: found character that cannot start any token (while scanning "
        "for the next token); a value cannot start with '@': put it in quotes",
    ),
    "value starting with *": (
        edit("title: First point", "title: *really* first"),
        "talk.yaml:9:23: YAML syntax error: did not find expected alphabetic or numeric character (while "
        "scanning an alias); a value that starts with '*' or '&' is a YAML alias or anchor: put it in quotes",
    ),
    "value starting with |": (
        edit("title: First point", "title: | first"),
        "talk.yaml:9:18: YAML syntax error: did not find expected comment or line break (while scanning a "
        "block scalar); '|' and '>' start a block of text on the lines below: put a value that starts "
        "with them in quotes",
    ),
    "text after a bullet's closing bracket": (
        edit("          - two\n", "          - [Draft] two\n"),
        "talk.yaml:12:21: YAML syntax error: did not find expected '-' indicator (while parsing a block "
        "collection that starts at line 11, column 11); the point goes on after its closing quote or bracket: put the whole point in quotes",
    ),
    "a key one space short of the keys above it": (
        edit("        notes: Say one, then two.", "       notes: Say one, then two."),
        "talk.yaml:13:8: YAML syntax error: did not find expected '-' indicator (while parsing a block "
        "collection that starts at line 9, column 7); 'notes:' is indented 7 spaces, the keys above it 8: "
        "indent it 8 spaces, in line with them",
    ),
    "second document": (
        MINIMAL + "---\ntitle: Again\n",
        "talk.yaml:14:1: YAML syntax error: but found another document (expected a single document in the "
        "stream); an outline is one YAML document: remove this '---'",
    ),
}


@pytest.mark.parametrize("case", sorted(SYNTAX))
def test_syntax_errors_say_what_usually_causes_them(case):
    text, expected = SYNTAX[case]
    assert errors(text) == [expected]


CONTENT = {
    "bullet written as a mapping of two keys": (
        edit("          - two\n", "          - two: [a]\n            three: [b]\n"),
        "talk.yaml:12:13: sections[0].slides[0].bullets[1]: wrong type (expected text, 'term: explanation' or "
        "a one-key mapping 'text: [sub-points]', got a mapping with 2 keys)",
    ),
    "a table cell with ': '": (
        edit(BULLETS, "        table:\n          - [Dataset, Period]\n          - [HadCRUT5, baseline: 1961–1990]\n"),
        "talk.yaml:12:24: sections[0].slides[0].table[1][1]: wrong type (expected text, got a mapping); a ': ' "
        "inside a value starts a key: if it is part of the text, write it in quotes, 'baseline: 1961–1990'",
    ),
    "a title in brackets": (
        edit("title: First point", "title: [Draft]"),
        "talk.yaml:9:16: sections[0].slides[0].title: wrong type (expected text, got a list); '[' starts a list "
        "in YAML: if the brackets are part of the text, write it in quotes, '[Draft]'",
    ),
    "a bullet in brackets": (
        edit("          - two\n", "          - [Draft]\n"),
        "talk.yaml:12:13: sections[0].slides[0].bullets[1]: wrong type (expected text, 'term: explanation' or a "
        "mapping 'text: [sub-points]', got a list); '[' starts a list in YAML: if the brackets are part of the text, write it "
        "in quotes, '[Draft]'",
    ),
    "a block mapping where text is wanted": (
        edit("title: First point", "title:\n          Note: first"),
        "talk.yaml:10:11: sections[0].slides[0].title: wrong type (expected text, got a mapping); if the ': ' "
        "is part of the text, put the whole text in quotes",
    ),
    "a highlight split at a comma": (
        edit(BULLETS, "        chart: c\n") + "charts:\n  c:\n    type: bar\n    title: T\n    source: S\n"
        "    data:\n      Agriculture, forestry and other land use: 22\n      Energy: 34\n"
        "    highlight: [Agriculture, forestry and other land use]\n",
        "talk.yaml:20:16: charts.c.highlight: 'Agriculture' and 'forestry and other land use' are not categories "
        "of this chart; the comma in 'Agriculture, forestry and other land use' splits it in a [...] list: write "
        "it in quotes, [\"Agriculture, forestry and other land use\"]",
    ),
    "a highlight split at the comma of its number": (
        edit(BULLETS, "        chart: c\n") + "charts:\n  c:\n    type: bar\n    title: T\n    source: S\n"
        "    data:\n      ต่ำกว่า 10,000 บาท: 52.4\n      มากกว่า 30,000 บาท: 11.6\n"
        "    highlight: [ต่ำกว่า 10,000 บาท]\n",
        "talk.yaml:20:16: charts.c.highlight: 'ต่ำกว่า 10' and '000 บาท' are not categories "
        "of this chart; the comma in 'ต่ำกว่า 10,000 บาท' splits it in a [...] list: write "
        "it in quotes, [\"ต่ำกว่า 10,000 บาท\"]",
    ),
    "a number split at its comma in a row": (
        edit(BULLETS, "        table:\n          - [Period, Experts, By]\n          - [1949–60, over 20,000, Shen]\n"),
        "talk.yaml:12:13: sections[0].slides[0].table[1]: row has 4 cells, the header has 3; the comma in "
        "'over 20,000' splits it in a [...] row: write that cell in quotes, \"over 20,000\"",
    ),
    "another word for a slide kind": (
        edit(BULLETS, "        picture: map.png\n"),
        "talk.yaml:10:9: sections[0].slides[0].picture: unknown key (did you mean 'image'?)",
    ),
    "a slide kind given as a type": (
        edit(BULLETS, "        type: chart\n"),
        "talk.yaml:10:9: sections[0].slides[0].type: unknown key (a slide's kind is the key that holds its "
        "content: write 'chart:' with the content instead)",
    ),
    "a layout name on a slide": (
        edit(BULLETS, "        layout: two-column\n"),
        "talk.yaml:10:9: sections[0].slides[0].layout: unknown key (a slide's kind is the key that holds its "
        "content: write 'columns:' with the content instead)",
    ),
    "the talk's length as minutes": (
        MINIMAL + "minutes: 40\n",
        "talk.yaml:14:1: minutes: unknown key (did you mean 'duration'?)",
    ),
    "a section's time as duration": (
        edit("    minutes: 5", "    duration: 5"),
        "talk.yaml:7:5: sections[0].duration: unknown key (did you mean 'minutes'?)",
    ),
}


@pytest.mark.parametrize("case", sorted(CONTENT))
def test_content_errors_name_the_likely_fix(case):
    text, expected = CONTENT[case]
    assert errors(text) == [expected]


@pytest.mark.parametrize("typed", ["no", "1.10", "2024-05-01", "null-ish", "0x1F", "1_000", "~x", "yes"])
def test_text_keys_keep_what_was_typed(typed):
    talk = parse_talk(edit("title: First point", f"title: {typed}").encode(), "talk.yaml")
    assert talk.sections[0].slides[0].title == typed
