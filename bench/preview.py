"""How soon a save shows in `talkdeck watch --preview`, measured in headless Chromium.

    python3 bench/preview.py [--edits 24] [--notes 24] [--starts 3] [--soak 0] [--out bench/preview.json]

A copy of this repository's talk (26 slides, 5 charts) in a temporary folder,
built once (charts cached, as after any earlier build); then
``python -m talkdeck watch --preview --no-browser --port 0`` from this
checkout, and Debian's Chromium (Playwright, no browser download) on the page.

- **start-up**: from starting the command to the page's first picture, and to
  all of them (``--starts`` runs, chart cache warm; one more with no chart cache).
- **visible edit**: a slide's title, a bullet or a chart's value changed and
  saved; the time from just before the write to the moment the page puts the
  new picture in place (``talkdeckSwaps``, stamped by the page with
  ``Date.now()``: decoded and shown). Each edit waits for the page to settle.
- **notes-only edit**: a slide's one-line notes changed while the page shows
  that slide; the time until its notes panel holds the new text (a
  MutationObserver's ``Date.now()``).
- ``--soak N``: N more saves (visible and notes-only by turns), with the
  resident memory of talkdeck and of the UNO worker and LibreOffice every 50.

Prints a table and writes JSON with every figure and the machine's load. The
machine is shared: the load average is recorded with the figures. Timings are
never asserted by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.livecheck import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

LIMIT_S = 120.0
#: The first line of a slide's notes, written as a block (``notes: |``).
NOTES_LINE = r"^        notes: [|>]\n(          [A-Z].+)$"


def env() -> dict[str, str]:
    out = dict(os.environ, PYTHONUNBUFFERED="1")
    out["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), out.get("PYTHONPATH")]))
    return out


def p95(xs: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ranked = sorted(xs)
    return ranked[min(len(ranked) - 1, max(0, -(-95 * len(ranked) // 100) - 1))]


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


class Preview:
    """``talkdeck watch --preview`` running on a copy of the talk, and the page open in Chromium."""

    def __init__(self, folder: Path, browser):
        self.folder = folder
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.seen: list[tuple[float, str]] = []
        self.started = time.time()
        self.proc = subprocess.Popen([sys.executable, "-m", "talkdeck", "watch", "--preview", "--no-browser",
                                      "--port", "0"], cwd=folder, env=env(), stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()
        url = self.wait_line("preview http://").split()[1]
        self.served = self.at - self.started
        self.page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)  # its eval
        self.page.goto(url)
        self.url = url

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put((time.time(), line.rstrip("\n")))

    def wait_line(self, prefix: str) -> str:
        deadline = time.monotonic() + LIMIT_S
        while True:
            for at, line in self.seen:
                if line.split(" ", 1)[-1].startswith(prefix) or line.startswith(prefix):
                    self.at = at
                    return line
            try:
                self.seen.append(self.lines.get(timeout=max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                raise RuntimeError(f"no line {prefix!r} within {LIMIT_S} s: {self.seen}") from None

    def swaps(self) -> list[dict]:
        return self.page.evaluate("window.talkdeckSwaps")

    def wait(self, js: str) -> None:
        self.page.wait_for_function(js, timeout=LIMIT_S * 1000)

    def ready(self) -> None:
        """Wait until the watcher runs and every slide has its picture."""
        self.wait_line("watching")
        self.wait("document.querySelectorAll('img[data-slide]').length > 0 && "
                  "[...document.querySelectorAll('img[data-slide]')].every(i => i.dataset.v !== '0')")
        self.settle()

    def settle(self) -> None:
        """Wait until nothing is being drawn and every picture is current."""
        self.wait("(() => { const s = document.querySelector('#status').textContent;"
                  " return !s.startsWith('drawing') && !document.querySelector('figure.stale'); })()")

    def memory(self) -> dict[str, float]:
        """Resident memory in MiB: talkdeck, and the worker with LibreOffice."""
        from tests.livecheck import descendants

        def rss(pid: int) -> float:
            try:
                text = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                return 0.0
            match = re.search(r"VmRSS:\s+(\d+) kB", text)
            return int(match.group(1)) / 1024 if match else 0.0

        return {"talkdeck_mib": round(rss(self.proc.pid), 1),
                "office_mib": round(sum(rss(p) for p in descendants(self.proc.pid)), 1)}

    def close(self) -> None:
        self.page.close()
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def start_up(folder: Path, browser) -> dict:
    """Seconds from the command's start to the address, the first picture and all of them."""
    preview = Preview(folder, browser)
    try:
        preview.wait("document.querySelectorAll('img[data-slide]').length > 0 && "
                     "[...document.querySelectorAll('img[data-slide]')].every(i => i.dataset.v !== '0')")
        swaps = preview.swaps()
        return {"served_s": round(preview.served, 3),
                "first_picture_s": round(min(s["at"] for s in swaps) / 1000 - preview.started, 3),
                "all_pictures_s": round(max(s["at"] for s in swaps) / 1000 - preview.started, 3),
                "slides": len({s["slide"] for s in swaps}), "load": load()}
    finally:
        preview.close()


def visible_edits(preview: Preview, text: str, count: int) -> list[dict]:
    """Save-to-picture of ``count`` edits: slide titles, bullets and a chart's values by turns."""
    titles = re.findall(r"^      - title: (.+)$", text, re.M)
    bullets = re.findall(r"^          - ([A-Z][^:\n\"\[]+)$", text, re.M)
    values = re.findall(r"^      (Energy|Coal mines): (\d+)$", text, re.M)
    edits = []
    used = {"title": 0, "bullet": 0, "chart": 0}
    for i in range(count):
        kind = ("title", "bullet", "title", "bullet", "chart")[i % 5]
        pool = {"title": titles, "bullet": bullets, "chart": values}[kind]
        item = pool[used[kind] % len(pool)]  # a different slide each time, as far as there are
        used[kind] += 1
        if kind == "chart":
            old, new = f"      {item[0]}: {item[1]}\n", f"      {item[0]}: {int(item[1]) + 1 + i}\n"
        else:
            prefix = "      - title: " if kind == "title" else "          - "
            old, new = f"{prefix}{item}\n", f"{prefix}{item} (edit {i})\n"
        edits.append((kind, old, new))
    results = []
    for kind, old, new in edits:
        preview.settle()
        current = (preview.folder / "talk.yaml").read_text(encoding="utf-8")
        assert old in current, old
        before = len(preview.swaps())
        saved = time.time()
        (preview.folder / "talk.yaml").write_text(current.replace(old, new, 1), encoding="utf-8")
        preview.wait(f"window.talkdeckSwaps.length > {before}")
        first = preview.swaps()[before]
        results.append({"kind": kind, "slide": first["slide"], "seconds": round(first["at"] / 1000 - saved, 3)})
        # back as it was, so that the next edit starts from the talk itself (not timed)
        preview.settle()
        drawn = len(preview.swaps())
        (preview.folder / "talk.yaml").write_text(current, encoding="utf-8")
        preview.wait(f"window.talkdeckSwaps.length > {drawn}")
    return results


def notes_edits(preview: Preview, text: str, count: int) -> list[dict]:
    """Save-to-notes of ``count`` notes-only edits, each on the slide the page shows."""
    import urllib.request

    preview.page.evaluate("""() => {
        window.notesSeen = [];
        new MutationObserver(() => window.notesSeen.push({text: document.querySelector('#notes-text').textContent,
                                                          at: Date.now()}))
            .observe(document.querySelector('#notes-text'), {childList: true, characterData: true, subtree: true});
    }""")
    lines = re.findall(NOTES_LINE, text, re.M)
    with urllib.request.urlopen(preview.url + "state") as r:
        slides = json.load(r)["slides"]
    results = []
    for i in range(count):
        line = lines[i % len(lines)]
        current = (preview.folder / "talk.yaml").read_text(encoding="utf-8")
        words = " ".join(line.split()[:5])
        slide = next(s["n"] for s in slides if words in " ".join(s["notes"].split()))
        preview.page.evaluate(f"window.scrollTo(0, document.querySelector('img[data-slide=\"{slide}\"]')"
                              ".getBoundingClientRect().top + window.scrollY - 120)")
        preview.wait(f"document.querySelector('#notes-head').textContent.startsWith('{slide}.')")
        marker = f"Notes edit {i}."
        saved = time.time()
        (preview.folder / "talk.yaml").write_text(
            current.replace(f"{line}\n", f"{line} {marker}\n", 1), encoding="utf-8")
        preview.wait(f"window.notesSeen.some(n => n.text.includes('{marker}'))")
        at = preview.page.evaluate(f"window.notesSeen.find(n => n.text.includes('{marker}')).at")
        swapped = preview.page.evaluate(f"window.talkdeckSwaps.filter(s => s.at >= {saved * 1000}).length")
        results.append({"slide": slide, "seconds": round(at / 1000 - saved, 3), "pictures_redrawn": swapped})
        (preview.folder / "talk.yaml").write_text(current, encoding="utf-8")
        preview.wait(f"!document.querySelector('#notes-text').textContent.includes('{marker}')")
    return results


def soak(preview: Preview, text: str, saves: int) -> list[dict]:
    """Resident memory every 50 saves over ``saves`` saves (a bullet and a notes line by turns)."""
    bullet = re.search(r"^          - ([A-Z][^:\n\"\[]+)$", text, re.M).group(0)
    notes = re.search(NOTES_LINE, text, re.M).group(1)
    samples = [{"saves": 0, **preview.memory()}]
    for i in range(1, saves + 1):
        line = bullet if i % 2 else notes
        changed = text.replace(line, f"{line} ({i})", 1)
        before = len(preview.swaps())
        (preview.folder / "talk.yaml").write_text(changed, encoding="utf-8")
        if i % 2:
            preview.wait(f"window.talkdeckSwaps.length > {before}")
        else:
            time.sleep(0.3)
        if i % 50 == 0:
            preview.settle()
            samples.append({"saves": i, **preview.memory()})
            print(f"  soak {i}: {samples[-1]}", flush=True)
    return samples


def summary(xs: list[float]) -> dict:
    return {"median_s": round(statistics.median(xs), 3), "p95_s": round(p95(xs), 3), "max_s": round(max(xs), 3),
            "n": len(xs)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--edits", type=int, default=24)
    ap.add_argument("--notes", type=int, default=24)
    ap.add_argument("--starts", type=int, default=3)
    ap.add_argument("--soak", type=int, default=0)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "preview.json")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="talkdeck-bench-preview-"))
    folder = work / "talk"
    folder.mkdir()
    shutil.copy2(ROOT / "talk.yaml", folder / "talk.yaml")
    if (ROOT / "assets").is_dir():
        shutil.copytree(ROOT / "assets", folder / "assets")
    text = (folder / "talk.yaml").read_text(encoding="utf-8")
    out: dict = {"when": time.strftime("%Y-%m-%d %H:%M"), "cpus": os.cpu_count(), "load_before": load()}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print("start-up, no chart cache …", flush=True)
            out["start_cold"] = start_up(folder, browser)
            starts = []
            for i in range(args.starts):
                print(f"start-up {i + 1}/{args.starts} …", flush=True)
                starts.append(start_up(folder, browser))
            out["start_warm"] = starts
            preview = Preview(folder, browser)
            try:
                preview.ready()
                print(f"{args.edits} visible edits …", flush=True)
                out["visible"] = visible_edits(preview, text, args.edits)
                print(f"{args.notes} notes-only edits …", flush=True)
                out["notes"] = notes_edits(preview, text, args.notes)
                if args.soak:
                    print(f"soak: {args.soak} saves …", flush=True)
                    out["soak"] = soak(preview, text, args.soak)
            finally:
                preview.close()
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out["load_after"] = load()
    out["visible_summary"] = summary([e["seconds"] for e in out["visible"]])
    out["notes_summary"] = summary([e["seconds"] for e in out["notes"]])
    warm = [s["all_pictures_s"] for s in out["start_warm"]]
    out["start_summary"] = {"first_picture_median_s": statistics.median(s["first_picture_s"] for s in out["start_warm"]),
                            "all_pictures_median_s": statistics.median(warm), "all_pictures_max_s": max(warm)}
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    v, n, s = out["visible_summary"], out["notes_summary"], out["start_summary"]
    print(f"\n{'case':<44} {'median':>8} {'p95':>8} {'target':>10}")
    print(f"{'visible edit: save → new picture':<44} {v['median_s']:>7.3f}s {v['p95_s']:>7.3f}s {'≤ 1.0 s':>10}")
    print(f"{'notes-only edit: save → notes':<44} {n['median_s']:>7.3f}s {n['p95_s']:>7.3f}s {'≤ 0.2 s':>10}")
    slides = out["start_warm"][0]["slides"]
    print(f"{f'start-up: command → all {slides} pictures':<44} {s['all_pictures_median_s']:>7.3f}s "
          f"{s['all_pictures_max_s']:>7.3f}s {'≤ 5 s':>10}  (max, not p95)")
    print(f"{'start-up: command → first picture':<44} {s['first_picture_median_s']:>7.3f}s")
    print(f"{'start-up, no chart cache: all pictures':<44} {out['start_cold']['all_pictures_s']:>7.3f}s")
    print(f"load average before {out['load_before']}, after {out['load_after']}; written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
