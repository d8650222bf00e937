"""A corpus of broken outlines: each gets its exact message with file:line:col, exit status 2,
no traceback, no deck; the whole corpus in bounded memory. Plus the cases too big to commit.

The cases run in this process (one interpreter start-up for all of them, not one each); a
separate process runs them all once more to measure memory. Time is not asserted here (it
belongs in bench/): only a generous guard against a hang.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from talkdeck.commands.cli import cli

from .conftest import LAUNCH, MINIMAL, write_outline

BAD = Path(__file__).parent / "fixtures" / "bad"
CASES = sorted(p.stem for p in BAD.glob("*.yaml"))
#: A case still running after this long is hung, not slow: each takes well under a second.
HANG_SECONDS = 60
MAX_RSS_MIB = 300

# Runs the CLI and records the process's peak resident memory when it exits.
WRAPPER = """\
import atexit, os, resource, sys
atexit.register(lambda: open(os.environ["RSS_OUT"], "w").write(
    str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))
sys.argv[0] = "talkdeck"
from talkdeck.commands.cli import main
main()
"""


def run_talkdeck(args: list[str], cwd: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess, float]:
    """(process, peak MiB) of one whole CLI run in its own process."""
    rss = tmp_path / "rss.txt"
    done = subprocess.run([*LAUNCH, sys.executable, "-c", WRAPPER, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=HANG_SECONDS, env={**os.environ, "RSS_OUT": str(rss)})
    return done, int(rss.read_text()) / 1024


class Hung(BaseException):
    """Raised into a case that runs past HANG_SECONDS (a BaseException: no ``except Exception`` hides it)."""


@pytest.fixture
def hang_guard():
    """Interrupt the test if it runs past HANG_SECONDS."""
    def hung(signum, frame):
        raise Hung(f"still running after {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_SECONDS)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def build_in_process(case: str, out: Path, monkeypatch: pytest.MonkeyPatch):
    """``talkdeck build CASE.yaml -o OUT`` from the corpus folder, in this process: the click Result.

    An exception talkdeck does not turn into a message (a traceback, on the command line) fails the test.
    """
    monkeypatch.chdir(BAD)
    return CliRunner().invoke(cli, ["build", f"{case}.yaml", "-o", str(out)], catch_exceptions=False)


def test_the_corpus_has_at_least_forty_outlines():
    assert len(CASES) >= 40
    assert all((BAD / f"{c}.err").exists() for c in CASES)


#: What a previous good build left in build/: the deck, its run sheet and a cached chart.
PREVIOUS = {"deck.pptx": b"the previous deck", "deck-runsheet.md": b"the previous run sheet",
            "charts/old-0123.png": b"a cached chart"}


@pytest.mark.parametrize("case", CASES)
def test_broken_outline_gets_its_exact_message(case, tmp_path, monkeypatch, hang_guard):
    build = tmp_path / "build"
    for name, data in PREVIOUS.items():
        (build / name).parent.mkdir(parents=True, exist_ok=True)
        (build / name).write_bytes(data)
    out = build / "deck.pptx"
    result = build_in_process(case, out, monkeypatch)
    expected = (BAD / f"{case}.err").read_text(encoding="utf-8")
    # The last line tells that the previous deck is still there; the .err files are written without one.
    assert result.stderr == expected.replace(" in the outline\n", f" in the outline; {out} was not changed\n")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    left = {p.relative_to(build).as_posix(): p.read_bytes() for p in build.rglob("*") if p.is_file()}
    assert left == PREVIOUS  # the previous deck untouched, nothing new beside it (no chart, no temporary file)


WITH_CHARTS = [c for c in CASES if c.startswith("e14-") and b"charts:" in (BAD / f"{c}.yaml").read_bytes()]


@pytest.mark.parametrize("case", WITH_CHARTS)
def test_a_broken_outline_with_charts_leaves_no_build_folder(case, tmp_path, monkeypatch, hang_guard):
    result = build_in_process(case, tmp_path / "build" / "deck.pptx", monkeypatch)
    assert result.exit_code == 2
    assert not (tmp_path / "build").exists()


# Runs every case of the corpus in one process: after each, its exit status and the peak resident memory so far.
EVERY_CASE = """\
import os, resource, sys
from click.testing import CliRunner
from talkdeck.commands.cli import cli
for case in sys.argv[2:]:
    code = CliRunner().invoke(cli, ["build", case + ".yaml", "-o", os.path.join(sys.argv[1], case + ".pptx")]).exit_code
    print(case, code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""


def test_the_whole_corpus_runs_in_bounded_memory(tmp_path):
    """The peak over every case (alias bombs, huge images, deep nesting), run one after another."""
    done = subprocess.run([*LAUNCH, sys.executable, "-c", EVERY_CASE, str(tmp_path), *CASES], capture_output=True,
                          text=True, cwd=BAD, timeout=HANG_SECONDS * 5)
    rows = [line.split() for line in done.stdout.splitlines()]
    assert [(case, code) for case, code, _ in rows] == [(case, "2") for case in CASES], done.stderr[-2000:]
    case, _, peak_kib = max(rows, key=lambda row: int(row[2]))
    assert int(peak_kib) / 1024 < MAX_RSS_MIB, f"{int(peak_kib) / 1024:.0f} MiB, reached at {case}"


def test_a_utf8_bom_is_not_an_error(outline_dir, run_cli):
    (outline_dir / "talk.yaml").write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert run_cli("build").exit_code == 0


def test_a_ten_megabyte_string(tmp_path):
    write_outline(tmp_path, MINIMAL.replace("Ada gives small talks.", "x" * 10_000_000))
    done, mib = run_talkdeck(["build"], tmp_path, tmp_path)
    assert done.stderr.splitlines()[0] == ("talk.yaml:1:1: the outline is 10.0 MB; the limit is 4 MB "
                                           "(raise it with the environment variable TALKDECK_MAX_OUTLINE_BYTES)")
    assert done.returncode == 2 and mib < MAX_RSS_MIB


def test_a_long_text_under_the_file_limit(tmp_path):
    write_outline(tmp_path, MINIMAL.replace("Ada gives small talks.", "word " * 10_000))
    done, _ = run_talkdeck(["build"], tmp_path, tmp_path)
    assert done.stderr.splitlines()[0] == ("talk.yaml:4:8: speaker.bio: 49,999 characters; the limit is 20,000 "
                                           "(raise it with the environment variable TALKDECK_MAX_TEXT_CHARS)")
    assert done.returncode == 2


def test_ten_thousand_slides(tmp_path):
    slides = "".join(f"      - {{title: Slide {i}, bullets: [point], notes: n}}\n" for i in range(10_000))
    write_outline(tmp_path, MINIMAL.split("    slides:\n")[0] + "    slides:\n" + slides)
    done, mib = run_talkdeck(["build"], tmp_path, tmp_path)
    assert done.stderr.splitlines()[0] == ("talk.yaml:6:3: sections: 10,000 slides; the limit is 3,000 "
                                           "(raise it with the environment variable TALKDECK_MAX_SLIDES)")
    assert done.returncode == 2 and mib < MAX_RSS_MIB, mib


def test_a_symlink_that_leads_outside_counts_as_outside(outline_dir, run_cli, tmp_path_factory):
    from PIL import Image

    elsewhere = tmp_path_factory.mktemp("elsewhere") / "secret.png"
    Image.new("RGB", (10, 10)).save(elsewhere)
    (outline_dir / "assets").mkdir()
    (outline_dir / "assets" / "map.png").symlink_to(elsewhere)
    write_outline(outline_dir, MINIMAL.replace(
        "        bullets:\n          - one\n          - two\n",
        "        image: assets/map.png\n        alt: A map\n"))
    result = run_cli("build")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "talk.yaml:10:16: sections[0].slides[0].image: leads outside the talk's folder (got 'assets/map.png'); "
        "copy the file into assets/ or build with --allow-outside")
    assert run_cli("build", "--allow-outside").exit_code == 0


def test_limits_can_be_raised_or_lowered_by_environment(tmp_path):
    from PIL import Image

    (tmp_path / "assets").mkdir()
    Image.new("RGB", (300, 200), "#336699").save(tmp_path / "assets" / "map.png")
    points = ", ".join(f"p{i}: {i}" for i in range(1_001))
    write_outline(tmp_path, MINIMAL.replace(
        "        bullets:\n          - one\n          - two\n",
        "        image: assets/map.png\n        alt: A map\n") + (
        "      - {title: Many points, chart: big, notes: n}\n"
        f"charts:\n  big: {{type: bar, title: T, source: S, data: {{{points}}}}}\n"))
    env = {**os.environ, "TALKDECK_MAX_IMAGE_BYTES": "100"}
    done = subprocess.run([sys.executable, "-m", "talkdeck", "build"], capture_output=True, text=True, cwd=tmp_path,
                          env=env, timeout=60)
    size = (tmp_path / "assets" / "map.png").stat().st_size
    assert done.stderr.splitlines()[:2] == [
        f"talk.yaml:10:16: sections[0].slides[0].image: is {size:,} bytes; the limit is 100 bytes "
        "(raise it with the environment variable TALKDECK_MAX_IMAGE_BYTES)",
        "talk.yaml:15:8: charts.big: 1,001 values; the limit is 1,000 "
        "(raise it with the environment variable TALKDECK_MAX_CHART_POINTS)",
    ]
    assert done.returncode == 2


def test_the_tool_that_writes_the_expected_messages_agrees_with_them():
    """tools/expected_errors.py writes the .err files and shows the diff to review: here, nothing to change."""
    done = subprocess.run([sys.executable, str(BAD.parents[2] / "tools" / "expected_errors.py"), "--check",
                           "missing-bio", "alias-bomb", "image-missing"], capture_output=True, text=True,
                          timeout=HANG_SECONDS)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "3 cases: 0 .err differ, 0 failed to fail cleanly\n")
