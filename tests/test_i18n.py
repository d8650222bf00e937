"""talkdeck's own words in the talk's language: catalogs, CLDR forms, overrides, built decks."""

from __future__ import annotations

import datetime as dt
import fnmatch
import gettext
import re
import tomllib

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from pptx import Presentation

from talkdeck.build import build
from talkdeck.commands.check import Report, TimeRow, clip, display_width, format_time_table
from talkdeck.errors import OutlineError
from talkdeck.lang.i18n import LOCALE_DIR, Messages, catalog_for, catalogs
from talkdeck.lang.strings import MESSAGES, fields_of
from talkdeck.load import load_talk, parse_talk

from .conftest import ROOT, write_outline

SHIPPED = ["ar", "de", "en", "es", "fa", "fr", "he", "ja", "ko", "ru", "th", "zh_Hans", "zh_Hant"]
#: One tag per shipped catalog, as a talk would write it.
TAGS = {"en": "en-GB", "zh_Hans": "zh-CN", "zh_Hant": "zh-TW", "ja": "ja", "ko": "ko", "ru": "ru", "de": "de",
        "fr": "fr", "es": "es", "ar": "ar", "he": "he", "fa": "fa", "th": "th"}


def read_catalog(locale: str):
    with open(LOCALE_DIR / locale / "LC_MESSAGES" / "talkdeck.po", "rb") as f:
        return read_po(f, locale=locale)


def extracted() -> dict[tuple[str, str], object]:
    """What pybabel extracts from strings.py with the keywords of tools/catalogs.sh."""
    found = extract_from_file("python", ROOT / "src" / "talkdeck" / "lang" / "strings.py",
                              keywords={"M": ((1, "c"), 2), "P": ((1, "c"), 2, 3)}, comment_tags=("TRANSLATORS:",))
    out = {}
    for _, message, _, context in found:
        msgid = message if isinstance(message, str) else message[0]
        out[(context, msgid)] = message
    return out


# --- the catalogs ------------------------------------------------------------------------

def test_the_shipped_catalogs():
    assert catalogs() == SHIPPED


def test_extraction_finds_every_message_of_the_registry():
    found = extracted()
    assert sorted(found) == sorted((m.key, m.text) for m in MESSAGES.values())
    for m in MESSAGES.values():
        assert found[(m.key, m.text)] == ((m.text, m.plural) if m.plural else m.text)


def test_the_template_is_current():
    with open(LOCALE_DIR / "talkdeck.pot", "rb") as f:
        pot = read_po(f)
    assert sorted((m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in pot if m.id) == sorted(extracted())


@pytest.mark.parametrize("locale", SHIPPED)
def test_every_catalog_has_every_message_translated(locale):
    catalog = read_catalog(locale)
    assert catalog.num_plurals == len(catalog.plural_forms and catalog.plural_expr and
                                      [0] * catalog.num_plurals)  # Plural-Forms present
    by_key = {m.context: m for m in catalog if m.id}
    assert sorted(by_key) == sorted(MESSAGES), "run tools/catalogs.sh, then translate"
    problems = []
    for key, m in MESSAGES.items():
        entry = by_key[key]
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy:
            problems.append(f"{key}: fuzzy")
        if not all(strings):
            problems.append(f"{key}: untranslated")
        if m.plural and len(strings) != catalog.num_plurals:
            problems.append(f"{key}: {len(strings)} plural forms, expected {catalog.num_plurals}")
        for s in strings:
            if s and fields_of(s) != m.fields:
                problems.append(f"{key}: fields {sorted(fields_of(s))}, expected {sorted(m.fields)}")
    assert problems == []


@pytest.mark.parametrize("locale", SHIPPED)
def test_the_compiled_catalog_matches_its_po(locale):
    catalog = read_catalog(locale)
    with open(LOCALE_DIR / locale / "LC_MESSAGES" / "talkdeck.mo", "rb") as f:
        mo = gettext.GNUTranslations(f)
    for entry in catalog:
        if not entry.id:
            continue
        if isinstance(entry.id, tuple):
            for n, form in enumerate(entry.string):
                sample = next(i for i in [*range(200), 10**6] if mo.plural(i) == n)
                assert mo.npgettext(entry.context, *entry.id, sample) == form, \
                    f"{locale}: {entry.context} is stale in the .mo; run pybabel compile (tools/catalogs.sh)"
        else:
            assert mo.pgettext(entry.context, entry.id) == entry.string, \
                f"{locale}: {entry.context} is stale in the .mo; run pybabel compile (tools/catalogs.sh)"


def test_the_catalogs_ship_as_package_data():
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["talkdeck"]
    package = ROOT / "src" / "talkdeck"
    files = [p.relative_to(package).as_posix() for p in (package / "lang" / "locales").rglob("*") if p.is_file()]
    assert len(files) == 2 * len(SHIPPED) + 1
    assert [f for f in files if not any(fnmatch.fnmatch(f, g) for g in globs)] == []


# --- languages, CLDR forms ------------------------------------------------------------------

@pytest.mark.parametrize("tag, catalog", [
    ("zh-CN", "zh_Hans"), ("zh-Hans", "zh_Hans"), ("zh", "zh_Hans"), ("zh-SG", "zh_Hans"),
    ("zh-TW", "zh_Hant"), ("zh-Hant", "zh_Hant"), ("zh-HK", "zh_Hant"), ("zh-Hant-TW", "zh_Hant"),
    ("en-GB", "en"), ("en-US", "en"), ("de-AT", "de"), ("fr-CA", "fr"), ("es-419", "es"), ("ja-JP", "ja"),
    ("ko-KR", "ko"), ("ru-RU", "ru"), ("pt-BR", None), ("tlh", None),
])
def test_language_tags_find_their_catalog(tag, catalog):
    assert catalog_for(tag) == catalog


@pytest.mark.parametrize("tag, date, number", [
    ("zh-CN", "2025年5月20日", "1,234.5"), ("zh-TW", "2025年5月20日", "1,234.5"), ("ja", "2025年5月20日", "1,234.5"),
    ("ko", "2025년 5월 20일", "1,234.5"), ("ru", "20 мая 2025\u202fг.", "1\xa0234,5"), ("de", "20. Mai 2025", "1.234,5"),
    ("fr", "20 mai 2025", "1\u202f234,5"), ("es", "20 de mayo de 2025", "1.234,5"), ("en-GB", "20 May 2025", "1,234.5"),
    ("en-US", "May 20, 2025", "1,234.5"),
])
def test_dates_and_numbers_by_cldr(tag, date, number):
    m = Messages(tag)
    assert m.date(dt.date(2025, 5, 20)) == date
    assert m.number(1234.5) == number
    assert m.number(-3) == "\u22123"


@pytest.mark.parametrize("tag, date", [("fr", "1er octobre 2026"), ("fr-CA", "1er octobre 2026"),
                                       ("en-GB", "1 October 2026"), ("de", "1. Oktober 2026")])
def test_french_writes_the_first_of_a_month_as_an_ordinal(tag, date):
    assert Messages(tag).date(dt.date(2026, 10, 1)) == date
    assert Messages(tag).date(dt.date(2026, 10, 2)) == date.replace("1er", "2").replace("1 ", "2 ").replace("1.", "2.")


@pytest.mark.parametrize("tag, counts", [
    ("ru", {1: "1 минута", 2: "2 минуты", 5: "5 минут", 11: "11 минут", 21: "21 минута", 1.5: "1,5 минуты"}),
    ("en", {1: "1 minute", 2: "2 minutes", 1.5: "1.5 minutes"}),
    ("fr", {0: "0 minute", 1: "1 minute", 1.5: "1,5 minute", 2: "2 minutes"}),
    ("de", {1: "1 Minute", 1.5: "1,5 Minuten"}),
    ("zh-CN", {1: "1分钟", 5: "5分钟"}),
])
def test_plurals_follow_the_catalogs_plural_forms(tag, counts):
    m = Messages(tag)
    assert {n: m.count("minutes_count", n) for n in counts} == counts


def test_sentences_join_without_spaces_after_a_full_stop():
    assert Messages("zh-CN").sentences("议程。", "第1部分：甲。") == "议程。第1部分：甲。"
    assert Messages("en").sentences("Agenda.", None, "Part 1: A.") == "Agenda. Part 1: A."
    assert Messages("en").sentences("Title slide. Why now?.", "Part 1: Go!.") == "Title slide. Why now? Part 1: Go!"
    assert Messages("zh-CN").sentences("封面：为什么？。", "演讲者：某人。") == "封面：为什么？演讲者：某人。"
    assert Messages("ko").sentences("슬라이드: 가; 내일이다..", "끝.") == "슬라이드: 가; 내일이다. 끝."
    assert Messages("en").sentences("Slides: A; and so on...") == "Slides: A; and so on..."
    assert Messages("en").sentences("Title slide. Why now?: A sub.") == "Title slide. Why now? A sub."
    assert Messages("fr").sentences("Titre. Pourquoi\u202f?\u00a0: Une analyse.") == "Titre. Pourquoi\u202f? Une analyse."
    assert Messages("zh-CN").sentences("封面：为什么？：副标题。") == "封面：为什么？副标题。"
    assert Messages("en").sentences("Part 1: Why?:x") == "Part 1: Why?:x"


# --- overrides and the fallback ---------------------------------------------------------------

RU_TALK = (ROOT / "tests" / "fixtures" / "talks" / "ru" / "talk.yaml").read_text(encoding="utf-8")


def test_strings_override_generated_text(outline_dir):
    text = RU_TALK + "strings:\n  agenda: План доклада\n  part_of: 'Часть {number}/{total}'\n  closing_title: Спасибо!\n"
    write_outline(outline_dir, text)
    result = build(outline_dir / "talk.yaml")
    slides = Presentation(str(result.output)).slides
    texts = [slide_text(s) for s in slides]
    assert slides[2].shapes.title.text == "План доклада"
    assert "Часть 1/2" in texts[3]
    assert "Спасибо!" in texts[-1]


def test_unknown_override_names_and_fields_are_errors(outline_dir):
    write_outline(outline_dir, RU_TALK + "strings:\n  agendaa: План\n  part_of: 'Часть {num}'\n  source: 'a {'\n")
    with pytest.raises(OutlineError) as e:
        load_talk(outline_dir / "talk.yaml", "talk.yaml")
    line = len(RU_TALK.splitlines()) + 2
    assert [str(p) for p in e.value.problems] == [
        f"talk.yaml:{line}:12: strings.agendaa: unknown text to override (did you mean 'agenda'?)",
        f"talk.yaml:{line + 1}:12: strings.part_of: unknown field {{num}} (this text has: {{number}}, {{total}})",
        f"talk.yaml:{line + 2}:11: strings.source: a '{{' or '}}' without its pair (write '{{{{' or '}}}}' for a brace itself)",
    ]


def test_a_language_without_a_catalog_warns_once_and_speaks_english(outline_dir):
    write_outline(outline_dir, RU_TALK.replace("language: ru", "language: pt-BR"))
    talk = load_talk(outline_dir / "talk.yaml", "talk.yaml")
    warnings = [str(p) for p in talk.warnings if "translation" in p.message]
    assert warnings == ["talk.yaml:8:11: warning: language: talkdeck has no translation for 'pt-BR' (it has ar, de, en, "
                        "es, fa, fr, he, ja, ko, ru, th, zh-Hans, zh-Hant); the words it adds (agenda, part numbers, notes) "
                        "stay in English unless 'strings:' gives them"]
    result = build(outline_dir / "talk.yaml", display_name="talk.yaml")
    assert [str(p) for p in result.warnings if "translation" in p.message] == warnings
    assert "Agenda" in slide_text(Presentation(str(result.output)).slides[2])


# --- the full-width colon ---------------------------------------------------------------------

COLON_TALK = """\
title: 演讲
language: zh-CN
speaker: {name: 某人, bio: 简介。}
sections:
  - title: 第一部分
    slides:
      - title: 援助
        bullets:
          - 援助本身：
            - 贷款、设计与设备
            - 专家：
              - 数以千计
          - 一套模式
        notes: 说明。
"""


def test_a_fullwidth_colon_makes_sub_points_as_a_colon_does(outline_dir):
    write_outline(outline_dir, COLON_TALK)
    talk = load_talk(outline_dir / "talk.yaml", "talk.yaml")
    bullets = talk.sections[0].slides[0].bullets
    shape = [(b.text, [(c.text, [g.text for g in c.children]) for c in b.children]) for b in bullets]
    assert shape == [("援助本身", [("贷款、设计与设备", []), ("专家", ["数以千计"])]), ("一套模式", [])]
    assert [b.pos for b in bullets] == [(9, 13), (13, 13)]
    assert bullets[0].children[1].pos == (11, 15)
    assert talk.warnings == []


def test_the_joined_point_warning_asks_for_the_fullwidth_colon_in_cjk(outline_dir):
    write_outline(outline_dir, COLON_TALK.replace("援助本身：", "援助本身"))
    talk = load_talk(outline_dir / "talk.yaml", "talk.yaml")
    assert [str(p) for p in talk.warnings] == [
        "talk.yaml:9:13: warning: sections[0].slides[0].bullets[0]: a '- ' line was joined into this point as text; "
        "to make it a sub-point, end the point with '：' (- 要点：)"]


# --- the time table ---------------------------------------------------------------------------

def test_the_time_table_aligns_by_display_width():
    rows = [TimeRow("1. 一场前所未有的技术转移", 3, 21, 12.0, "sections[0].minutes"),
            TimeRow("2. Learning", 5, 25, 15.0, "sections[1].minutes"),
            TimeRow("3. 学习苏联与“本土化”的漫长过程以及其后数十年中国工业的演变与影响", 2, 10, 3.0, "x")]
    lines = format_time_table(Report([], rows, duration=30))[1:]
    assert display_width(rows[0].label) == 25
    widths = {display_width(line) for line in lines}
    assert len(widths) == 1, lines
    assert [display_width(line[:line.index("  ", 2)]) for line in lines[1:]] == [2 + 25, 2 + 11, 2 + 44, 2 + 5]
    assert clip("学习苏联", 5) == "学习…"


# --- built decks in every language --------------------------------------------------------------

ZH_TALK = (ROOT / "tests" / "fixtures" / "talks" / "zh-CN" / "talk.yaml").read_text(encoding="utf-8")


def slide_text(slide) -> str:
    parts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    parts += [cell.text for shape in slide.shapes if shape.has_table for row in shape.table.rows for cell in row.cells]
    parts += [shape._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0] for shape in slide.shapes
              if shape.shape_type == 13 and shape._element.xpath("./p:nvPicPr/p:cNvPr/@descr")]
    if slide.has_notes_slide:
        parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def english_chrome(locale: str) -> set[str]:
    """Words of talkdeck's English texts that the language's catalog does not use itself."""
    translated = " ".join(s for m in read_catalog(locale) if m.id
                          for s in (m.string if isinstance(m.string, tuple) else (m.string,)))
    words = set()
    for m in MESSAGES.values():
        for text in filter(None, (m.text, m.plural)):
            literal = re.sub(r"\{\w+\}", " ", text)
            words |= {w for w in re.findall(r"[A-Za-z]{3,}", literal) if w not in translated}
    return words


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    """The Chinese fixture talk, built once in each shipped language (the charts' cache shared)."""
    folder = tmp_path_factory.mktemp("i18n")
    out = {}
    for locale, tag in TAGS.items():
        text = ZH_TALK.replace("language: zh-CN", f"language: {tag}").replace("      能源: 52", "      能源: 1234.5")
        outline = write_outline(folder, text, f"talk-{locale}.yaml")
        result = build(outline, folder / "build" / f"talk-{locale}.pptx")
        prs = Presentation(str(result.output))
        out[locale] = ([slide_text(s) for s in prs.slides], result)
    return out


@pytest.mark.parametrize("locale", [c for c in SHIPPED if c != "en"])
def test_a_built_deck_holds_no_english_chrome(decks, locale):
    texts, result = decks[locale]
    words = english_chrome(locale)
    assert {"Agenda", "Part", "Source", "Slide", "minutes"} & words or locale in ("de", "fr")
    found = {w for w in words for t in texts if re.search(rf"\b{w}\b", t)}
    assert found == set(), f"English in the {locale} deck: {sorted(found)}"
    runsheet = (result.output.with_name(f"{result.output.stem}-runsheet.md")).read_text(encoding="utf-8")
    assert {w for w in words if re.search(rf"\b{w}\b", runsheet)} == set()


@pytest.mark.parametrize("locale, expected", [
    ("zh_Hans", ["议程", "1. 一场前所未有的技术转移（12分钟）", "第1部分（共2部分）", "来源：薄一波", "提问与讨论",
                 "2025年5月20日", "建成的150个项目（按部门）（个）", "能源：1,234.5", "“苏联的今天就是我们的明天。”",
                 "——1950年代的宣传口号", "［第1页，共12页］", "第1部分 · 0:00–12:00"]),
    ("zh_Hant", ["議程", "資料來源：", "提問與討論", "「苏联的今天就是我们的明天。」"]),
    ("ja", ["アジェンダ", "第1部（全2部）", "出典：", "質疑応答", "「苏联的今天就是我们的明天。」", "――1950"]),
    ("ko", ["목차", "제1부(총 2부)", "출처: ", "질의응답", "2025년 5월 20일"]),
    ("ru", ["Содержание", "Часть 1 из 2", "Источник: ", "Вопросы?", "20 мая 2025\u202fг.", "(12\xa0мин)",
            "1\xa0234,5", "«苏联的今天就是我们的明天。»", "30 минут, 2 части"]),
    ("de", ["Agenda", "Teil 1 von 2", "Quelle: ", "Fragen?", "20. Mai 2025", "1.234,5", "„苏联"]),
    ("fr", ["Sommaire", "Partie 1 sur 2", "Source\xa0: ", "Questions\u202f?", "20 mai 2025", "1\u202f234,5"]),
    ("es", ["Índice", "Parte 1 de 2", "Fuente: ", "¿Preguntas?", "20 de mayo de 2025", "1.234,5"]),
    ("th", ["หัวข้อการบรรยาย", "ส่วนที่ 1 จาก 2", "ที่มา: ", "คำถาม", "20 พฤษภาคม ค.ศ. 2025", "1,234.5",
            "[สไลด์ 1 จาก 12]"]),
    ("en", ["Agenda", "Part 1 of 2", "Source: ", "Questions?", "20 May 2025", "1,234.5", "[Slide 1 of 12]"]),
])
def test_a_built_deck_speaks_its_language(decks, locale, expected):
    text = "\n".join(decks[locale][0])
    assert [e for e in expected if e not in text] == []


#: A translator's review of the catalogs (issue 23), as the deck's notes and its run sheet show it.
@pytest.mark.parametrize("locale, expected", [
    ("zh_Hans", ["预计用时：12分钟。"]),
    ("zh_Hant", ["預計時間：12分鐘。"]),
    # The chart's title carries its unit in brackets already; a run sheet counts its parts "全2部", not "2部"
    # (two copies), and heads its column 部 as every other text does.
    ("ja", ["グラフのデータ：建成的150个项目（按部门）（个）\n能源：1,234.5", "· 全2部 ·", "| 部 | 開始 | 終了 |"]),
    ("ko", ["표지: 苏联的今天就是我们的明天 — 1952—1957年", "| 구분 | 시작 | 종료 |", "제1부(총 2부): ",
            "历史学高级研究员(莫纳什大学", "建成的150个项目（按部门）(个):"]),
    ("ru", ["· 2 части ·", "| Часть 1 一场", "Кратко: 156项工程从何而来."]),
    ("fr", ["À propos de l’intervenant·e\xa0: 平田康治"]),
])
def test_the_reviewed_words_are_in_the_deck_and_its_run_sheet(decks, locale, expected):
    texts, result = decks[locale]
    runsheet = result.output.with_name(f"{result.output.stem}-runsheet.md").read_text(encoding="utf-8")
    text = "\n".join(texts) + "\n" + runsheet
    assert [e for e in expected if e not in text] == []


@pytest.mark.parametrize("tag, key, fields, expected", [
    ("zh-CN", "quote_title", {}, "引语"),  # 引言 reads as "introduction"
    ("zh-TW", "quote_title", {}, "引文"),
    ("ko", "chart_bar", {}, "세로 막대 그래프"),
    ("ko", "chart_stacked", {}, "누적 세로 막대 그래프"),
    ("ko", "chart_grouped", {}, "묶은 세로 막대 그래프"),
    ("ru", "chart_net_totals", {"totals": "1953 5"},
     "Итоговые значения — суммы с учётом отрицательных величин: 1953 5."),
    ("fr", "chart_gaps", {"points": "1940"}, "Pas de données pour 1940\xa0: la ligne s’interrompt à cet endroit."),
])
def test_the_reviewed_words_of_charts_and_quotes(tag, key, fields, expected):
    assert Messages(tag)(key, **fields) == expected


@pytest.mark.parametrize("tag, counts", [
    ("ru", {1: "1 часть", 2: "2 части", 5: "5 частей", 21: "21 часть", 22: "22 части", 11: "11 частей"}),
    ("ja", {1: "全1部", 3: "全3部"}),
])
def test_the_count_of_sections_in_the_run_sheet(tag, counts):
    m = Messages(tag)
    assert {n: m.count("sections_count", n) for n in counts} == counts


@pytest.mark.parametrize("locale", ["ko"])
def test_korean_sets_no_space_before_a_bracket(locale):
    """One style throughout: a bracket follows its word (as 국립국어원's rules write it)."""
    spaced = [m.context for m in read_catalog(locale) if m.id
              for s in (m.string if isinstance(m.string, tuple) else (m.string,)) if " (" in s]
    assert spaced == []


def test_the_docs_list_every_text_a_speaker_can_override():
    doc = (ROOT / "docs" / "outline.md").read_text(encoding="utf-8")
    missing = [m.key for m in MESSAGES.values()
               if f"| `{m.key}` | {m.text.replace('|', chr(92) + '|')}" not in doc]
    assert missing == []


# --- punctuation drawn as the language's --------------------------------------------------------

def test_han_text_takes_the_talks_own_east_asian_tag():
    from talkdeck.text.script import runs_by_script

    assert runs_by_script("東京 and 日本", "ja") == [("東京", "ja"), (" and ", "ja"), ("日本", "ja")]
    assert runs_by_script("臺灣", "zh-TW") == [("臺灣", "zh-TW")]
    assert runs_by_script("臺灣", "en-GB") == [("臺灣", "zh-CN")]
    assert runs_by_script("한국", "ko") == [("한국", "ko-KR")]


def test_shared_punctuation_goes_with_east_asian_text_in_an_east_asian_talk():
    from talkdeck.text.script import draws_east_asian, runs_by_script

    assert runs_by_script("——1950年代", "zh-CN") == [("——", "zh-CN"), ("1950", "zh-CN"), ("年代", "zh-CN")]
    assert runs_by_script("“苏联。”", "zh-CN") == [("“苏联。”", "zh-CN")]
    assert runs_by_script("“Hi” 苏联", "en-GB") == [("“Hi” ", "en-GB"), ("苏联", "zh-CN")]
    assert draws_east_asian("——") and draws_east_asian("“苏联”") and not draws_east_asian("1950")


def test_the_chinese_attribution_dash_is_drawn_with_the_east_asian_font(decks):
    _, result = decks["zh_Hans"]
    from pptx.oxml.ns import qn

    slide = Presentation(str(result.output)).slides[7]
    runs = [r for shape in slide.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs for r in p.runs]
    faces = {r.text: r._r.rPr.find(qn("a:latin")).get("typeface") for r in runs}
    assert faces["——"] == "Noto Sans CJK SC"
    assert faces["1950"] == "Calibri"
    assert faces["“苏联的今天就是我们的明天。”"] == "Noto Sans CJK SC"


@pytest.mark.parametrize("text, message", [
    ("title：演讲\nspeaker: {name: 某人, bio: 简介。}\n",
     "talk.yaml:2:8: YAML syntax error: mapping values are not allowed in this context; the line above ends its "
     "key with a full-width '：': YAML needs ':' (title: ...)"),
    ("title: 演讲\nspeaker: {name: 某人, bio: 简介。}\nsections:\n  - title: 一\n    slides:\n      - title：援助\n",
     "talk.yaml:6:9: sections[0].slides[0]: wrong type (expected a mapping, got 'title：援助'); '：' is a "
     "full-width colon: YAML needs ':' (title: ...)"),
])
def test_a_key_ended_by_a_fullwidth_colon_is_named(outline_dir, text, message):
    write_outline(outline_dir, text)
    with pytest.raises(OutlineError) as e:
        load_talk(outline_dir / "talk.yaml", "talk.yaml")
    assert str(e.value.problems[0]) == message


@pytest.mark.parametrize("tag, font", [("ja", "Noto Sans CJK JP"), ("zh-TW", "Noto Sans CJK TC"),
                                       ("zh-HK", "Noto Sans CJK HK"), ("ko", "Noto Sans CJK KR"),
                                       ("zh-CN", "Noto Sans CJK SC"), ("ru", "Noto Sans CJK SC")])
def test_the_east_asian_font_follows_the_language_unless_the_theme_names_one(outline_dir, tag, font):
    write_outline(outline_dir, ZH_TALK.replace("language: zh-CN", f"language: {tag}"))
    assert load_talk(outline_dir / "talk.yaml").theme.font_cjk == font
    write_outline(outline_dir, ZH_TALK.replace("language: zh-CN", f"language: {tag}\ntheme: {{font_cjk: My CJK}}"))
    assert load_talk(outline_dir / "talk.yaml").theme.font_cjk == "My CJK"


def test_a_chart_heading_in_each_language():
    assert Messages("zh-CN").heading("按部门", "个") == "按部门（个）"
    assert Messages("ru").heading("Объекты", "шт.") == "Объекты, шт."
    assert Messages("en").heading("Projects", "count") == "Projects (count)"
    assert Messages("de").heading("Projekte", None) == "Projekte"


def test_fullwidth_colon_points_nest_no_deeper_than_a_slide_shows(outline_dir):
    write_outline(outline_dir, COLON_TALK.replace("              - 数以千计", "              - 数以千计：\n                - 太深"))
    with pytest.raises(OutlineError) as e:
        load_talk(outline_dir / "talk.yaml", "talk.yaml")
    assert [str(p) for p in e.value.problems] == [
        "talk.yaml:12:17: sections[0].slides[0].bullets[0]: bullets nested too deep (a slide shows at most 3 levels)"]


DEFINITION_TALK = """\
title: 演讲
language: zh-CN
speaker: {name: 某人, bio: 简介。}
sections:
  - title: 第一部分
    slides:
      - title: 援助
        bullets:
          - 技术转让：苏方提供全部技术文件
          - 援助本身：
            - 专家：约一万人次
          - 为什么？答案：很简单
          - "引号里：仍是文字"
          - 说 **粗体：里面** 的冒号
          - 一套模式
        notes: 说明。
"""


def test_a_fullwidth_colon_makes_a_definition_as_a_colon_does(outline_dir):
    write_outline(outline_dir, DEFINITION_TALK)
    talk = load_talk(outline_dir / "talk.yaml", "talk.yaml")
    bullets = talk.sections[0].slides[0].bullets
    shape = [(b.term, b.text, [(c.term, c.text) for c in b.children]) for b in bullets]
    assert shape == [("技术转让", "苏方提供全部技术文件", []), (None, "援助本身", [("专家", "约一万人次")]),
                     (None, "为什么？答案：很简单", []), (None, "引号里：仍是文字", []), (None, "说 **粗体：里面** 的冒号", []),
                     (None, "一套模式", [])]
    assert talk.warnings == []
    result = build(outline_dir / "talk.yaml", display_name="talk.yaml")
    body = Presentation(str(result.output)).slides[4].placeholders[1].text_frame.paragraphs[0]
    assert [(r.text, r.font.bold) for r in body.runs] == [("技术转让", True), ("：苏方提供全部技术文件", False)]


# --- French spacing ---------------------------------------------------------------------------

FRENCH_TALK = """\
title: "L'industrialisation soviétique : leçons pour aujourd'hui ?"
language: fr-FR
speaker: {name: Jean Dupont, bio: "Historien ; spécialiste de l'URSS."}
sections:
  - title: Contexte
    slides:
      - title: "Trois questions : pourquoi, comment, à quel prix ?"
        bullets:
          - Pourquoi : l'isolement diplomatique
          - "À quel prix ? « Le grand tournant » et `a ? b`"
        notes: "Lire lentement : c'est la question."
"""


def test_french_spaces_before_high_punctuation_do_not_break(outline_dir):
    write_outline(outline_dir, FRENCH_TALK)
    talk = load_talk(outline_dir / "talk.yaml", "talk.yaml")
    slide = talk.sections[0].slides[0]
    assert talk.title == "L'industrialisation soviétique\u00a0: leçons pour aujourd'hui\u202f?"
    assert talk.speaker.bio == "Historien\u202f; spécialiste de l'URSS."
    assert slide.title == "Trois questions\u00a0: pourquoi, comment, à quel prix\u202f?"
    assert slide.bullets[1].text == "À quel prix\u202f? «\u00a0Le grand tournant\u00a0» et `a ? b`"
    assert slide.notes == "Lire lentement : c'est la question."
    result = build(outline_dir / "talk.yaml", display_name="talk.yaml")
    body = Presentation(str(result.output)).slides[4].placeholders[1].text_frame.paragraphs
    assert body[0].text == "Pourquoi\u00a0: l'isolement diplomatique"


def test_a_french_question_mark_stays_on_the_line_of_its_word():
    from talkdeck.load.typography import french_spaces
    from talkdeck.text.fit import text_width, wrap
    text = "Pourquoi industrialiser si vite et à quel prix ?"
    width = text_width("Pourquoi industrialiser si vite et à quel prix", 24, "Calibri", "Noto Sans CJK SC") + 1
    assert wrap(french_spaces(text), width, 24, "Calibri", "Noto Sans CJK SC") == [
        "Pourquoi industrialiser si vite et à quel", "prix\u202f?"]


@pytest.mark.parametrize("typed, tag", [
    ("zh_CN", "zh-CN"), ("ru_RU.UTF-8", "ru-RU"), ("Russian", "ru"), ("русский", "ru"), ("中文", "zh-CN"),
    ("Chinese", "zh-CN"), ("日本語", "ja"), ("Deutsch", "de"), ("klingon", None),
    ("Farsi", "fa"), ("Persian", "fa"), ("فارسی", "fa"), ("Urdu", "ur"), ("Swahili", "sw"),
])
def test_a_language_named_instead_of_tagged_is_answered_with_its_tag(typed, tag):
    with pytest.raises(OutlineError) as e:
        parse_talk(f"title: T\nlanguage: {typed}\nspeaker: {{name: A, bio: B.}}\n"
                   "sections: [{title: S, slides: [{title: X, bullets: [a]}]}]\n".encode(), "talk.yaml")
    assert [str(p) for p in e.value.problems] == [
        f"talk.yaml:2:11: language: not a language tag (expected a tag such as en-GB, got '{typed}')"
        + (f"; write {tag}" if tag else "")]


def test_a_list_typed_with_full_width_hyphens_is_named():
    text = COLON_TALK.replace("""          - 援助本身：
            - 贷款、设计与设备
            - 专家：
              - 数以千计
          - 一套模式
""", "          － 要点一\n          － 要点二\n")
    with pytest.raises(OutlineError) as e:
        parse_talk(text.encode(), "talk.yaml")
    assert [str(p) for p in e.value.problems] == [
        "talk.yaml:9:11: sections[0].slides[0].bullets: wrong type (expected a list, got '－ 要点一 － 要点二'); "
        "a list item starts with '- ' on its own line: the full-width '－' is not YAML's '-'"]


def test_a_space_before_percent_does_not_break_in_any_language(outline_dir):
    write_outline(outline_dir, FRENCH_TALK.replace("language: fr-FR", "language: ru").replace(
        "Pourquoi : l'isolement diplomatique", "'Прирост: +624 %, а не `12 %`'"))
    talk = load_talk(outline_dir / "talk.yaml", "talk.yaml")
    assert talk.sections[0].slides[0].bullets[0].text == "Прирост: +624\u00a0%, а не `12 %`"
    assert talk.title == "L'industrialisation soviétique : leçons pour aujourd'hui ?"  # French spacing is French only


@pytest.mark.parametrize("point, numbers", [
    ("1956年比1953年增长约72%", True), ("实际建成150项", True), ("约5,092名专家", True),
    ("约八千人赴苏学习（1950年代）", False), ("1950년대 구호", False), ("3月18日", False), ("CO2排放", False),
    ("Рост на 12,5 процента", True), ("Phase 2 of v12", False), ("In 1953 it began", False),
])
def test_numbers_worth_a_source_are_found_between_chinese_characters(point, numbers):
    from talkdeck.load.validate import _shows_number
    from talkdeck.model import Bullet, Slide

    assert _shows_number(Slide(title="T", bullets=[Bullet(text=point)])) is numbers
