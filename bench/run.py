"""How fast talkdeck builds, against pandoc's pptx writer on the same content.

    python3 bench/run.py [--runs 5] [--quick] [--out bench/results.json]

Every figure is the median of several whole-process runs on this machine
(``python -m talkdeck`` from this checkout's ``src/``), except the watch case,
which times a second ``build()`` in one process. Where pandoc is installed it
runs on the same slides, bullets, notes and chart images written as Markdown
(``pandoc --slide-level=2``), alternating with talkdeck, and the ratio is taken
pair by pair. Peak memory is each child's ``ru_maxrss`` (``os.wait4``).
Prints a table and writes it as JSON. Timings are never asserted by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(Path(__file__).resolve().parent)]

from gen_outline import generate  # noqa: E402
from pandoc_md import talk_markdown  # noqa: E402

MIB = 1024  # ru_maxrss is in KiB on Linux


@dataclass
class Case:
    """One row of the table."""

    name: str
    target: str
    value: float | None = None
    unit: str = "s"
    met: bool | None = None
    detail: dict = field(default_factory=dict)


def child_env() -> dict[str, str]:
    """The environment of every timed child: this checkout's talkdeck, bytecode cached as in an install."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


ENV = child_env()


def run(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Run ``cmd`` to completion: (wall seconds, peak resident memory in MiB). Raises on failure."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{err.read().decode(errors='replace')}")
    return seconds, usage.ru_maxrss / MIB


def talkdeck(outline: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "talkdeck", "build", "-q", str(outline),
            "-o", str(outline.parent / "build" / "talk.pptx"), *extra]


def pandoc() -> list[str]:
    return ["pandoc", "--slide-level=2", "talk.md", "-o", "pandoc.pptx"]


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def write_markdown(outline: Path) -> None:
    """talk.md beside ``outline``: the planned deck as Markdown, chart PNGs from the (warm) cache."""
    from talkdeck.build import render_charts
    from talkdeck.load import load_talk
    from talkdeck.plan.planner import plan_slides

    talk = load_talk(outline, outline.name)
    specs, _ = plan_slides(talk, outline.name)
    pngs, drawn = render_charts(talk, specs, outline.parent / "build" / "charts")
    assert drawn == 0, "build once before writing the Markdown, so that the charts are cached"
    (outline.parent / "talk.md").write_text(talk_markdown(talk, specs, pngs, outline.parent), encoding="utf-8")


def paired(outline: Path, runs: int, with_pandoc: bool, before=None) -> dict:
    """talkdeck and pandoc alternately on the same content: times, memory and pair ratios."""
    td, pd, rss = [], [], []
    for _ in range(runs):
        if before:
            before()
        seconds, mib = run(talkdeck(outline), outline.parent)
        td.append(seconds)
        rss.append(mib)
        if with_pandoc:
            pd.append(run(pandoc(), outline.parent)[0])
    out = {"talkdeck_s": td, "talkdeck_median_s": median(td), "peak_mib": max(rss)}
    if with_pandoc:
        ratios = [a / b for a, b in zip(td, pd)]
        out |= {"pandoc_s": pd, "pandoc_median_s": median(pd), "ratios": ratios, "ratio_median": median(ratios)}
    return out


WATCH_CHILD = r"""
import inspect, json, re, sys, time
from pathlib import Path
from talkdeck import build as stage
outline, out, runs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
# Whatever in-process reuse build() offers (talkdeck watch's), else a plain second build().
reuse = hasattr(stage, "Reuse") and "reuse" in inspect.signature(stage.build).parameters
kwargs = {"reuse": stage.Reuse()} if reuse else {}
text = outline.read_text(encoding="utf-8")
bullet = re.search(r"^\s+bullets:\n\s+- [^\n:]+$", text, re.M)  # a slide's first bullet
stage.build(outline, out, **kwargs)  # the first build of the session: charts drawn or cached
times = []
for i in range(runs):
    edited = text[:bullet.end()] + f" (edit {i})" + text[bullet.end():]
    outline.write_text(edited, encoding="utf-8")
    start = time.perf_counter()
    stage.build(outline, out, **kwargs)
    times.append(time.perf_counter() - start)
outline.write_text(text, encoding="utf-8")
print(json.dumps({"times": times, "bullet": bullet.group().split("- ", 1)[1], "reuse": reuse}))
"""


def watch_case(outline: Path, runs: int) -> dict:
    """A second build() in the same process after one bullet of the outline changed."""
    out = subprocess.run([sys.executable, "-c", WATCH_CHILD, str(outline), str(outline.parent / "build" / "talk.pptx"),
                          str(runs)], env=ENV, cwd=outline.parent, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    return {"times_s": result["times"], "median_s": median(result["times"]), "edited": result["bullet"],
            "build_reuse": result["reuse"]}


def setup_talk(work: Path) -> Path:
    """A copy of this repository's talk (outline and assets) in ``work``."""
    folder = work / "talk"
    folder.mkdir()
    shutil.copy2(ROOT / "talk.yaml", folder / "talk.yaml")
    if (ROOT / "assets").is_dir():
        shutil.copytree(ROOT / "assets", folder / "assets")
    return folder / "talk.yaml"


def setup_generated(work: Path, n: int) -> Path:
    folder = work / f"gen{n}"
    folder.mkdir()
    outline = folder / "talk.yaml"
    outline.write_text(generate(n), encoding="utf-8")
    return outline


def versions() -> dict:
    from importlib import metadata

    out = {"python": platform.python_version(), "cpus": os.cpu_count(), "machine": platform.machine(),
           "system": platform.platform(terse=True)}
    for dist in ("python-pptx", "matplotlib", "PyYAML", "lxml", "Pillow"):
        out[dist] = metadata.version(dist)
    if shutil.which("pandoc"):
        out["pandoc"] = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return out


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return {"s": f"{value:.3f} s", "x": f"{value:.2f} ×", "MiB": f"{value:.0f} MiB"}[unit]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per case (the 2000-slide case: at most 3)")
    ap.add_argument("--quick", action="store_true", help="3 runs and no 250/1000-slide points on the curve")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json", help="where to write the JSON")
    args = ap.parse_args(argv)
    runs = 3 if args.quick else args.runs
    has_pandoc = shutil.which("pandoc") is not None
    cases: list[Case] = []
    work = Path(tempfile.mkdtemp(prefix="talkdeck-bench-"))
    try:
        talk = setup_talk(work)
        charts_dir = talk.parent / "build" / "charts"
        log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731

        log("help …")
        helps = [run([sys.executable, "-m", "talkdeck", "--help"], talk.parent)[0] for _ in range(runs)]
        help_case = Case("talkdeck --help", "≤ 0.15 s", median(helps), detail={"times_s": helps})

        log("this talk, cold …")
        cold = paired(talk, runs, False, before=lambda: shutil.rmtree(charts_dir, ignore_errors=True))
        charts = len(list(charts_dir.glob("*.png")))
        cases.append(Case(f"this talk, cold (no chart cache, {charts} charts)", "≤ 1.0 s", cold["talkdeck_median_s"],
                          detail=cold))

        log("this talk, charts cached, against pandoc …")
        write_markdown(talk)
        cached = paired(talk, runs, has_pandoc)
        cases.append(Case("this talk, charts cached: talkdeck / pandoc", "≤ 2.0 ×", cached.get("ratio_median"),
                          "x", detail=cached))

        log("watch rebuild …")
        watch = watch_case(talk, runs)
        cases.append(Case("rebuild in-process after editing one bullet", "≤ 0.1 s", watch["median_s"], detail=watch))

        curve = []
        sizes = [500, 2000] if args.quick else [250, 500, 1000, 2000]
        for n in sizes:
            log(f"{n} slides …")
            outline = setup_generated(work, n)
            if n == 500:
                write_markdown(outline)
                result = big = paired(outline, runs, has_pandoc)
                cases.append(Case("500-slide outline with notes: talkdeck / pandoc", "≤ 0.4 ×",
                                  result.get("ratio_median"), "x", detail=result))
            else:
                result = paired(outline, min(runs, 3) if n > 500 else runs, False)
            curve.append({"slides": n, "median_s": result["talkdeck_median_s"], "peak_mib": result["peak_mib"],
                          "ms_per_slide": 1000 * result["talkdeck_median_s"] / n})
        by_n = {p["slides"]: p["median_s"] for p in curve}
        cases.append(Case("2000 slides / 500 slides (linear: 4 ×)", "≤ 4.3 ×", by_n[2000] / by_n[500], "x",
                          detail={"curve": curve}))
        cases.append(help_case)
        cases.append(Case("peak memory, drawing charts (this talk, cold)", "≤ 160 MiB", cold["peak_mib"], "MiB"))
        cases.append(Case("peak memory, no chart drawn (this talk, cached)", "≤ 80 MiB", cached["peak_mib"], "MiB"))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    for case in cases:
        if case.value is not None:
            limit = float(re.search(r"[\d.]+", case.target).group())
            case.met = case.value <= limit
    print(f"\n{'case':<52} {'measured':>10}  {'target':<10} met")
    for case in cases:
        print(f"{case.name:<52} {fmt(case.value, case.unit):>10}  {case.target:<10} "
              f"{'—' if case.met is None else ('yes' if case.met else 'NO')}")
    print(f"\n{'slides':>6} {'median':>9} {'ms/slide':>9} {'peak':>8}")
    for p in curve:
        print(f"{p['slides']:>6} {p['median_s']:>8.3f}s {p['ms_per_slide']:>9.2f} {p['peak_mib']:>5.0f} MiB")
    if has_pandoc:
        print(f"\npandoc medians: this talk {cached['pandoc_median_s']:.3f} s, "
              f"500 slides {big['pandoc_median_s']:.3f} s")
    report = {"when": time.strftime("%Y-%m-%d %H:%M:%S %z"), "runs": runs, "versions": versions(),
              "cases": [case.__dict__ for case in cases], "curve": curve}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0 if all(case.met is not False for case in cases) else 1


if __name__ == "__main__":
    sys.exit(main())
