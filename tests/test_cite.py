"""Citations: the syntax, BibTeX as pandoc reads it, and the loader's messages at the line."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from talkdeck.cite.syntax import Cite, find_clusters
from talkdeck.errors import OutlineError
from talkdeck.load import load_talk
from talkdeck.load.bibtex import BibError, parse_name, read_bibtex, sentence_case

BIB = Path(__file__).parent / "fixtures" / "cite" / "thirty.bib"


@pytest.mark.parametrize(("text", "expected"), [
    ("[@a]", [Cite("a")]),
    ("[@a, p. 12]", [Cite("a", locator="12", label="page")]),
    ("[@a, 297]", [Cite("a", locator="297", label="page")]),
    ("[@a, pp. 33-35, 38]", [Cite("a", locator="33–35, 38", label="page")]),
    ("[see @a, chap. 3, for more; @b]", [Cite("a", "see", "3", "chapter", ", for more"), Cite("b")]),
    ("[-@a]", [Cite("a", suppress_author=True)]),
    ("as [@key.]", [Cite("key")]),
    # A Persian, Arabic or Urdu writer's comma, semicolon and page label, and Persian digits
    ("[@katouzian2003، ص. ۴۵]", [Cite("katouzian2003", locator="۴۵", label="page")]),
    ("[@a، ۱۱۲-۱۱۵؛ @b]", [Cite("a", locator="۱۱۲–۱۱۵", label="page"), Cite("b")]),
])
def test_citations_are_read_as_pandoc_reads_them(text, expected):
    assert [c for cl in find_clusters(text) for c in cl.cites] == expected


@pytest.mark.parametrize("text", ["write to [me@example.org]", "[link](https://a.org/@x)", "[Draft] @home",
                                  "\\[@a]", "[@a; not a key]"])
def test_brackets_that_are_not_citations_stay_text(text):
    assert find_clusters(text) == []


@pytest.mark.parametrize(("name", "csl"), [
    ("Hirata, Koji", {"family": "Hirata", "given": "Koji"}),
    ("Koji Hirata", {"family": "Hirata", "given": "Koji"}),
    ("van der Wee, Herman", {"family": "Wee", "given": "Herman", "dropping-particle": "van der"}),
    ("Ana de la Cruz", {"family": "Cruz", "given": "Ana", "dropping-particle": "de la"}),
    ("King, Jr., Martin Luther", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
    ("{World Health Organization}", {"literal": "World Health Organization"}),
    ("Kaiser, {\\L}ukasz", {"family": "Kaiser", "given": "Łukasz"}),
    ("L{\\\"u}thi, Lorenz M.", {"family": "Lüthi", "given": "Lorenz M."}),
    ("Зазерская, Т. Г.", {"family": "Зазерская", "given": "Т. Г."}),
])
def test_names_split_the_bibtex_way(name, csl):
    assert parse_name(name) == csl


def test_titles_go_to_sentence_case_and_braced_words_keep_theirs():
    item = read_bibtex("@book{a, title = {Making {Mao}'s Steelworks: Industrial {Manchuria} and the {Sino-Soviet} "
                       "Alliance, 1945--1963}, year = 2024}")[0].item
    assert item["title"] == ('Making <span class="nocase">Mao</span>’s steelworks: Industrial <span class="nocase">'
                             'Manchuria</span> and the <span class="nocase">Sino-Soviet</span> alliance, 1945–1963')
    assert sentence_case("The Chinese Economy: Transitions and Growth") == "The chinese economy: Transitions and growth"
    other = read_bibtex("@book{b, title = {Ruogan Zhongda Juece}, langid = {chinese}, year = 1991}")[0].item
    assert other["title"] == "Ruogan Zhongda Juece" and other["language"] == "zh-CN"


def test_macros_months_and_concatenation():
    item = read_bibtex('@string{mit = "MIT Press"}\n@article{a, publisher = mit # " and Co.", month = aug, '
                       "year = 1963, pages = {78--88}}")[0].item
    assert item["publisher"] == "MIT Press; Co." and item["issued"] == {"date-parts": [[1963, 8]]}
    assert item["page"] == "78-88"


def test_a_broken_entry_and_a_key_written_twice_are_named_at_their_line():
    with pytest.raises(BibError) as e:
        read_bibtex("@book{a, title={x}}\n\n@book{b, title={y}\n@article{c, title = {z}}\n")
    assert e.value.line == 3
    with pytest.raises(BibError, match=r"the key 'a' is used twice \(first at line 1\)") as e:
        read_bibtex("@book{a, title={x}}\n@book{a, title={y}}\n")
    assert e.value.line == 2


def test_the_fixture_reads_as_pandoc_converts_it():
    items = {e.key: e.item for e in read_bibtex(BIB.read_text(encoding="utf-8"))}
    assert len(items) == 30
    assert items["hirata2018"]["genre"] == "PhD thesis" and items["hirata2018"]["publisher"] == "Stanford University"
    assert items["goncharenko1998"]["type"] == "chapter"
    assert items["goncharenko1998"]["editor"] == [{"family": "Westad", "given": "Odd Arne"}]


# --- the loader ---------------------------------------------------------------------------------

def write_talk(tmp: Path, body: str, bib: str | None = None, name: str = "refs.bib") -> Path:
    if bib is not None:
        (tmp / name).write_text(bib, encoding="utf-8")
    outline = tmp / "talk.yaml"
    outline.write_text(textwrap.dedent(body), encoding="utf-8")
    return outline


TALK = """\
title: A cited talk
bibliography: refs.bib
speaker:
  name: Ada
  bio: Ada wrote [@hirata2024].
charts:
  c:
    type: bar
    title: Counts
    source: "[@bo1991, p. 297]"
    data: {a: 1}
sections:
  - title: Part
    slides:
      - title: Numbers
        chart: c
        notes: As [-@luthi2008] shows.
      - title: Points
        bullets:
          - As [see @lueders2008a, 3–5; @garver2016] argue
        source: "[@bo1991, p. 297]"
        notes: x
"""


def test_citations_are_replaced_everywhere_and_the_works_cited_kept(tmp_path):
    talk = load_talk(write_talk(tmp_path, TALK, BIB.read_text(encoding="utf-8")))
    slide = talk.sections[0].slides[1]
    assert talk.speaker.bio == "Ada wrote (Hirata 2024)."
    assert talk.charts["c"].source == slide.source == "(Bo 1991, 297)"
    assert slide.bullets[0].text == "As (Garver 2016; see Lüthi 2008a, 3–5) argue"
    assert talk.sections[0].slides[0].notes == "As (2008b) shows."
    assert [r.split(".")[0] for r in talk.references] == [
        "Bo, Yibo", "Garver, John W", "Hirata, Koji", "Lüthi, Lorenz M", "Lüthi, Lorenz M"]
    assert talk.references[2] == ("Hirata, Koji. 2024. *Making Mao’s Steelworks: Industrial Manchuria and the "
                                  "Transnational Origins of Chinese Socialism*. Cambridge University Press.")


def test_an_unknown_key_is_an_error_at_its_place_with_did_you_mean(tmp_path):
    outline = write_talk(tmp_path, TALK.replace("[@hirata2024]", "[@hirata2042]").replace(
        "@garver2016", "@Garver2016"), BIB.read_text(encoding="utf-8"))
    with pytest.raises(OutlineError) as e:
        load_talk(outline, "talk.yaml")
    assert str(e.value).splitlines() == [
        "talk.yaml:5:19: speaker.bio: no work with the key 'hirata2042' in refs.bib (did you mean 'hirata2024'?)",
        "talk.yaml:20:41: sections[0].slides[1].bullets[0]: no work with the key 'Garver2016' in refs.bib "
        "(did you mean 'garver2016'?)"]


def test_a_style_by_name_or_file_and_an_unknown_one(tmp_path):
    bib = BIB.read_text(encoding="utf-8")
    talk = load_talk(write_talk(tmp_path, TALK.replace("bibliography:", "csl: apa\nbibliography:"), bib))
    assert talk.speaker.bio == "Ada wrote (Hirata, 2024)."
    with pytest.raises(OutlineError, match=r"talk.yaml:2:6: csl: no citation style named 'chicago-author-dat' "
                                           r"\(did you mean 'chicago-author-date'\?\)"):
        load_talk(write_talk(tmp_path, TALK.replace("bibliography:", "csl: chicago-author-dat\nbibliography:"),
                             bib), "talk.yaml")
    with pytest.raises(OutlineError, match=r"talk.yaml:2:6: csl: no such file"):
        load_talk(write_talk(tmp_path, TALK.replace("bibliography:", "csl: house.csl\nbibliography:"), bib),
                  "talk.yaml")


def test_a_csl_json_bibliography(tmp_path):
    items = [{"id": "hirata2024", "type": "book", "title": "Making Mao’s steelworks", "publisher": "CUP",
              "author": [{"family": "Hirata", "given": "Koji"}], "issued": {"date-parts": [[2024]]}}]
    body = ("title: T\nbibliography: refs.json\nspeaker: {name: A, bio: '[@hirata2024]'}\n"
            "sections: [{title: P, slides: [{title: S, bullets: [x], notes: n}]}]\n")
    talk = load_talk(write_talk(tmp_path, body, json.dumps(items), "refs.json"))
    assert talk.speaker.bio == "(Hirata 2024)"
    assert talk.references == ["Hirata, Koji. 2024. *Making Mao’s Steelworks*. CUP."]


def test_a_broken_bibliography_is_named_with_its_own_line(tmp_path):
    outline = write_talk(tmp_path, TALK, "@book{a, title={x}}\n@book{b, title={y}\n@book{c, title={z}}\n")
    with pytest.raises(OutlineError) as e:
        load_talk(outline, "talk.yaml")
    assert str(e.value).startswith("talk.yaml:2:15: bibliography: refs.bib:2: cannot read this entry (")


def test_a_citation_without_a_bibliography_is_a_warning_and_stays_as_written(tmp_path):
    talk = load_talk(write_talk(tmp_path, TALK.replace("bibliography: refs.bib\n", "")), "talk.yaml")
    assert talk.speaker.bio == "Ada wrote [@hirata2024]."
    assert [str(w) for w in talk.warnings if "citation" in w.message] == [
        "talk.yaml:4:19: warning: speaker.bio: '[@hirata2024]' looks like a citation, but the talk has no "
        "'bibliography:' (name a BibTeX or CSL-JSON file there, or write '\\[@' to show the bracket as typed)"]


def test_watch_rebuilds_when_the_bibliography_changes(tmp_path):
    from talkdeck.commands.watch import referenced_files

    talk = load_talk(write_talk(tmp_path, TALK, BIB.read_text(encoding="utf-8")))
    assert (tmp_path / "refs.bib").resolve() in referenced_files(talk)


def test_a_render_is_kept_on_disk_for_the_next_process(tmp_path, monkeypatch):
    """A second build (a new process: nothing in memory) takes the citations from the disk, and a changed
    input renders again."""
    from talkdeck.cite import engine

    monkeypatch.setenv("TALKDECK_CACHE_DIR", str(tmp_path))
    style = engine.style_path("chicago-author-date")
    assert style is not None
    items = [{"id": "a", "type": "book", "title": "A Book", "author": [{"family": "Ada", "given": "E."}],
              "issued": {"date-parts": [[2020]]}}]
    clusters = [[Cite("a", locator="12")]]
    monkeypatch.setattr(engine, "_RENDERED", {})
    first = engine.render(items, clusters, style, "en-US")
    assert first.citations == ["(Ada 2020, 12)"]
    assert len(list((tmp_path / "citations").glob("*.json"))) == 1

    def no_citeproc(*args):
        raise AssertionError("rendered again")

    monkeypatch.setattr(engine, "_RENDERED", {})
    monkeypatch.setattr(engine, "_render", no_citeproc)
    assert engine.render(items, clusters, style, "en-US") == first
    with pytest.raises(AssertionError, match="rendered again"):
        engine.render(items, [[Cite("a", locator="13")]], style, "en-US")


KOREAN_BIB = """\
@article{kim2021, author = {김, 민수 and 이, 지은}, title = {황산 촉매 연구}, journal = {대한화학회지},
  year = {2021}, langid = {korean}}
@article{lee2020, author = {이, 지은 and 박, 성호}, title = {촉매}, journal = {화학}, year = {2020},
  langid = {korean}}
@book{atkins2018, author = {Atkins, Peter and de Paula, Julio}, title = {Physical Chemistry},
  publisher = {Oxford University Press}, year = {2018}}
"""

KOREAN_TALK = """\
title: 속도론
language: ko
bibliography: refs.bib
speaker:
  name: 정하윤
  bio: 화학자 [@kim2021; @lee2020; @atkins2018].
sections:
  - title: 결과
    slides:
      - title: 요약
        bullets: [일치]
        notes: x
"""


def test_korean_names_and_the_korean_and_read_as_korean_writes_them(tmp_path):
    """Korean names family name first with no space or comma (as pandoc writes them), and the locale's
    "와/과" as the form the name before it takes, joined to it: "김과 이" (김 ends in a consonant),
    "이와 박" (이 in a vowel); "및" after a Latin name."""
    talk = load_talk(write_talk(tmp_path, KOREAN_TALK, KOREAN_BIB))
    assert talk.speaker.bio == "화학자 (Atkins 및 Paula 2018; 김과 이 2021; 이와 박 2020)."
    assert [r.split(".")[0] for r in talk.references] == ["Atkins, Peter, 및 Julio de Paula", "김민수와 이지은",
                                                         "이지은과 박성호"]


def test_a_numbered_style_sets_the_number_apart_from_its_reference(tmp_path):
    """IEEE writes each reference's number in the left margin (CSL ``display="left-margin"``), which
    citeproc-py ran into the text: "[1]Y. Bo"; pandoc sets it apart, and so does talkdeck, with a space."""
    talk = load_talk(write_talk(tmp_path, TALK.replace("bibliography: refs.bib", "bibliography: refs.bib\ncsl: ieee"),
                                BIB.read_text(encoding="utf-8")))
    assert talk.speaker.bio == "Ada wrote [1]."
    assert [r[:4] for r in talk.references] == ["[1] ", "[2] ", "[3] ", "[4] ", "[5] "]


def test_a_point_that_cites_a_work_has_its_source_and_its_locator_is_no_quantity(tmp_path):
    """"Interviews with 50 shopkeepers [@bo1991, 112–115]" names where its number comes from; a slide of such
    points wants no 'source' line. The same point without the citation does."""
    cited = TALK.replace("- As [see @lueders2008a, 3–5; @garver2016] argue",
                         "- Interviews with 50 shopkeepers [@bo1991, 112–115]").replace(
        '        source: "[@bo1991, p. 297]"\n        notes: x', "        notes: x")
    talk = load_talk(write_talk(tmp_path, cited, BIB.read_text(encoding="utf-8")), "talk.yaml")
    assert [w.message for w in talk.warnings] == []
    bare = cited.replace(" [@bo1991, 112–115]", "")
    talk = load_talk(write_talk(tmp_path, bare, BIB.read_text(encoding="utf-8")), "talk.yaml")
    assert [w.message for w in talk.warnings] == ["shows numbers but no 'source'"]


def test_an_authorless_works_title_stands_in_the_authors_place_once(tmp_path):
    """Chicago puts an authorless manuscript's title where the author goes, through a macro; citeproc-py then
    wrote the title again. CSL (and pandoc) write it once."""
    bib = ("@misc{hypatian,\n  title = {Ипатьевская летопись},\n  howpublished = {БАН, 16.4.4},\n"
           "  year = {1425},\n  langid = {russian}\n}\n")
    for style in ("chicago-notes-bibliography", "chicago-author-date"):
        body = TALK.replace("bibliography: refs.bib", f"bibliography: refs.bib\ncsl: {style}").replace(
            "[@hirata2024]", "[@hypatian]").replace("[@bo1991, p. 297]", "[@hypatian]").replace(
            "[-@luthi2008]", "[@hypatian]").replace("[see @lueders2008a, 3–5; @garver2016]", "[@hypatian]")
        talk = load_talk(write_talk(tmp_path, body, bib))
        assert len(talk.references) == 1 and talk.references[0].count("Ипатьевская летопись") == 1, style
