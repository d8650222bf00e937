"""A generated outline of any length, for the scaling benchmark.

``generate(n)`` returns the YAML of a talk that plans to exactly ``n`` slides
(cover, bio, agenda, 8 section dividers, closing, and content slides with 3–5
bullets, a sub-point and 40–80 words of notes each). The text comes from a
fixed word list and a seeded generator, so every run measures the same outline.
No charts: pandoc gets the same content as Markdown.
"""

from __future__ import annotations

import random

SECTIONS = 8
FIXED_SLIDES = 4 + SECTIONS  # cover, bio, agenda, closing, dividers
WORDS = ("plan industry steel coal power machine works plant project agreement loan expert design "
         "factory output growth region province ministry bureau survey report target quota delay "
         "transfer training blueprint equipment capacity railway city worker engineer cadre year "
         "budget investment sector network model campaign archive source memo meeting visit").split()


def _words(rng: random.Random, lo: int, hi: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


def _quoted(text: str) -> str:
    return '"' + text.replace('"', "'") + '"'


def generate(n: int, seed: int = 5) -> str:
    """YAML of an outline that plans to ``n`` slides (``n`` ≥ 2 × FIXED_SLIDES)."""
    if n < 2 * FIXED_SLIDES:
        raise ValueError(f"n must be at least {2 * FIXED_SLIDES}")
    rng = random.Random(seed)
    content = n - FIXED_SLIDES
    out = [f"title: A generated talk of {n} slides", "date: 2025-01-01", "speaker:",
           "  name: Ada Example", "  bio: Ada gives talks of every length.", "sections:"]
    for s in range(SECTIONS):
        count = content // SECTIONS + (1 if s < content % SECTIONS else 0)
        out += [f"  - title: Part {s + 1}, {_words(rng, 2, 4)}", "    minutes: 5", "    slides:"]
        for k in range(count):
            out += [f"      - title: {_quoted(f'Slide {s + 1}.{k + 1}: ' + _words(rng, 2, 5))}",
                    "        bullets:"]
            for b in range(rng.randint(3, 5)):
                if b == 1:
                    out += [f"          - {_quoted(_words(rng, 4, 9))}:",
                            f"              - {_quoted(_words(rng, 3, 7))}",
                            f"              - {_quoted(_words(rng, 3, 7))}"]
                else:
                    out.append(f"          - {_quoted(_words(rng, 5, 12))}")
            out.append(f"        notes: {_quoted(_words(rng, 40, 80))}")
    return "\n".join(out) + "\n"
