"""The reader: encodings, characters named at their place, YAML 1.2 numbers, escapes, aliases, dates.

The exact messages of whole outlines are in tests/fixtures/bad/e14-*; these are the rules behind them.
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from talkdeck.errors import OutlineError
from talkdeck.load import parse_talk
from talkdeck.load.chars import describe_char, is_windows_path, scan_text

from .conftest import MINIMAL, TALK


def messages(text: str | bytes) -> list[str]:
    with pytest.raises(OutlineError) as info:
        parse_talk(text if isinstance(text, bytes) else text.encode("utf-8"), "talk.yaml")
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("encoding, bom", [
    ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b""), ("utf-16-be", b""),
    ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff"), ("utf-32-le", b""),
    ("utf-8", b"\xef\xbb\xbf"),
])
def test_utf16_and_utf32_with_or_without_a_bom_read_as_utf8_does(encoding, bom):
    text = TALK.read_text(encoding="utf-8")
    talk = parse_talk(bom + text.encode(encoding), "talk.yaml")
    assert talk == parse_talk(text.encode("utf-8"), "talk.yaml")
    assert talk.title == "The Soviet Union's Today is Our Tomorrow"


def test_windows_line_endings_read_as_unix_ones():
    text = TALK.read_text(encoding="utf-8")
    assert parse_talk(text.replace("\n", "\r\n").encode("utf-8"), "talk.yaml") == parse_talk(text, "talk.yaml")


def test_a_stray_nul_near_the_start_of_a_utf8_file_is_named_not_taken_for_utf16():
    assert messages(b"t\x00" + MINIMAL[1:].encode("utf-8"))[0] == (
        "talk.yaml:1:2: a NUL character (U+0000) here, invisible in most editors: delete it")


def test_a_file_of_another_kind_is_not_text():
    assert messages(b"PK\x03\x04" + b"\x00" * 40)[0] == (
        "talk.yaml:1:1: this is not a text file (it contains NUL bytes); an outline is UTF-8 YAML text")


def test_a_character_is_placed_at_its_line_and_column_counted_in_characters():
    text = MINIMAL.replace("bio: Ada gives small talks.", "bio: Adà gives 小\x0bsmall talks.")
    assert messages(text) == [
        "talk.yaml:4:19: a vertical tab (U+000B) here, the soft line break PowerPoint puts in copied text: "
        "replace it with a space or a new line"]


def test_each_character_is_reported_once_and_a_run_of_them_once():
    found = []
    scan_text("a: b\x00\x00\x00c\nd: \x07e\n", lambda pos, message: found.append(pos))
    assert found == [(1, 5), (2, 4)]


@pytest.mark.parametrize("ch, name", [
    ("\x00", "a NUL character (U+0000)"), ("\x0b", "a vertical tab (U+000B)"), ("\x1f", "a control character (U+001F)"),
    ("\u00a0", "a no-break space (U+00A0)"), ("\u2028", "a line separator (U+2028)"),
    ("\ufeff", "a byte-order mark (U+FEFF)"), ("\u200b", "a zero-width space (U+200B)"),
    ("\u2061", "an invisible character function application (U+2061)"), ("\ud800", "half of a surrogate pair (U+D800)"),
])
def test_characters_are_named_as_people_call_them(ch, name):
    assert describe_char(ch) == name


def test_no_break_spaces_in_text_are_kept_only_indentation_is_refused():
    text = MINIMAL.replace("Ada gives small talks.", "Ada gives talks of 20\u00a0minutes.")
    assert parse_talk(text.encode("utf-8"), "talk.yaml").speaker.bio == "Ada gives talks of 20\u00a0minutes."


def test_numbers_are_read_as_yaml_1_2_reads_them_on_the_loaders_own_class():
    text = MINIMAL + ("      - title: Big\n        chart: big\n        notes: n\n"
                      "charts:\n  big: {type: bar, title: '1e6', source: S, data: {a: 1e6, b: 1.4e9, c: -2E-3, d: 1.4e+9}}\n")
    talk = parse_talk(text.encode("utf-8"), "talk.yaml")
    assert talk.charts["big"].data == {"a": 1e6, "b": 1.4e9, "c": -2e-3, "d": 1.4e9}
    assert talk.charts["big"].title == "1e6"  # text stays what the author typed
    assert yaml.safe_load("x: 1e6") == {"x": "1e6"}  # PyYAML's own loader is left as it was


@pytest.mark.parametrize("text, path", [
    ("see C:\\analysis\\basket.xlsx", True), ("assets\\map.png", True), ("\\\\server\\share", True),
    ("data\\raw\\x", True), ("a\\0 b", False), ("1\\2", False), ("\\n", False),
])
def test_what_looks_like_a_windows_path(text, path):
    assert is_windows_path(text) is path


def test_a_bell_from_a_windows_path_in_a_list_is_named_at_its_escape():
    text = MINIMAL.replace("          - two\n", '          - "see C:\\budget\\bills.csv"\n')
    assert messages(text) == [
        "talk.yaml:12:20: sections[0].slides[0].bullets[1]: '\\b' in double quotes is read as a backspace character "
        "(U+0008), not as a '\\': write paths with / (\"see C:/budget/bills.csv\"), or put the text in single "
        "quotes"]


def test_a_windows_path_in_single_quotes_is_text():
    text = MINIMAL.replace("Say one, then two.", "'see C:\\analysis\\basket.xlsx'")
    assert parse_talk(text.encode("utf-8"), "talk.yaml").sections[0].slides[0].notes == "see C:\\analysis\\basket.xlsx"


def test_an_escape_in_a_multi_line_double_quoted_value_is_found_on_its_line():
    text = MINIMAL.replace("Say one, then two.", '"Say one,\n          then \\a two."')
    assert messages(text)[0].startswith("talk.yaml:14:16: sections[0].slides[0].notes: '\\a' in double quotes")


def test_an_alias_that_reaches_a_value_twice_is_reported_once():
    text = MINIMAL.replace("        bullets:\n          - one\n          - two\n",
                           '        bullets: &b ["one\\a"]\n      - title: Again\n        bullets: *b\n        notes: n\n')
    assert len(messages(text)) == 1


@pytest.mark.parametrize("date, expected", [
    ("2028-02-29", dt.date(2028, 2, 29)), ('"2026-05-14"', dt.date(2026, 5, 14)), ("1980-01-01", dt.date(1980, 1, 1)), ("2107-12-31", dt.date(2107, 12, 31)),
])
def test_dates_the_calendar_and_the_zip_hold_are_read(date, expected):
    assert parse_talk((MINIMAL + f"date: {date}\n").encode("utf-8"), "talk.yaml").date == expected


@pytest.mark.parametrize("date, message", [
    ("2026-04-31", "not a date: April 2026 has 30 days (got '2026-04-31')"),
    ("2026-00-10", "not a date: there is no month 0 (expected YYYY-MM-DD, got '2026-00-10')"),
    ("2108-01-01", "the year 2108 cannot be stored in a deck (a .pptx is a zip file, whose dates run from 1980 "
                   "to 2107); is it a typo for 2018?"),
])
def test_dates_the_calendar_or_the_zip_cannot_hold_are_named(date, message):
    assert messages(MINIMAL + f"date: {date}\n") == [f"talk.yaml:14:7: date: {message}"]


def test_a_slide_title_left_blank_on_a_quote_slide_is_allowed():
    text = MINIMAL.replace("      - title: First point\n        bullets:\n          - one\n          - two\n",
                           "      - title:\n        quote: Less is more.\n")
    assert parse_talk(text.encode("utf-8"), "talk.yaml").sections[0].slides[0].title is None


@pytest.mark.parametrize("present, asked, hint", [
    ("Talk.YAML", "talk.yaml", "did you mean 'Talk.YAML'? name it on the command line, or rename it"),
    ("talk.yml", "talk.yaml", "did you mean 'talk.yml'? name it on the command line, or rename it"),
    ("talk.yaml", "talk.yml", "did you mean 'talk.yaml'? name it on the command line, or rename it"),
    ("other.yaml", "talk.yaml", "run 'talkdeck new' to start a talk"),
])
def test_an_outline_named_but_for_case_or_its_ending_is_suggested(tmp_path, monkeypatch, present, asked, hint):
    from talkdeck.load import load_talk

    monkeypatch.chdir(tmp_path)
    (tmp_path / present).write_text(MINIMAL, encoding="utf-8")
    with pytest.raises(OutlineError) as info:
        load_talk(asked)
    assert [str(p) for p in info.value.problems] == [f"{asked}:1:1: no such file ({hint})"]


def test_a_syntax_error_at_the_end_of_a_file_without_a_final_line_break_is_placed_on_its_last_line():
    text = MINIMAL + "\\a"  # a key without its ':' as the file's last characters
    assert messages(text) == [
        f"talk.yaml:{text.count(chr(10)) + 1}:3: YAML syntax error: could not find expected ':' (while scanning a "
        f"simple key that starts at line {text.count(chr(10)) + 1}, column 1); is a space missing after a '-' or "
        "':' there?"]


def test_a_locale_name_written_with_an_underscore_is_answered_with_its_tag():
    assert messages(MINIMAL + "language: en_US\n") == [
        "talk.yaml:14:11: language: not a language tag (expected a tag such as en-GB, got 'en_US'); "
        "write en-US"]


def test_a_full_width_space_in_the_indentation_is_named_where_yaml_would_misread_it():
    found = []
    text = "bullets:\n\u3000\u3000- a\n  -\u3000b\n  - \u3000c\n  - d\u3000e\n"
    scan_text(text, lambda pos, message: found.append((pos, message)))
    message = "a full-width space (U+3000) in the indentation; YAML indents with plain spaces: replace it with plain spaces"
    assert found == [((2, 1), message), ((3, 4), message)]  # "- 　c" and "d　e" are text


@pytest.mark.parametrize("typed, written", [
    ("2026年3月18日", "2026-03-18"), ("2026/3/18", "2026-03-18"), ("2026년 3월 18일", "2026-03-18"),
    ("20 мая 2026", "2026-05-20"), ("20\u00a0мая 2026\u202fг.", "2026-05-20"), ("1er octobre 2026", "2026-10-01"),
    ("20 de mayo de 2026", "2026-05-20"), ("14. März 2026", "2026-03-14"), ("31 февраля 2026", None),
])
def test_a_date_written_the_local_way_is_answered_with_the_date_to_write(typed, written):
    from talkdeck.load.dates import date_slip

    expected = f"not a date YAML reads (expected YYYY-MM-DD, got {typed!r}); write {written}" if written else None
    assert date_slip(typed) == expected
