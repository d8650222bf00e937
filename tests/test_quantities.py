"""'Slide shows numbers but no source' fires on quantities only: a labelled corpus of slide texts,
and the detector's precision and recall on it.

Each text is labelled by what it claims, not by what the detector does: True when it
states a quantity an audience may ask the source of (a share, money, a count of things,
a measure, a figure), False when its numbers are years, dates, times, labels, names,
file names, a lone digit with nothing to count, or a round figure of scale (~1,000 km).
"""

from __future__ import annotations

import pytest

from talkdeck.lang.quantities import quantities

SHOULD_WARN = [
    "45% of everything",
    "Emissions fell by 12 per cent",
    "US$300 million at one per cent a year",
    "A loan of 520 million roubles",
    "25 collieries, 25 power plants, 24 machine works and other major industrial projects",
    "5,092 Soviet experts were sent to China",
    "about 11,000",
    "over 20,000",
    "5,092",
    "156 became 154: two projects had been counted twice",
    "154 became 150: four were never built",
    "Energy: 52 projects",
    "The railway is 1,000 km long",
    "Average growth of 3.5 a year",
    "Growth was 3.5%",
    "Unemployment reached 10–12%",
    "€4.2 bn of investment",
    "£12m raised",
    "GDP rose 7.8% in 1953",
    "The plant produced 1.2 million tonnes of steel",
    "It took 40 hours to assemble",
    "Temperatures rose by 1.1 °C since 1850",
    "CO2 at 420 ppm",
    "Life expectancy rose from 35 to 68 years",
    "Only 150 were built",
    "The plan listed 694 large projects",
    "Of 91 agreed in May 1953, 85 were kept",
    "¥500 per worker",
    "Around 60 experts per site",
    "Production doubled to 2,000 tons",
    "A 25% increase",
    "~40% of emissions come from energy",
    "Some 300 factories",
    "The dam is 185 metres high",
    "12 million people moved to cities",
    "They employed 20,000 workers",
    "Population: 1.4 billion",
    "a 10km stretch of road",
    "Wages were 60 yuan a month",
    "It cost $2.5bn",
    "Steel output: 1,350,000 t",
    "31 provinces reported data",
    "Exports grew 15 per cent annually",
    "From 12 to 18 mines",
    "Over 70 cities",
    "Rates of 4.5",
    "Turnout was high (72%)",
    "0.5 of the budget",
    "A survey of 1,024 respondents",
    "The network carried 3,000 trains a day",
    "Output rose to 85 units per hour",
]

SHOULD_NOT_WARN = [
    "Point number 1",
    "Step 2: draft the plan",
    "See p. 297",
    "Bo Yibo, vol. 1",
    "Articles 1–2 of the agreement",
    "The First Five-Year Plan (1953–57)",
    "The plan covered 1953–57",
    "In the 1950s",
    "Signed on 14 February 1950",
    "On 15 May 1953 the agreement was signed",
    "May 15, the day after",
    "The meeting starts at 10:30",
    "Doors open at 9 am",
    "The \"156 Projects\"",
    "The 156 Projects were the bulk of the plan",
    "Its investment centred on the 156 Projects",
    "stripes.png",
    "See assets/stripes_2024.png",
    "figure-3.svg shows it",
    "Data in hadcrut5_1850-2024.csv",
    "https://example.org/report-2024/table3",
    "~1,000 km of new railway",
    "≈ 500 km from the coast",
    "c. 300 km inland",
    "The 2nd plan",
    "The 19th century",
    "CO2 and CH4",
    "COVID-19 changed everything",
    "The G20 summit",
    "5G networks",
    "A 3D model",
    "Python 3.11",
    "Apollo 11 landed",
    "Windows 11",
    "Boeing 747 fleet",
    "Route 66",
    "2 parts",
    "3 reasons to care",
    "Chapter 12",
    "Question 3 from the audience",
    "Phase 2 began",
    "#4 on the list",
    "No. 7 steel works",
    "Slide 12",
    "In 2024 the project ended",
    "From 1949 to 1960",
    "ISO 9001",
    "Version 2.0",
    "v1.2.3",
    "Level 4 is the hardest",
    "Lesson 5 covers this",
    "The 1954 protocol",
    "Section 3 of the report",
    "Table 2 shows the detail",
    "Top 10 list",
    "SDG 13",
    "Day 1 of the conference",
    "ada@example.org",
    "Room 101",
    "As shown in [12]",
    "A long point, the thirteenth (13)",
]

CORPUS = [(t, True) for t in SHOULD_WARN] + [(t, False) for t in SHOULD_NOT_WARN]

#: Written and labelled after the rules were tuned on CORPUS, and not tuned on: the honest figure.
HELD_OUT = [(t, True) for t in [
    "Coal output tripled to 130 million tonnes",
    "Only 8% of the projects were finished on time",
    "The average wage was 45 yuan",
    "Sea level rose 20 cm in a century",
    "Over 1,500 engineers trained in Moscow",
    "Investment reached 49.3 billion yuan",
    "The factory employed 12,000 workers",
    "Half the budget: 55 per cent",
    "The budget grew by €300m",
    "67 projects were in the north-east",
    "Test scores improved by 0.3 standard deviations",
    "A 2.4-fold increase",
    "Nearly 40 percent of students",
    "It weighs 3 kg",
    "Losses of $7 billion",
    "Forest cover fell to 31%",
    "There were 274 strikes in 1956",
    "Rainfall: 1,200 mm a year",
    "Survival rate 0.82",
]] + [(t, False) for t in [
    "Part 2: the plan",
    "Article 5 of the treaty",
    "See figure 4",
    "1 March 1953",
    "World War 2",
    "The 3 questions we ask",
    "Meeting at 14:00",
    "The Class of 2019",
    "Read chapter 7",
    "map_1955.png",
    "Schedule for 2025–2026",
    "the 20th anniversary",
    "Agenda item 4",
    "F-16 fighters",
    "MP3 files",
    "Stalin died in March 1953",
    "Between 1958 and 1960",
    "the Top 5",
    "photo: assets/plant-1956.jpg",
    "A4 paper",
]]


def measure(corpus=CORPUS) -> tuple[float, float, list[str], list[str]]:
    """(precision, recall, false positives, false negatives) of the detector on ``corpus``."""
    fires = {t: bool(quantities(t)) for t, _ in corpus}
    tp = sum(1 for t, want in corpus if want and fires[t])
    fp = [t for t, want in corpus if not want and fires[t]]
    fn = [t for t, want in corpus if want and not fires[t]]
    return tp / (tp + len(fp)), tp / (tp + len(fn)), fp, fn


def test_the_corpus_is_large_and_balanced():
    assert len(SHOULD_WARN) >= 50 and len(SHOULD_NOT_WARN) >= 50


def test_precision_and_recall_on_the_corpus():
    precision, recall, fp, fn = measure()
    print(f"numbers without a source: precision {precision:.2f}, recall {recall:.2f} on {len(CORPUS)} texts")
    assert (fp, fn) == ([], [])  # today every text is judged as labelled; below: the floor that must hold
    assert precision >= 0.95 and recall >= 0.95


@pytest.mark.parametrize("text, shown", [
    ("45% of everything", ["45"]),
    ("5,092 experts in 1950–56", ["5,092"]),
    ("US$300 million", ["300"]),
    ("The 156 Projects: 150 built", ["150"]),
])
def test_the_quantities_found_are_the_ones_written(text, shown):
    assert quantities(text) == shown


def test_precision_and_recall_on_texts_not_tuned_on():
    precision, recall, fp, fn = measure(HELD_OUT)
    print(f"held out: precision {precision:.2f}, recall {recall:.2f} on {len(HELD_OUT)} texts")
    assert fn == ["A 2.4-fold increase"]  # '-fold' is read as a code's suffix, like 5G
    assert precision >= 0.9 and recall >= 0.9
