"""Bounds on what one talk may hold, so that a hostile or broken outline fails fast.

Each limit can be raised with an environment variable ``TALKDECK_<NAME>``
(for example ``TALKDECK_MAX_SLIDES=5000``).
"""

from __future__ import annotations

import os


def _limit(name: str, default: int) -> int:
    try:
        return int(os.environ.get(f"TALKDECK_{name}", default))
    except ValueError:
        return default


HOW_TO_RAISE = "raise it with the environment variable TALKDECK_{name}"

MAX_OUTLINE_BYTES = _limit("MAX_OUTLINE_BYTES", 4_000_000)
MAX_NODES = _limit("MAX_NODES", 400_000)
MAX_SLIDES = _limit("MAX_SLIDES", 3_000)
MAX_TEXT_CHARS = _limit("MAX_TEXT_CHARS", 20_000)
MAX_CHART_POINTS = _limit("MAX_CHART_POINTS", 1_000)
#: A legend is laid out in time that grows faster than its entries (150 series: 14 s, 1,000: over a minute).
MAX_CHART_SERIES = _limit("MAX_CHART_SERIES", 40)
MAX_IMAGE_PIXELS = _limit("MAX_IMAGE_PIXELS", 50_000_000)
MAX_IMAGE_BYTES = _limit("MAX_IMAGE_BYTES", 25_000_000)
MAX_TEMPLATE_BYTES = _limit("MAX_TEMPLATE_BYTES", 100_000_000)
MAX_TEMPLATE_PARTS = _limit("MAX_TEMPLATE_PARTS", 2_000)
MAX_TABLE_ROWS = _limit("MAX_TABLE_ROWS", 500)
#: Laying a table out grows faster than its columns (240: 6 s, 1,000: over a minute).
MAX_TABLE_COLUMNS = _limit("MAX_TABLE_COLUMNS", 50)
MAX_BULLET_DEPTH = 3
#: ziamath lays an equation out in time quadratic in its length and exponential in how deeply it nests
#: (``x^{x^{x^{…}}}`` 14 deep: 25 s); real equations stay far below both.
MAX_EQUATION_CHARS = _limit("MAX_EQUATION_CHARS", 1_000)
MAX_EQUATION_DEPTH = _limit("MAX_EQUATION_DEPTH", 6)


def how_to_raise(name: str) -> str:
    """The hint appended to a limit's message: which variable raises it."""
    return HOW_TO_RAISE.format(name=name)
