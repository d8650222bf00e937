"""What was meant when a value has the wrong type: the slips of typing, pasting and placeholders.

``wrong_type_message`` looks at a value the model could not take and, when it
recognises the slip (a date typed the local way, a thousands separator, bullets
pasted from Word, a chart written where its name belongs, a key left blank),
says what to write instead.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from ..errors import quoted
from ..model import ChartName
from .dates import date_slip

CORE = "tag:yaml.org,2002:"
#: Characters that start a bullet in Word, PowerPoint or Markdown, but no YAML list item.
_PASTED_BULLETS = "•◦▪▫●○■□–—·‣⁃*+"


def wrong_type_message(node: yaml.Node, tp: Any, expected: str) -> str | None:
    """The message for ``node`` that is not a ``tp`` (``expected`` names it), or None for the plain one."""
    if tp is ChartName and isinstance(node, yaml.MappingNode):
        name = _chart_name(node)
        return (f"a chart is defined under 'charts:' at the top level and named here: move this mapping there "
                f"as 'charts: {{{name}: ...}}' and write 'chart: {name}' on the slide")
    if not isinstance(node, yaml.ScalarNode):
        return None
    value = node.value.strip()
    if node.tag == CORE + "null" and value == "":
        return f"is blank (expected {expected})"
    if expected == "a list" and value[:1] == "－":  # typed in a Chinese or Japanese input method's full-width mode
        return (f"wrong type (expected a list, got {_shown(value)}); a list item starts with '- ' on its own line: "
                "the full-width '－' is not YAML's '-'")
    if expected == "a list" and value[:1] in _PASTED_BULLETS and value[:1]:
        return (f"wrong type (expected a list, got {_shown(value)}); a list item starts with '- ' on its own line: "
                f"the '{value[0]}' of a bullet pasted from a document is only text")
    base = getattr(tp, "__supertype__", tp)
    if base is float or base is int:
        return _number_slip(value, expected)
    if base is dt.date:
        return date_slip(value)
    return None


def _shown(value: str) -> str:
    return quoted(value if len(value) <= 40 else value[:37] + "...")


#: The decimal and group separators of Arabic and Persian numbers (٫ ٬), as YAML would want them.
_ARABIC_SEPARATORS = str.maketrans({"٫": ".", "٬": ","})


def _number_slip(value: str, expected: str) -> str | None:
    if re.search(r"\d", value) and not value.isascii() and not re.search(r"[^\W\d_]", value):
        # ۴۲, ٣٫٥, १२: digits of another script, which YAML reads as text
        latin = "".join(str(int(ch)) if ch.isdecimal() else ch for ch in value.translate(_ARABIC_SEPARATORS))
        return (f"wrong type (expected {expected}, got {_shown(value)}); write numbers in the digits 0–9: {latin} "
                "(the chart writes numbers as the talk's language does: ۴۲ in Persian)")
    if re.fullmatch(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?", value):
        plain = value.replace(",", "")
        return f"wrong type (expected {expected}, got {_shown(value)}); write numbers without separators: {plain}"
    # The decimal comma of Russian, German, French ... (12,5) and their groups of thousands
    # (1 234,5, 1.234,5): YAML reads numbers the English way only.
    m = re.fullmatch(r"([-+]?\d+),(\d+)", value)
    if m:
        return (f"wrong type (expected {expected}, got {_shown(value)}); write the decimal mark as a point: "
                f"{m.group(1)}.{m.group(2)}")
    m = re.fullmatch(r"([-+]?\d{1,3}(?:[ \u00a0\u202f.]\d{3})+)(?:,(\d+))?", value)
    if m and not re.fullmatch(r"[-+]?\d{1,3}\.\d{3}", value):
        plain = re.sub(r"[ \u00a0\u202f.]", "", m.group(1)) + (f".{m.group(2)}" if m.group(2) else "")
        point = " and with a decimal point" if m.group(2) else ""
        return (f"wrong type (expected {expected}, got {_shown(value)}); write numbers without separators{point}: "
                f"{plain}")
    m = re.fullmatch(r"([-+]?\d+(?:\.\d+)?)\s*(%|[^\d\s.,]+)", value)
    if m:
        return (f"wrong type (expected {expected}, got {_shown(value)}); write the number alone ({m.group(1)}) "
                f"and the unit ('{m.group(2)}') in the chart's 'unit'")
    return None


def _chart_name(node: yaml.MappingNode) -> str:
    """A name for a chart written in place: a few words of its title, or ``my-chart``."""
    title = next((v.value for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == "title"
                  and isinstance(v, yaml.ScalarNode)), "")
    words = re.findall(r"[^\W_]+", str(title).lower())[:3]
    return "-".join(words) or "my-chart"
