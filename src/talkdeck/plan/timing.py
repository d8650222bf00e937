"""The time plan: when each section and slide is due, the notes' cues and the run sheet.

Pure functions on the model and the planned slides. A section's ``minutes``
(and the intro's) give its span; within a span, slides share the time in
proportion to the words of their notes, the part a speaker actually says.
"""

from __future__ import annotations

import re

from ..lang.i18n import Messages, messages_for
from ..model import Talk
from ..text.script import EAST_ASIAN
from .spec import SlideSpec


def mmss(minutes: float) -> str:
    """``12:30`` for 12.5 minutes."""
    seconds = round(minutes * 60)
    return f"{seconds // 60}:{seconds % 60:02d}"




def words(text: str | None) -> int:
    """How many words ``text`` takes to say: its words, and two East Asian characters a word.

    Chinese is written without spaces and read at about twice as many characters
    a minute as English words, so a run of characters is not one word.
    """
    text = text or ""
    return len(re.findall(r"\w+", EAST_ASIAN.sub(" ", text))) + (len(EAST_ASIAN.findall(text)) + 1) // 2


def section_spans(talk: Talk) -> dict[int, tuple[float, float]]:
    """(start, end) in minutes of the intro (key -1) and each section (0, 1, ...).

    Empty unless every section has ``minutes``: a partial plan would mislead.
    """
    if any(s.minutes is None for s in talk.sections):
        return {}
    spans: dict[int, tuple[float, float]] = {}
    t = 0.0
    if talk.intro and talk.intro.minutes:
        spans[-1] = (0.0, talk.intro.minutes)
        t = talk.intro.minutes
    for i, s in enumerate(talk.sections):
        minutes = s.minutes or 0.0  # called when every section says its minutes
        spans[i] = (t, t + minutes)
        t += minutes
    return spans


def span_label(section: int, m: Messages | None = None) -> str:
    """``Intro`` or ``§2`` (section 1), in the words of ``m`` (English by default: the CLI's)."""
    m = m or Messages()
    return m("intro_label") if section == -1 else m("part_label", number=section + 1)


def schedule(talk: Talk, specs: list[SlideSpec]) -> dict[int, tuple[float, float]]:
    """Set each slide's ``start_min``/``end_min`` (and its section's span); returns the spans."""
    spans = section_spans(talk)
    if not spans:
        return spans
    groups: dict[int, list[SlideSpec]] = {}
    for spec in specs:
        if spec.section is not None and spec.section in spans:
            groups.setdefault(spec.section, []).append(spec)
    for section, members in groups.items():
        start, end = spans[section]
        # What the speaker says (their notes, not the generated chart data or cues) sets the pace.
        weights = [max(words(s.said), 20) for s in members]
        t = start
        for spec, weight in zip(members, weights):
            spec.span = spans[section]
            spec.start_min = t
            t += (end - start) * weight / sum(weights)
            spec.end_min = t
    # Slides outside every span (title, bio, agenda, closing) are due when the next
    # timed slide starts, or at the end of the talk when none follows.
    end_of_talk = max(e for _, e in spans.values())
    upcoming = end_of_talk
    for spec in reversed(specs):
        if spec.start_min is None:
            spec.start_min = spec.end_min = upcoming
        else:
            upcoming = spec.start_min
    return spans


def cue(spec: SlideSpec, m: Messages | None = None) -> str:
    """The line that opens a slide's notes: ``§2 · 12:00–22:00``, or empty without a plan."""
    if spec.span is None or spec.section is None:
        return ""
    start, end = spec.span
    return f"{span_label(spec.section, m)} · {mmss(start)}–{mmss(end)}"


def plan_summary(talk: Talk, spans: dict[int, tuple[float, float]]) -> str:
    """One line: the spans of the intro and sections, and the total against the duration."""
    if not spans:
        return "no time plan (give every section 'minutes')"
    parts = [f"{span_label(k)} {mmss(a)}–{mmss(b)}" for k, (a, b) in sorted(spans.items())]
    total = max(b for _, b in spans.values())
    against = f" of {talk.duration:g}" if talk.duration else ""
    over = " — OVER the duration" if talk.duration and total > talk.duration else ""
    return f"{total:g}{against} min: " + ", ".join(parts) + over


def runsheet(talk: Talk, specs: list[SlideSpec], source: str) -> str:
    """A Markdown run sheet: each slide's planned start, title and notes, to print or keep on a phone."""
    spans = section_spans(talk)
    m = messages_for(talk)
    head = ["# " + m("runsheet_title", title=talk.title), ""]
    facts = [m.count("slides_count", len(specs)), m.count("sections_count", len(talk.sections))]
    if talk.duration:
        facts.insert(0, m.count("minutes_count", talk.duration))
    head += [" · ".join(facts + [m("runsheet_from", file=source)]), ""]
    if spans:
        head += [f"| {m('runsheet_part')} | {m('runsheet_start')} | {m('runsheet_end')} |", "|---|---|---|"]
        for key, (a, b) in sorted(spans.items()):
            name = m("introduction") if key == -1 else talk.sections[key].title
            label = name if key == -1 else f"{span_label(key, m)} {name}"
            head.append(f"| {label} | {mmss(a)} | {mmss(b)} |")
        head.append("")
    body = []
    for spec in specs:
        at = f"{mmss(spec.start_min)} · " if spec.start_min is not None else ""
        body += [f"## {spec.number}. {at}{spec.title}", "", spec.notes.strip(), ""]
    return "\n".join(head + body)
