"""Character-level fuzz: control, format and invisible characters (and raw bytes no UTF-8 file may
hold) inserted anywhere in the shipped talk.yaml. Every build gives a whole deck or errors at a
FILE:LINE:COL of the file, never a traceback, and a deck never carries python-pptx's ``_xHHHH_``
escapes for characters XML cannot hold."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talkdeck.build import build
from talkdeck.errors import TalkdeckError

from .conftest import TALK

SHIPPED = TALK.read_text(encoding="utf-8")

#: What pasting from PowerPoint, Word, a web page or a terminal brings, and what YAML escapes produce.
INVISIBLE = ([chr(c) for c in range(0x00, 0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]
             + ["\u00a0", "\u00ad", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2028", "\u2029",
                "\u2060", "\ufeff", "\ufffe", "\uffff"])
#: Bytes no UTF-8 text holds: a lone surrogate's encoding, bytes that never start a character, a cut sequence.
RAW_BYTES = [b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xff", b"\xfe", b"\xc0\x80", b"\xe2\x80", b"\x80"]
#: Escapes that double-quoted YAML turns into characters a deck cannot hold, or refuses.
ESCAPES = ["\\a", "\\b", "\\r", "\\0", "\\x07", "\\e", "\\v", "\\uFFFE", "\\ud800", "\\U", "\\q"]
_PPTX_ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")


@st.composite
def damaged(draw) -> bytes:
    """The shipped outline's bytes with one to three insertions at random places."""
    text = SHIPPED
    raw: list[tuple[int, bytes]] = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["char", "char", "run", "escape", "bytes"]))
        if kind == "bytes":
            raw.append((draw(st.integers(0, len(text))), draw(st.sampled_from(RAW_BYTES))))
            continue
        if kind == "escape":
            quoted = [m.start() + 1 for m in re.finditer('"', text)]  # inside a double-quoted value
            at = draw(st.sampled_from(quoted)) if quoted and draw(st.booleans()) else draw(st.integers(0, len(text)))
            insert = draw(st.sampled_from(ESCAPES))
        else:
            ch = draw(st.sampled_from(INVISIBLE))
            insert = ch * (draw(st.integers(2, 4)) if kind == "run" else 1)
            at = draw(st.integers(0, len(text)))
        text = text[:at] + insert + text[at:]
    data = text.encode("utf-8", errors="surrogatepass")
    for at, chunk in sorted(raw, reverse=True):
        at = min(at, len(data))
        data = data[:at] + chunk + data[at:]
    return data


@pytest.fixture(scope="module")
def talk_folder(tmp_path_factory) -> Path:
    """A copy of the shipped talk's folder, built once so that unchanged charts come from the cache."""
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copy(TALK, folder / "talk.yaml")
    if (TALK.parent / "assets").is_dir():
        shutil.copytree(TALK.parent / "assets", folder / "assets")
    build(folder / "talk.yaml")
    return folder


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(data=damaged())
def test_invisible_characters_anywhere_give_a_deck_or_a_positioned_error(data, talk_folder):
    outline = talk_folder / "fuzzed.yaml"
    outline.write_bytes(data)
    output = talk_folder / "build" / "fuzzed.pptx"
    output.unlink(missing_ok=True)
    lines = data.count(b"\n") + 1
    try:
        build(outline, output, display_name="talk.yaml")
    except TalkdeckError as e:
        assert getattr(e, "problems", None), str(e)  # an outline's error, not an output or tool failure
        for problem in e.problems:
            message = str(problem)
            message.encode("utf-8")  # printable: no lone surrogate reaches the terminal
            assert re.match(r"talk\.yaml:\d+:\d+: ", message), message
            line, col = problem.pos
            assert 1 <= line <= lines and col >= 1, message
            assert "Traceback" not in message
        assert not output.exists()
        return
    with zipfile.ZipFile(output) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                assert not _PPTX_ESCAPE.search(z.read(name)), name


def test_the_fuzz_reaches_both_outcomes(talk_folder):
    """The insertions are not all refused: invisible characters inside text still give a deck."""
    text = SHIPPED.replace("title: The Soviet Union's", "title: The\u200b Soviet\u00a0Union's", 1)
    outline = talk_folder / "invisible-but-fine.yaml"
    outline.write_text(text, encoding="utf-8")
    result = build(outline, talk_folder / "build" / "fine.pptx")
    assert result.slides > 10


def test_dollar_signs_in_a_chart_are_text_not_tex(talk_folder):
    """matplotlib reads text between two '$' as TeX: 'US$5 to US$10' set as maths, '$x^' a crash."""
    text = SHIPPED.replace("title: The 150 projects built, by sector",
                           "title: 'Costs in US$ and $x^2$ and \\frac ($)'", 1)
    assert text != SHIPPED
    outline = talk_folder / "dollars.yaml"
    outline.write_text(text, encoding="utf-8")
    assert build(outline, talk_folder / "build" / "dollars.pptx").drawn == 1
