"""fit's fast paths give the answers of the slow ones.

wrap() measures a line only when a bound cannot show it fits: the lines must be
those of measuring every candidate. font_file() asks libfontconfig in-process:
the files must be those fc-match names.
"""

from __future__ import annotations

import functools
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talkdeck.text import fit, fonts
from talkdeck.text.fit import wrap
from talkdeck.text.script import WEAK, east_asian_runs

from .conftest import needs

WORDS = ["the", "First", "Five-Year", "Plan", "156", "Projects", "Sino-Soviet", "AVATAR", "Tokyo,", "W.",
         "«Сегодня»", "—", "“引号”", "（括号）", "fi", "office", "第一个五年计划", "项目", "(1953–57)", "x" * 40, "Wy", "To."]


def reference_wrap(text, width_pt, size_pt, family, cjk_family, bold=False, italic=False):
    """wrap() the slow, plain way: every candidate line measured whole (in the paragraph's
    context, as fit.Measure sees it), a word wider than the line cut at the longest prefix that
    fits, wherever it stands."""
    measure = fit.Measure(text, [(len(text), (family, bold, italic))], size_pt, cjk_family)

    def fits(i, j):
        while j > i and text[j - 1].isspace():
            j -= 1
        return measure(i, j) <= width_pt

    lines = []

    def start(i, j):
        while j - i > 1 and not fits(i, j):
            cut = j - i - 1
            while cut > 1 and not fits(i, i + cut):
                cut -= 1
            lines.append(text[i:i + cut])
            i += cut
        return i, j

    ls = le = 0
    for token in fit._TOKENS.finditer(text):
        ts, te = token.span()
        if ls == le:
            ls, le = start(ts, te)
        elif fits(ls, te):
            le = te
        else:
            lines.append(text[ls:le].rstrip())
            if text[ts:te].strip():
                ls, le = start(ts, te)
            else:
                ls = le = te
    lines.append(text[ls:le].rstrip())
    return lines


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), max_size=40), spaces=st.sampled_from([" ", "  ", "", "\t", "\u3000"]),
       width=st.floats(40, 900), size=st.sampled_from([18, 24, 28, 36, 44]), bold=st.booleans())
def test_wrap_gives_the_lines_of_measuring_every_candidate(words, spaces, width, size, bold):
    text = spaces.join(words)
    assert wrap(text, width, size, "Calibri", "Noto Sans CJK SC", bold) == \
        reference_wrap(text, width, size, "Calibri", "Noto Sans CJK SC", bold)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS + ["https://example.org/" + "a" * 120]), max_size=30),
       width=st.floats(30, 600), size=st.sampled_from([18, 24, 36]))
def test_every_line_fits_or_is_one_character(words, width, size):
    text = " ".join(words)
    measure = fit.Measure(text, [(len(text), ("Calibri", False, False))], size, "Noto Sans CJK SC")
    pos = 0
    for line in wrap(text, width, size, "Calibri", "Noto Sans CJK SC"):
        pos = text.index(line, pos)
        assert len(line) <= 1 or measure(pos, pos + len(line)) <= width + 1e-6
        pos += len(line)


def test_wrap_measures_a_long_paragraph_a_few_times_a_line(monkeypatch):
    calls = []
    measure = fit._piece_width.__wrapped__
    monkeypatch.setattr(fit, "_piece_width", functools.lru_cache(lambda *a: calls.append(a[0]) or measure(*a)))
    text = " ".join(f"word{i}" for i in range(400))
    lines = wrap(text, 600, 24, "Calibri", "Noto Sans CJK SC")
    assert len(lines) > 20
    distinct_words = 400
    assert len(calls) < distinct_words + 3 * len(lines)  # each token once, and a few whole lines


def test_a_paragraph_ending_in_a_line_feed_wraps_like_one_without():
    text = "PhD, Stanford History Department (2018); formerly Research Fellow, Emmanuel College.\n"
    assert wrap(text, 300, 24, "Calibri", "Noto Sans CJK SC") == wrap(text.strip(), 300, 24, "Calibri", "Noto Sans CJK SC")


@needs("fontconfig")
@pytest.mark.parametrize("pattern", ["Calibri", "Calibri:bold", "Calibri:italic", "Calibri:bold:italic",
                                     "Noto Sans CJK SC", "Noto Sans CJK SC:bold", "Arial", "Cambria",
                                     "Times New Roman:italic", "No Such Font", "sans-serif", ""])
def test_fonts_are_the_files_fc_match_names(pattern):
    named = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True).stdout.strip()
    assert fonts._fontconfig()(pattern) == (named or None)


def reference_text_width(text, size_pt, family, cjk_family, bold=False, italic=False):
    """text_width() the plain way: both fonts loaded, each East Asian run measured with the CJK one."""
    latin = fonts.load_font(fonts.font_file(family, bold, italic), size_pt)
    cjk = fonts.load_font(fonts.font_file(cjk_family, bold), size_pt)
    total = 0.0
    pos = 0
    for start, end in east_asian_runs(text) + [(len(text), len(text))]:
        if text[pos:start]:
            total += latin.getlength(text[pos:start]) / 64
        for ch in text[start:end]:  # ambiguous punctuation one em; the rest as the CJK font has it
            total += size_pt if WEAK.match(ch) else cjk.getlength(ch) / 64
        if start < end:  # a quarter em where the run touches other text, or opens with a quotation mark
            total += size_pt / 4 * ((start > 0 and not text[start - 1].isspace())
                                    + (end < len(text) and not text[end].isspace())
                                    + (start == 0 and bool(WEAK.match(text[0])) and end > 1))
        pos = end
    return total


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS + [" ", "，", "。", "“", "”", "…"]), max_size=12), size=st.sampled_from([18, 24, 36]),
       bold=st.booleans(), italic=st.booleans())
def test_text_width_measures_as_before(words, size, bold, italic):
    text = "".join(words)
    assert fit.text_width(text, size, "Calibri", "Noto Sans CJK SC", bold, italic) == \
        pytest.approx(reference_text_width(text, size, "Calibri", "Noto Sans CJK SC", bold, italic), abs=1e-6)
