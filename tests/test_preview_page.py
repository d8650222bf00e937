"""`talkdeck watch --preview` in a real browser: Debian's Chromium driven by Playwright (no browser download).

A save changes exactly the edited slide's picture; a notes-only save changes
no picture and the notes at once; the page keeps the reader's slide; a broken
save shows its errors over the kept pictures; LibreOffice killed in the middle
of a render is restarted; nothing is left running at the end. No timing is
asserted (bench/preview.py measures it); every wait is a generous hang guard.
"""

from __future__ import annotations

import json
import os
import signal
import urllib.request
from pathlib import Path

import pytest

from .conftest import needs, write_outline
from .livecheck import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LIMIT_S,
    SMALL_TALK,
    LiveRun,
    office_processes,
    still_running,
    wait_for,
)

pytestmark = [needs("soffice", "uno", "chromium", "playwright")]

MS = LIMIT_S * 1000
SLIDES = 9  # cover, bio, agenda, divider, four content slides (5–8), closing


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live(outline_dir):
    write_outline(outline_dir, SMALL_TALK)
    run = LiveRun(Path("talk.yaml"))
    yield run
    run.close()
    # Everything the preview started has ended with it.
    wait_for(lambda: not office_processes(os.getpid()), "LibreOffice to end with the preview", limit=30)


@pytest.fixture
def page(browser, live):
    # bypass_csp: the page forbids eval, which wait_for_function's predicates need (see the test on the CSP).
    page = browser.new_page(viewport={"width": 1000, "height": 700}, bypass_csp=True)
    page.goto(live.url)
    page.wait_for_function(f"document.querySelectorAll('img[data-slide]').length === {SLIDES} && "
                           "[...document.querySelectorAll('img[data-slide]')].every(i => i.dataset.v !== '0')",
                           timeout=MS)
    yield page
    page.close()


def versions(page) -> list[int]:
    return page.eval_on_selector_all("img[data-slide]", "imgs => imgs.map(i => Number(i.dataset.v))")


def picture(url: str, n: int) -> bytes:
    with urllib.request.urlopen(f"{url}slide/{n}.png") as r:
        return r.read()


def save(folder, old: str, new: str) -> None:
    text = (folder / "talk.yaml").read_text(encoding="utf-8")
    assert old in text
    write_outline(folder, text.replace(old, new))


def test_every_slide_is_a_picture_drawn_by_libreoffice(page, live):
    assert page.eval_on_selector_all("img[data-slide]", "imgs => imgs.map(i => i.dataset.slide)") == [
        str(n) for n in range(1, SLIDES + 1)]
    size = page.eval_on_selector("img[data-slide='4']", "i => [i.naturalWidth, i.naturalHeight]")
    assert size == [1600, 900]
    assert picture(live.url, 4)[:8] == b"\x89PNG\r\n\x1a\n"
    # Nothing comes from the internet: every request the page made went to the preview itself.
    assert page.evaluate("performance.getEntriesByType('resource').every(r => r.name.startsWith(location.origin))")


def test_the_page_works_under_its_own_content_security_policy(browser, live):
    page = browser.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        page.goto(live.url)
        wait_for(lambda: page.evaluate("[...document.querySelectorAll('img[data-slide]')].map(i => i.dataset.v)")
                 .count("0") == 0 and page.locator("img[data-slide]").count() == SLIDES, "every picture shown")
        assert page.evaluate("document.querySelector('figcaption').textContent") == "1. A small talk"
    finally:
        page.close()
    assert refused == []


def test_titles_notes_and_errors_are_shown_as_text_never_run(page, live, outline_dir):
    attack = "\"><img src=x onerror=window.pwned=1><script>window.pwned=2</script>"
    save(outline_dir, "title: Second point", f"title: '{attack}'")
    save(outline_dir, "Say three.", f"'{attack}'")
    page.wait_for_function("document.querySelector('img[data-slide=\"6\"]').alt.includes('onerror')", timeout=MS)
    save(outline_dir, "    minutes: 5", f"    minutes: '{attack}'")
    page.locator("[role=alert]").wait_for(state="visible", timeout=MS)
    assert f"got '{attack[:34]}" in page.inner_text("[role=alert]")  # shortened in the message
    assert page.inner_text("figure:nth-child(6) figcaption") == f"6. {attack}"
    page.evaluate("window.scrollTo(0, document.querySelector('img[data-slide=\"6\"]').getBoundingClientRect().top"
                  " + window.scrollY - 100)")
    page.wait_for_function("document.querySelector('#notes-head').textContent.startsWith('6.')", timeout=MS)
    assert page.inner_text("#notes-text").startswith(attack)
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.querySelectorAll('script').length") == 1  # live.js only
    assert page.evaluate("document.querySelectorAll('img:not([data-slide])').length") == 0


def test_a_save_changes_exactly_the_edited_slides_picture(page, live, outline_dir):
    before, pngs = versions(page), [picture(live.url, n) for n in range(1, SLIDES + 1)]
    save(outline_dir, "- four", "- four, and a fifth thing")  # slide 6, "Second point"
    page.wait_for_function(f"document.querySelector('img[data-slide=\"6\"]').dataset.v === '{before[5] + 1}'",
                           timeout=MS)
    page.wait_for_function("!document.querySelector('#status').textContent.includes('drawing')", timeout=MS)
    after = versions(page)
    assert [n for n in range(SLIDES) if after[n] != before[n]] == [5]
    now = [picture(live.url, n) for n in range(1, SLIDES + 1)]
    assert [n for n in range(SLIDES) if now[n] != pngs[n]] == [5]


def test_a_notes_only_save_changes_the_notes_and_no_picture(page, live, outline_dir):
    page.evaluate("window.scrollTo(0, document.querySelector('img[data-slide=\"7\"]').getBoundingClientRect().top"
                  " + window.scrollY - 100)")
    page.wait_for_function("document.querySelector('#notes-head').textContent.startsWith('7.')", timeout=MS)
    assert "Point at B." in page.inner_text("#notes-text")
    assert page.inner_text("#cue").startswith("at ")
    before = versions(page)
    seq = page.evaluate("talkdeckSwaps.length")
    save(outline_dir, "Point at B.", "Point at B, the larger.")
    page.wait_for_function("document.querySelector('#notes-text').textContent.includes('the larger')", timeout=MS)
    assert versions(page) == before
    assert page.evaluate("talkdeckSwaps.length") == seq


def test_the_page_stays_on_the_readers_slide(page, live, outline_dir):
    page.evaluate("window.scrollTo(0, document.querySelector('img[data-slide=\"8\"]').getBoundingClientRect().top"
                  " + window.scrollY - 100)")
    page.wait_for_function("document.querySelector('#notes-head').textContent.startsWith('8.')", timeout=MS)
    top = page.evaluate("window.scrollY")
    v = versions(page)[4]
    save(outline_dir, "- one", "- one, edited")  # slide 5, above the reader
    page.wait_for_function(f"document.querySelector('img[data-slide=\"5\"]').dataset.v === '{v + 1}'", timeout=MS)
    assert page.evaluate("window.scrollY") == top
    assert page.inner_text("#notes-head") == "8. Fourth point"
    # A slide added above the reader: the page scrolls by one slide, so the reader is still on "Fourth point".
    save(outline_dir, "      - title: Second point", "      - title: A new point\n        bullets:\n"
         "          - new\n      - title: Second point")
    page.wait_for_function(f"document.querySelectorAll('img[data-slide]').length === {SLIDES + 1}", timeout=MS)
    assert page.inner_text("#notes-head") == "9. Fourth point"


def test_follow_mode_goes_to_the_slide_being_edited(page, live, outline_dir):
    page.check("#follow")
    page.evaluate("window.scrollTo(0, 0)")
    save(outline_dir, "- five", "- five, followed")  # slide 8
    page.wait_for_function("document.querySelector('#notes-head').textContent.startsWith('8.')", timeout=MS)
    page.uncheck("#follow")


def test_a_broken_save_shows_its_errors_over_the_kept_pictures(page, live, outline_dir):
    before = versions(page)
    alert = page.locator("[role=alert]")
    assert not alert.is_visible()
    save(outline_dir, "    minutes: 5", "    minutes: five")
    alert.wait_for(state="visible", timeout=MS)
    assert alert.inner_text().startswith("talk.yaml:16:14: sections[0].minutes: wrong type")
    assert versions(page) == before
    assert page.eval_on_selector_all("img[data-slide]", "imgs => imgs.every(i => i.complete && i.naturalWidth)")
    save(outline_dir, "    minutes: five", "    minutes: 5")
    alert.wait_for(state="hidden", timeout=MS)


def test_libreoffice_killed_in_the_middle_of_a_render_is_restarted(page, live, outline_dir):
    before = versions(page)
    pids = office_processes(os.getpid())
    office = [p for p, cmd in pids.items() if "soffice.bin" in cmd]
    assert office, pids
    # A change most slides show (the talk's title is in the footer), then LibreOffice killed while it draws them.
    save(outline_dir, "title: A small talk", "title: A small talk, retitled")
    wait_for(lambda: state(live.url)["drawing"], "the render to start", step=0.01)
    for p in office:
        os.kill(p, signal.SIGKILL)
    wait_for(lambda: (lambda s: not s["drawing"] and not any(x["stale"] or x["failed"] for x in s["slides"]))(
        state(live.url)), "every slide drawn again")
    assert any("LibreOffice failed" in line and "restarting it" in line for line in live.out), live.out
    page.wait_for_function(f"document.querySelector('img[data-slide=\"1\"]').dataset.v === '{before[0] + 1}'",
                           timeout=MS)
    assert not still_running({p: pids[p] for p in office})


def state(url: str) -> dict:
    with urllib.request.urlopen(f"{url}state") as r:
        return json.load(r)


def test_without_libreoffice_the_page_serves_titles_and_notes_and_says_how_to_install_it(
        browser, outline_dir, monkeypatch):
    from talkdeck.export import locate

    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("SOFFICE_PATH", raising=False)
    monkeypatch.setattr(locate, "install_folders", lambda system, env, home, root: [])
    write_outline(outline_dir, SMALL_TALK)
    run = LiveRun(Path("talk.yaml"))
    page = browser.new_page()
    try:
        page.goto(run.url)
        office = page.locator("#office")
        office.wait_for(state="visible", timeout=MS)
        assert office.inner_text() == (
            "LibreOffice (soffice) is not installed; it renders the PDF and the preview. On Debian/Ubuntu: "
            "apt-get install libreoffice-impress; if it is installed elsewhere, set SOFFICE_PATH to its soffice")
        assert page.locator("img[data-slide]").count() == SLIDES
        assert page.locator("figcaption").nth(4).inner_text() == "5. First point"
        assert page.inner_text("#notes-text").startswith("Title slide.")
        assert run.err == ["preview: " + office.inner_text()]
    finally:
        page.close()
        run.close()
