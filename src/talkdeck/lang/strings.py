"""Every piece of text talkdeck writes by itself: the slides' chrome, generated notes, the run sheet.

One :class:`Message` per text, named by a key. The key is what ``strings:`` in
talk.yaml overrides, and the message's gettext context, so that catalogs stay
readable and two texts that are the same in English can differ elsewhere.
``{name}`` fields are filled by :mod:`talkdeck.lang.i18n`; a translation or an
override may reorder or leave out fields, never invent one.

The English text here is the source of the catalogs. After changing it, run
``pybabel extract -F babel.cfg -o src/talkdeck/locales/talkdeck.pot .`` then
``pybabel update`` and ``pybabel compile`` (docs/translating.md).
"""

from __future__ import annotations

import string
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    """A text talkdeck generates: its key, its English text, and its plural when it counts ``{n}``."""

    key: str
    text: str
    plural: str | None = None

    @property
    def fields(self) -> frozenset[str]:
        """The ``{name}`` fields the English text uses (and a translation may use)."""
        return fields_of(self.text) | (fields_of(self.plural) if self.plural else frozenset())


def fields_of(text: str) -> frozenset[str]:
    """The names of the ``{name}`` fields in ``text``; raises ValueError on a stray brace."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def M(key: str, text: str) -> Message:  # noqa: N802 - the keyword pybabel extracts (babel.cfg)
    return Message(key, text)


def P(key: str, singular: str, plural: str) -> Message:  # noqa: N802 - extracted as M is
    return Message(key, singular, plural)


_ALL = (
    # --- slides ---------------------------------------------------------------------------
    # TRANSLATORS: title of the agenda slide.
    M("agenda", "Agenda"),
    # TRANSLATORS: one line of the agenda slide.
    M("agenda_item", "{number}. {title}"),
    # TRANSLATORS: one line of the agenda slide with the part's time budget (an abbreviation for minutes).
    M("agenda_item_minutes", "{number}. {title} ({minutes} min)"),
    # TRANSLATORS: on a section's divider slide.
    M("part_of", "Part {number} of {total}"),
    # TRANSLATORS: under a chart or slide: where its facts come from.
    M("source", "Source: {source}"),
    # TRANSLATORS: default title of the last slide.
    M("closing_title", "Questions?"),
    # TRANSLATORS: title of the slides after the last section that list the works the talk cites.
    M("references", "References"),
    # TRANSLATORS: title of each references slide when the list takes several.
    M("references_part", "References ({number}/{total})"),
    # TRANSLATORS: speaker notes of the references slides.
    M("notes_references", "The works cited."),
    # TRANSLATORS: title of a quote slide that names neither a title nor an author.
    M("quote_title", "Quote"),
    # TRANSLATORS: the title of a second (third …) slide that holds the points one slide could not.
    M("title_continued", "{title} ({number})"),
    # TRANSLATORS: the quotation marks around a quote; use the language's own.
    M("quote", "“{quote}”"),
    # TRANSLATORS: who said a quote, under it.
    M("quote_by", "— {author}"),
    # TRANSLATORS: a chart's title followed by the unit of its values; also written in charts.
    M("title_with_unit", "{title} ({unit})"),
    # TRANSLATORS: alt text of the speaker's photo.
    M("portrait_alt", "Portrait of {name}"),
    # --- chart descriptions (alt text and notes) ------------------------------------------
    M("chart_bar", "Bar chart"),
    M("chart_barh", "Horizontal bar chart"),
    M("chart_stacked", "Stacked bar chart"),
    M("chart_grouped", "Grouped bar chart"),
    M("chart_line", "Line chart"),
    # TRANSLATORS: alt text of a chart: its kind, title (with unit) and values.
    M("chart_alt", "{kind}, {title}: {values}. Source: {source}."),
    # TRANSLATORS: heading of the chart's numbers in the speaker notes.
    M("chart_data", "Chart data — {title}:"),
    # TRANSLATORS: a label and its value, e.g. a category and its numbers.
    M("label_value", "{label}: {value}"),
    # TRANSLATORS: between items of a list of values (category 5, category 7).
    M("separator", "{before}, {after}"),
    # TRANSLATORS: between groups of values (the series of a chart).
    M("group_separator", "{before}; {after}"),
    # TRANSLATORS: in a chart's alt text and notes, in place of a value the speaker left out (null).
    M("no_data", "no data"),
    # TRANSLATORS: a point of a chart named by its category and its series, e.g. "2021 (Arctic)".
    M("point_of_series", "{category} ({series})"),
    # TRANSLATORS: after a line chart's alt text: the points left out, where the line has a gap.
    M("chart_gaps", "No data for {points}: the line has a gap there."),
    # TRANSLATORS: a long series of a chart in its alt text: {first_at} etc. are its categories (years).
    # No ";" inside: the series of a chart are joined with group_separator, and a reader must see where one ends.
    M("series_summary", "from {first} ({first_at}) to {last} ({last_at}), lowest {low} ({low_at}), "
                        "highest {high} ({high_at})"),
    # TRANSLATORS: over a bar of a stacked chart with negative values: its parts' sum, e.g. "net 0.41".
    M("net_total", "net {value}"),
    # TRANSLATORS: alt text and notes of a stacked chart with negative values; {totals}: "1950s 0.05, 1980s 0.12".
    M("chart_net_totals", "Totals are net sums, negative values subtracted: {totals}."),
    # --- generated speaker notes ----------------------------------------------------------
    M("notes_title", "Title slide. {title}."),
    M("notes_title_subtitle", "Title slide. {title}: {subtitle}."),
    M("notes_speaker", "Speaker: {name}."),
    M("notes_event", "Event: {event}."),
    # TRANSLATORS: {minutes} is minutes_count, {parts} is parts_count.
    M("notes_length", "It runs {minutes} in {parts}."),
    P("minutes_count", "{n} minute", "{n} minutes"),
    P("parts_count", "{n} part", "{n} parts"),
    M("notes_about", "About the speaker: {who}."),
    M("speaker_role", "{name}, {role}"),
    M("speaker_affiliations", "{who} ({affiliations})"),
    M("notes_agenda", "Agenda."),
    M("notes_agenda_part", "Part {number}: {title}."),
    # TRANSLATORS: {minutes} is minutes_count.
    M("notes_agenda_part_minutes", "Part {number}: {title}, {minutes}."),
    M("notes_part", "Part {number} of {total}: {title}."),
    M("notes_covers", "It covers: {summary}."),
    # TRANSLATORS: {minutes} is minutes_count.
    M("notes_budget", "Time budget: {minutes}."),
    M("notes_slides", "Slides: {titles}."),
    M("notes_closing", "Closing. Thank the audience and invite questions."),
    # TRANSLATORS: at the end of every slide's notes.
    M("notes_slide_number", "[Slide {number} of {total}]"),
    # --- time cues and the run sheet ------------------------------------------------------
    # TRANSLATORS: short label of the introduction in time cues.
    M("intro_label", "Intro"),
    # TRANSLATORS: short label of a part in time cues.
    M("part_label", "§{number}"),
    M("runsheet_title", "Run sheet: {title}"),
    P("slides_count", "{n} slide", "{n} slides"),
    P("sections_count", "{n} section", "{n} sections"),
    # TRANSLATORS: {file} is the outline the run sheet was made from.
    M("runsheet_from", "from {file}"),
    # TRANSLATORS: column heads of the run sheet's time table.
    M("runsheet_part", "part"),
    M("runsheet_start", "from"),
    M("runsheet_end", "to"),
    M("introduction", "Introduction"),
)

#: Every message by key.
MESSAGES: dict[str, Message] = {m.key: m for m in _ALL}
assert len(MESSAGES) == len(_ALL), "two messages share a key"
