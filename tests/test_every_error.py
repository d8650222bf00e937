"""Every error in one run: mistakes planted across a copy of the shipped talk are all reported
by one `talkdeck check`, each once, at its line, with no follow-on errors; and the hints that
name the fix."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image

from .conftest import MINIMAL, TALK, write_outline

#: (what the talk says, what the mistake makes of it, the start of the message check gives for it).
#: Independent of each other: each is on its own key, several on one slide or one chart.
MISTAKES = [
    ("      chart: loan-1950\n", "      type: chart\n      chart: loan-195\n",
     "intro.slides[2].type: unknown key (a slide's kind is the key that holds its content"),
    (None, None, "intro.slides[2].chart: no chart named 'loan-195' (did you mean 'loan-1950'?)"),
    ('          - ["1950–60", "about 11,000", "Garver"]\n', '          - ["1950–60", "about 11,000"]\n',
     "sections[2].slides[3].table[2]: row has 2 cells, the header has 3"),
    ('          - ["1949–60", "over 20,000", "Shen Zhihua"]\n', '          - ["1949–60", over 20,000, Shen Zhihua]\n',
     "sections[2].slides[3].table[3]: row has 4 cells, the header has 3; the comma in 'over 20,000' splits it "
     "in a [...] row: write that cell in quotes, \"over 20,000\""),
    ('          - ["1950–56", "5,092", "Russian archives (Goncharenko)"]\n',
     '          - ["1950–56", "5,092", Russian archives: Goncharenko]\n',
     "sections[2].slides[3].table[1][2]: wrong type (expected text, got a mapping); a ': ' inside a value "
     "starts a key: if it is part of the text, write it in quotes, 'Russian archives: Goncharenko'"),
    ("      Chemical: 7\n      Light", "      Chemical: seven\n      Light",
     "charts.by-sector.data.Chemical: wrong type (expected a number, got 'seven')"),
    ("    source: Bo Yibo [-@bo1991, p. 297]\n\n  collieries",
     "    highlight: [Energy, Militry industry]\n"
     "    source: Bo Yibo [-@bo1991, p. 297]\n\n  collieries",
     "charts.by-sector.highlight: 'Militry industry' is not a category of this chart (did you mean "
     "'Military industry'?)"),
    ("      Dropped or merged: [5, 6, 6, 3, 0]\n", "      Dropped or merged: [5, 6, 6, 3]\n",
     "charts.kept-by-agreement.series['Dropped or merged']: has 4 values for 5 categories"),
    ("  bio: >\n", "  bio:\n  biography: >\n", "speaker.bio: is blank (expected text)"),
    (None, None, "speaker.biography: unknown key (did you mean 'bio'?)"),
    ("    minutes: 9\n", "    minutes: nine\n",
     "sections[0].minutes: wrong type (expected a number of minutes such as 1.5, got 'nine')"),
    ("        statement: How did the Soviet Union shape the PRC's economic bureaucracy?\n",
     "        statement: How did the Soviet Union shape the PRC's economic bureaucracy?\n"
     "        bullets: [Two kinds]\n",
     "sections[0].slides[0].bullets: a slide shows one thing"),
    ("      - title: The last part\n", "      - title: Warming stripes\n        image: stripes.png\n"
     "        alt: Stripes\n        notes: n\n      - title: The last part\n",
     "sections[3].slides[1].image: no such file (expected a file in the talk's folder, got 'stripes.png'; "
     "did you mean 'assets/stripes.png'?)"),
    ("duration: 45\n", "duration: 45\ntheme:\n  accent: red\n  body_size: 12\n",
     "theme.accent: not a colour (expected #RRGGBB, got 'red')"),
    (None, None, "theme.body_size: too small (expected at least 18, got 12)"),
    ("  text: Koji Hirata · Monash University\n", "  text: [Koji Hirata, Monash University]\n",
     "closing.text: wrong type (expected text, got a list); '[' starts a list in YAML: if the brackets are "
     "part of the text, write it in quotes, '[Koji Hirata, Monash University]'"),
]


@pytest.fixture
def broken_talk(outline_dir):
    text = TALK.read_text(encoding="utf-8")
    for old, new, _ in MISTAKES:
        if old is not None:
            assert text.count(old) == 1, old
            text = text.replace(old, new)
    (outline_dir / "assets").mkdir()
    Image.new("RGB", (30, 20), "#336699").save(outline_dir / "assets" / "stripes.png")
    shutil.copy(TALK.parent / "assets" / "sources.bib", outline_dir / "assets")  # the talk's bibliography
    (outline_dir / "talk.yaml").write_text(text, encoding="utf-8")
    return text


def test_one_check_reports_every_planted_mistake_once(broken_talk, run_cli):
    result = run_cli("check")
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("talk.yaml:") and ": warning: " not in line]
    messages = [line.split(": ", 1)[1] for line in errors]
    assert len(MISTAKES) >= 8
    for _, _, expected in MISTAKES:
        assert sum(m.startswith(expected) for m in messages) == 1, (expected, messages)
    assert len(errors) == len(MISTAKES), "\n".join(errors)  # and nothing else: no follow-on errors
    assert result.stdout.splitlines()[-1] == f"check   talk.yaml: {len(MISTAKES)} errors, 0 warnings"


def test_each_is_at_the_line_of_its_mistake(broken_talk, run_cli):
    original = set(TALK.read_text(encoding="utf-8").splitlines())
    planted = {n for n, line in enumerate(broken_talk.splitlines(), 1) if line not in original}
    for line in run_cli("check").stdout.splitlines()[:-1]:
        assert int(line.split(":")[1]) in planted, line


def test_a_missing_file_is_found_in_assets(minimal, run_cli):
    (minimal.parent / "assets").mkdir()
    Image.new("RGB", (30, 20)).save(minimal.parent / "assets" / "stripes.png")
    write_outline(minimal.parent, MINIMAL.replace("        bullets:\n          - one\n          - two\n",
                                                  "        image: stripes.png\n        alt: Warming stripes\n"))
    assert run_cli("check").stdout.splitlines()[0] == (
        "talk.yaml:10:16: sections[0].slides[0].image: no such file (expected a file in the talk's folder, "
        "got 'stripes.png'; did you mean 'assets/stripes.png'?)")


def test_a_missing_file_is_found_in_the_talks_folder(minimal, run_cli):
    Image.new("RGB", (30, 20)).save(minimal.parent / "Stripes.PNG")
    write_outline(minimal.parent, MINIMAL.replace("        bullets:\n          - one\n          - two\n",
                                                  "        image: assets/stripes.png\n        alt: Stripes\n"))
    assert run_cli("check").stdout.splitlines()[0].endswith("got 'assets/stripes.png'; did you mean 'Stripes.PNG'?)")


def test_a_table_cell_with_a_colon_gets_the_quoting_hint(minimal, run_cli):
    write_outline(minimal.parent, MINIMAL.replace(
        "        bullets:\n          - one\n          - two\n",
        "        table:\n          - [Dataset, Period]\n          - [HadCRUT5, baseline: 1961–1990]\n"))
    assert run_cli("check").stdout.splitlines()[0] == (
        "talk.yaml:12:24: sections[0].slides[0].table[1][1]: wrong type (expected text, got a mapping); a ': ' "
        "inside a value starts a key: if it is part of the text, write it in quotes, 'baseline: 1961–1990'")
