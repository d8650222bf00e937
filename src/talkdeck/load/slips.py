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

from ..model import ChartName

CORE = "tag:yaml.org,2002:"
_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], start=1)}
_MONTH = "|".join(sorted(set(_MONTHS) | {m[:3] for m in _MONTHS}, key=len, reverse=True))
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
    if expected == "a list" and value[:1] in _PASTED_BULLETS and value[:1]:
        return (f"wrong type (expected a list, got {_shown(value)}); a list item starts with '- ' on its own line: "
                f"the '{value[0]}' of a bullet pasted from a document is only text")
    base = getattr(tp, "__supertype__", tp)
    if base is float or base is int:
        return _number_slip(value, expected)
    if base is dt.date:
        return _date_slip(value)
    return None


def _shown(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _number_slip(value: str, expected: str) -> str | None:
    if re.fullmatch(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?", value):
        plain = value.replace(",", "")
        return f"wrong type (expected {expected}, got {_shown(value)}); write numbers without separators: {plain}"
    m = re.fullmatch(r"([-+]?\d+(?:\.\d+)?)\s*(%|[^\d\s.,]+)", value)
    if m:
        return (f"wrong type (expected {expected}, got {_shown(value)}); write the number alone ({m.group(1)}) "
                f"and the unit ('{m.group(2)}') in the chart's 'unit'")
    return None


def _date_slip(value: str) -> str | None:
    """A date written in a local way, rewritten as YYYY-MM-DD when that is unambiguous."""
    tried: list[dt.date] = []
    m = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", value)
    if m:
        a, b, year = map(int, m.groups())
        for day, month in ((a, b), (b, a)):
            try:
                tried.append(dt.date(year, month, day))
            except ValueError:
                pass
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if m:
        tried += _date(*map(int, m.groups()))
    m = re.fullmatch(rf"(\d{{1,2}})\.?\s+({_MONTH})\.?,?\s+(\d{{4}})", value, re.I) or \
        re.fullmatch(rf"({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", value, re.I)
    if m:
        day, month = (m.group(1), m.group(2)) if m.group(1).isdigit() else (m.group(2), m.group(1))
        tried += _date(int(m.group(3)), _MONTHS.get(month.lower()) or _MONTHS[
            next(k for k in _MONTHS if k.startswith(month.lower()[:3]))], int(day))
    dates = sorted(set(tried))
    if not dates:
        return None
    choices = " or ".join(d.isoformat() for d in dates)
    return f"not a date YAML reads (expected YYYY-MM-DD, got {_shown(value)}); write {choices}"


def _date(year: int, month: int, day: int) -> list[dt.date]:
    try:
        return [dt.date(year, month, day)]
    except ValueError:
        return []


def _chart_name(node: yaml.MappingNode) -> str:
    """A name for a chart written in place: a few words of its title, or ``my-chart``."""
    title = next((v.value for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == "title"
                  and isinstance(v, yaml.ScalarNode)), "")
    words = re.findall(r"[^\W_]+", str(title).lower())[:3]
    return "-".join(words) or "my-chart"
