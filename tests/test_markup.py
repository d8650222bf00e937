"""Inline markup, definition bullets, code as runs and East Asian width: the pure parts, no file written."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talkdeck.layout import BODY, EMU_PER_PT, INSET_Y, LINE_SPACING, inches
from talkdeck.load import parse_talk
from talkdeck.plan.code import PANEL_PAD, code_paras, panel_color
from talkdeck.plan.planner import plan_slides
from talkdeck.plan.prose import definition_para
from talkdeck.text.color import contrast
from talkdeck.text.fit import Para, fit_text, line_width, run_faces, text_width, wrap_faces
from talkdeck.text.markup import parse, plain, plain_lines
from talkdeck.text.script import east_asian_runs, runs_by_script

from .conftest import MINIMAL

FONTS = ("Calibri", "Noto Sans CJK SC", "Courier New")


def runs(text: str) -> list[tuple]:
    """(text, flags) of each run, the flags a short string: b, i, c and the link."""
    return [(r.text, ("b" if r.bold else "") + ("i" if r.italic else "") + ("c" if r.code else "")
             + (f"->{r.link}" if r.link else "")) for r in parse(text)]


@pytest.mark.parametrize("text, expected", [
    ("a *b* **c** `d`", [("a ", ""), ("b", "i"), (" ", ""), ("c", "b"), (" ", ""), ("d", "c")]),
    ("**bold *and italic***", [("bold ", "b"), ("and italic", "bi")]),
    ("*it **both** it*", [("it ", "i"), ("both", "bi"), (" it", "i")]),
    ("see [the paper](https://doi.org/10.1017/x) now",
     [("see ", ""), ("the paper", "->https://doi.org/10.1017/x"), (" now", "")]),
    ("[**bold** link](https://example.org)", [("bold", "b->https://example.org"), (" link", "->https://example.org")]),
    ("`a  *b*  [c](https://x.org)`", [("a *b* [c](https://x.org)", "c")]),
])
def test_markup_becomes_runs_in_their_faces(text, expected):
    assert runs(text) == expected


@pytest.mark.parametrize("text", [
    "2 * 3 = 6 and *unmatched",
    "1. not a numbered list",
    "# not a heading",
    "- not a list either",
    "> not a quotation",
    "__init__, snake_case and _underscores_",
    "<b>no HTML</b> &amp; no entities",
    "[a link without its URL]",
    "[unsafe](javascript:alert(1))",
    "~~no strikethrough~~",
])
def test_what_is_not_markup_stays_as_typed(text):
    assert runs(text) == [(text, "")]


def test_a_backslash_shows_markup_characters_as_typed():
    assert runs(r"\*not italic\*, \`not code\`, \[not a link](x) and a \ alone") == [
        ("*not italic*, `not code`, [not a link](x) and a \\ alone", "")]


def test_runs_flow_as_one_line():
    assert runs("  a **b**\n  c   *d*  \n") == [("a ", ""), ("b", "b"), (" c ", ""), ("d", "i")]


def test_a_url_is_normalised_and_read_back_as_typed_in_the_notes():
    (run,) = parse("[Zürich](https://example.org/Zürich)")
    assert run.link == "https://example.org/Z%C3%BCrich"
    assert plain("[Zürich](https://example.org/Zürich)") == "Zürich (https://example.org/Zürich)"


def test_notes_keep_the_words_a_link_with_its_url():
    assert plain("A **bold** *claim*, see [the paper](https://doi.org/10.1/x) and `code`") == \
        "A bold claim, see the paper (https://doi.org/10.1/x) and code"
    assert plain("[https://example.org](https://example.org)") == "https://example.org"
    assert plain("[write](mailto:ada@example.org)") == "write (ada@example.org)"
    assert plain_lines("*One*\n\n- two **2**\n  3 * 4") == "One\n\n- two 2\n  3 * 4"


def test_a_paragraph_applies_its_own_emphasis_to_every_run():
    para = Para("a *b* `c`", bold=True)
    assert para.text == "a b c"
    assert [(r.text, r.bold, r.italic, r.code) for r in para.runs] == [
        ("a ", True, False, False), ("b", True, True, False), (" ", True, False, False), ("c", True, False, True)]
    assert Para("**x**", markup=False).text == "**x**"


def test_each_run_is_measured_in_its_own_face():
    size = 24
    regular = line_width(Para("Emphasis matters"), size, *FONTS)
    bold = line_width(Para("**Emphasis** matters"), size, *FONTS)
    mono = line_width(Para("`Emphasis` matters"), size, *FONTS)
    assert regular < bold < mono
    assert bold == pytest.approx(text_width("Emphasis", size, "Calibri", "Noto Sans CJK SC", bold=True)
                                 + text_width(" matters", size, "Calibri", "Noto Sans CJK SC"))
    # Code is wider: a line that fits as prose wraps as code.
    words = " ".join(["configuration"] * 6)
    width = line_width(Para(words), size, *FONTS) + 5
    prose, code = Para(words), Para(f"`{words}`")
    assert len(wrap_faces(prose.text, run_faces(prose.runs, "Calibri", "Courier New"), width, size,
                          "Noto Sans CJK SC")) == 1
    assert len(wrap_faces(code.text, run_faces(code.runs, "Calibri", "Courier New"), width, size,
                          "Noto Sans CJK SC")) > 1


# --- definition bullets ------------------------------------------------------------------------

DEFINITIONS = MINIMAL.replace("""          - one
          - two
""", """          - Anomaly: the difference from a *baseline*
          - Founded: 1953
          - 距平: 与基准期的差值
          - Terms:
              - one
          - plain text
""")


def test_a_term_and_its_explanation_is_a_definition_and_a_list_still_means_sub_points():
    talk = parse_talk(DEFINITIONS, "talk.yaml")
    bullets = talk.sections[0].slides[0].bullets
    assert [(b.term, b.text, [c.text for c in b.children]) for b in bullets] == [
        ("Anomaly", "the difference from a *baseline*", []), ("Founded", "1953", []),
        ("距平", "与基准期的差值", []), (None, "Terms", ["one"]), (None, "plain text", [])]
    assert bullets[1].words() == ["Founded", "1953"]


def test_a_definition_shows_its_term_in_bold_then_a_colon():
    para = definition_para("Anomaly", "the difference from a *baseline*")
    assert [(r.text, r.bold, r.italic) for r in para.runs] == [
        ("Anomaly", True, False), (": the difference from a ", False, False), ("baseline", False, True)]
    assert para.bullet
    # After an East Asian term, the colon is the full-width one Chinese is written with.
    assert definition_para("距平", "与基准期的差值").text == "距平：与基准期的差值"


def test_definitions_are_planned_as_bullets():
    specs, _ = plan_slides(parse_talk(DEFINITIONS, "talk.yaml"))
    body = next(s for s in specs if s.title == "First point").text("body")
    assert [p.text for p in body.paras] == ["Anomaly: the difference from a baseline", "Founded: 1953",
                                            "距平：与基准期的差值", "Terms", "one", "plain text"]


# --- code --------------------------------------------------------------------------------------

CODE = textwrap.dedent('''\
    def fit(paras, box):
    \t"""Shrink until it fits."""
        size = 24  # start large

        while too_tall(paras, box, size):
            size -= 1
''')


def test_code_keeps_its_lines_and_indentation_exactly():
    paras = code_paras(CODE, "python", "#FFFFFF", "#1F2933")
    assert [p.text for p in paras] == CODE.expandtabs(4).rstrip("\n").split("\n")
    assert all(r.code for p in paras for r in p.runs)
    assert all(not p.wrap and p.tight for p in paras)
    keyword = next(r for r in paras[0].runs if r.text.startswith("def"))
    comment = next(r for r in paras[2].runs if r.text.startswith("#"))
    assert keyword.bold and comment.italic and keyword.color != comment.color


@pytest.mark.parametrize("background, text", [("#FFFFFF", "#1F2933"), ("#111827", "#F3F4F6"),
                                              ("#FDF6E3", "#073642"), ("#002B36", "#EEE8D5")])
def test_every_token_colour_reads_on_the_code_panel(background, text):
    panel = panel_color(background, text)
    code = CODE + 'x = [1.5, "s", f"{x!r}"]  # ~ @decorator 0x1F\nclass A(B): pass\n'
    colors = {r.color or text for p in code_paras(code, "python", background, text) for r in p.runs}
    assert len(colors) >= 4
    assert min(contrast(c, panel) for c in colors) >= 4.5


YAML = """\
jobs:
  test:
    runs-on: ubuntu-latest  # the runner
    steps:
      - run: python -m pytest -q
"""


@pytest.mark.parametrize("background, text", [("#FFFFFF", "#1F2933"), ("#0B1020", "#E6E9F0")])
def test_yaml_is_coloured_though_its_lexer_has_token_types_no_style_names(background, text):
    # Pygments' YAML lexer emits Literal.Scalar.Plain, which a style knows only as Literal.
    paras = code_paras(YAML, "yaml", background, text)
    assert [p.text for p in paras] == YAML.rstrip("\n").split("\n")
    key = next(r for r in paras[0].runs if r.text.startswith("jobs"))
    comment = next(r for r in paras[2].runs if r.text.startswith("#"))
    assert key.color and comment.color and key.color != comment.color


def test_code_without_a_language_is_one_colour_and_not_markup():
    paras = code_paras("a = *b*  # `c`\n  [d](https://x.org)", None, "#FFFFFF", "#1F2933")
    assert [(r.text, r.color, r.link) for p in paras for r in p.runs] == [
        ("a = *b*  # `c`", None, None), ("  [d](https://x.org)", None, None)]


def test_a_code_line_too_wide_shrinks_the_block_instead_of_wrapping():
    # 80 characters of 0.6 em: 864 pt at 18 pt, wider than the body's 859 pt; 816 pt at 17.
    narrow = code_paras("x = 1\n" + "y" * 80, None, "#FFFFFF", "#1F2933")
    fit = fit_text(narrow, BODY, 24, 14, *FONTS)
    assert fit.fits and fit.lines == 2 and fit.size == 17
    assert fit_text(code_paras("z" * 200, None, "#FFFFFF", "#1F2933"), BODY, 24, 14, *FONTS).fits is False


CODE_SLIDES = MINIMAL + """\
      - title: Long code
        language: pyhton
        code: |
""" + "".join(f"          line_{i} = compute({i})  # step {i}\n" for i in range(40)) + """\
        notes: Too long on purpose.
      - title: Unknown language
        language: not-a-language
        code: x
        notes: n
"""


def test_a_code_line_too_wide_even_at_the_floor_is_warned_and_its_panel_is_as_tall_as_its_lines():
    wide = MINIMAL + """\
      - title: Wide code
        code: |
          short = 1
          summary = "Collector {{ $labels.instance }} has been down for five minutes in {{ $labels.region }} today"
          done = True
        notes: n
"""
    specs, warnings = plan_slides(parse_talk(wide, "talk.yaml"))
    assert [str(w) for w in warnings] == [
        "talk.yaml:15:15: warning: sections[0].slides[1].code: code does not fit its box even at 14 pt "
        "(3 lines, the longest 105 characters); shorten it or split the slide"]
    block = next(t for t in specs[5].texts if t.role == "code")
    assert block.size == 14 and not block.fits
    # The text box wraps the long line at a space: the panel holds four lines, plus its margins.
    margins = 2 * (INSET_Y + PANEL_PAD) + inches(0.05)
    assert block.box.h == round(4 * 14 * LINE_SPACING * EMU_PER_PT) + margins


def test_code_too_long_and_unknown_languages_are_warned_at_their_lines():
    specs, warnings = plan_slides(parse_talk(CODE_SLIDES, "talk.yaml"))
    assert [str(w) for w in warnings] == [
        "talk.yaml:15:19: warning: sections[0].slides[1].language: no colours for the language 'pyhton' "
        "(did you mean 'python'?); the code is shown in one colour",
        "talk.yaml:16:15: warning: sections[0].slides[1].code: code does not fit its box even at 14 pt "
        "(40 lines, the longest 32 characters); shorten it or split the slide",
        "talk.yaml:59:19: warning: sections[0].slides[2].language: no colours for the language "
        "'not-a-language'; the code is shown in one colour",
    ]
    code = next(s for s in specs if s.title == "Long code").text("code")
    assert code.size == 14 and not code.fits


def test_a_code_key_with_nothing_after_it_is_named():
    bad = MINIMAL.replace("        bullets:\n          - one\n          - two\n", "        code:\n")
    with pytest.raises(Exception) as info:
        parse_talk(bad, "talk.yaml")
    assert [str(p) for p in info.value.problems] == [
        "talk.yaml:10:14: sections[0].slides[0].code: is blank (expected the code, as a block of lines)"]


def test_a_statement_of_several_lines_is_warned_that_they_are_joined():
    text = MINIMAL + """\
      - title: Not code
        statement: |
          def f(x):
              return x
        notes: n
"""
    _, warnings = plan_slides(parse_talk(text, "talk.yaml"))
    assert [str(w) for w in warnings] == [
        "talk.yaml:15:20: warning: sections[0].slides[1].statement: a statement is one sentence: its 2 lines are "
        "joined into one; for code or other text whose lines matter, write 'code:'"]
    folded = text.replace("statement: |\n          def f(x):\n              return x",
                          "statement: >\n          One sentence\n          on two lines.")
    assert "One sentence" in folded
    assert plan_slides(parse_talk(folded, "talk.yaml"))[1] == []


def test_language_only_goes_with_code():
    bad = MINIMAL.replace("        notes: Say one, then two.\n", "        language: python\n        notes: n\n")
    with pytest.raises(Exception) as info:
        parse_talk(bad, "talk.yaml")
    assert [str(p) for p in info.value.problems] == [
        "talk.yaml:13:19: sections[0].slides[0].language: 'language' belongs on code slides "
        "(this is a bullets slide)"]


# --- East Asian width --------------------------------------------------------------------------

def test_curly_quotes_inside_chinese_are_measured_full_width_as_libreoffice_draws_them():
    size, latin, cjk = 24, "Calibri", "Noto Sans CJK SC"
    # LibreOffice 7.4 advanced 192.07 pt over this line at 24 pt (pypdfium2's character origins);
    # 264.1 pt over the second; Noto's default “ is half as wide.
    assert text_width("中文“引号”中文", size, latin, cjk) == 8 * size
    assert text_width("中文…中文—中文‘单’", size, latin, cjk) == 11 * size
    # Beside Latin text the same marks are narrow.
    assert text_width("“USSR”", size, latin, cjk) < text_width("USSR", size, latin, cjk) + size


def test_a_quotation_mark_after_formatted_chinese_is_measured_as_chinese():
    """Scripts are decided on the whole paragraph, not run by run: the ” after a bold Chinese word
    is a full em, as LibreOffice draws it."""
    size = 24
    assert line_width(Para("**中文**”…"), size, *FONTS) == pytest.approx(4 * size)
    assert line_width(Para("“**中文**”"), size, *FONTS) == pytest.approx(4.25 * size)  # see below


@pytest.mark.parametrize("text, drawn", [("ABC中文", 93.6), ("中文ABC中文", 147.3), ("中文1953年", 132.0),
                                         ("“中文”", 101.7), ("中文, ABC.", 110.9)])
def test_east_asian_text_beside_latin_is_measured_with_the_space_libreoffice_adds(text, drawn):
    """``drawn``: the advance LibreOffice 7.4 gave ``text`` at 24 pt (pypdfium2's character origins),
    about a quarter em more at each meeting of East Asian and other text than the glyphs' own."""
    measured = text_width(text, 24, "Calibri", "Noto Sans CJK SC")
    assert drawn <= measured <= drawn + 1


@pytest.mark.parametrize("text, expected", [
    ("中文“引号”中文", [("中文“引号”中文", "zh-CN")]),
    ("“中文”开头", [("“中文”开头", "zh-CN")]),
    ("English “中文” after", [("English “", "en-GB"), ("中文”", "zh-CN"), (" after", "en-GB")]),
    ("中文 “English” 中文", [("中文 “", "zh-CN"), ("English” ", "en-GB"), ("中文", "zh-CN")]),
    ("中文…中文—中文·中文", [("中文…中文—中文", "zh-CN"), ("·", "en-GB"), ("中文", "zh-CN")]),
    ("Пятилетка «план» — 五年计划", [("Пятилетка «план» — ", "ru-RU"), ("五年计划", "zh-CN")]),
    ("ﾃｽﾄ, 한국어, 𠀀 and 😀", [("ﾃｽﾄ", "ja-JP"), (", ", "en-GB"), ("한국어", "ko-KR"), (", ", "en-GB"),
                              ("𠀀", "zh-CN"), (" and 😀", "en-GB")]),
])
def test_ambiguous_punctuation_takes_the_script_of_the_text_before_it(text, expected):
    """As LibreOffice 7.4 drew these (checked with pypdfium2's font names): “ ” ‘ ’ … — after East
    Asian text (even past a space) or opening it are drawn with the East Asian font; · is Latin."""
    assert runs_by_script(text, "en-GB") == expected


def test_in_an_east_asian_talk_shared_punctuation_is_measured_east_asian_wherever_it_stands():
    """The deck sets “ ” in the East Asian font in a Chinese talk even beside Latin words
    (script.draws_east_asian), so they are measured full-width there, with the space between scripts."""
    size, latin, cjk = 24, "Calibri", "Noto Sans CJK SC"
    quote = text_width("“", size, latin, cjk)
    english = text_width("Read “Capital”", size, latin, cjk, language="en-GB")
    chinese = text_width("Read “Capital”", size, latin, cjk, language="zh-CN")
    assert chinese == pytest.approx(english - 2 * text_width("“", size, latin, cjk) + 2 * size + 2 * size / 4)
    assert quote < size / 2
    assert runs_by_script("Read “Capital”", "zh-CN") == [("Read ", "zh-CN"), ("“", "zh-CN"), ("Capital", "zh-CN"),
                                                          ("”", "zh-CN")]


def test_east_asian_width_comes_from_the_unicode_data():
    # Wide and full-width characters outside the old hand-written ranges.
    for ch in ("\u3400", "\U00020000", "\u1100", "\uff21", "\uff71"):
        assert east_asian_runs(f"a{ch}b") == [(1, 2)], ch
    for ch in ("\u00e9", "\u0416", "\u00b7", "\u2603"):
        assert east_asian_runs(f"a{ch}b") == [], ch


# --- properties ------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab *`\\[]_#1.\n中“”", max_size=40))
def test_markup_never_loses_a_word(text):
    """Whatever is written, the letters, digits and Chinese shown are those typed, in order: markup
    only ever takes away its own marks (without parentheses no link can form, so no URL is dropped)."""
    shown = "".join(r.text for r in parse(text))
    kept = [ch for ch in text if ch.isalnum()]
    assert [ch for ch in shown if ch.isalnum()] == kept
    assert shown == shown.strip(" ") and "  " not in shown
    assert plain(text) == shown


def test_a_table_cell_of_code_gets_a_column_as_wide_as_its_identifier_in_the_monospace_font():
    from talkdeck.model import Theme
    from talkdeck.plan.tables import plan_table

    identifier = "NOAAGlobalTempLongIdentifierName"
    plan = plan_table([["Series", "Notes"], [f"`{identifier}`", "x " * 30]], BODY, Theme(), "en-GB")
    assert plan.cells[1][0] == identifier  # measured as shown, the backticks gone
    inner = plan.col_widths[0] / 12700 - 2 * 7.2
    assert text_width(identifier, plan.size, "Courier New", "Noto Sans CJK SC") <= inner
    assert plan.rows[1][0] == f"`{identifier}`"  # written with its markup
