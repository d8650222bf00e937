"""Numbers of any magnitude on charts: the form chosen per chart from its data's range, and value labels
that would collide moved or left out, with a warning about them (not about the category labels)."""

from __future__ import annotations

import itertools

import pytest

from talkdeck.charts import chart_style, draw_chart
from talkdeck.charts.labels import fit_labels, label_problem
from talkdeck.charts.values import value_text
from talkdeck.lang.magnitude import NumberForm, format_number, format_ticks, number_form
from talkdeck.layout import BODY_WITH_SOURCE
from talkdeck.model import Chart, Theme

WIDE = {"Alpha": 35600, "Beta": 1250.5, "Gamma": 87.25, "Delta": 3.4, "Epsilon": 0.31, "Zeta": 0.0021}


@pytest.fixture(scope="module")
def style():
    return chart_style(Theme(), "en")


@pytest.mark.parametrize(("values", "decimals", "form"), [
    ([52, 44, 24], 0, NumberForm("fixed", 0)),
    ([1.5, 2.25], 2, NumberForm("fixed", 2)),
    (list(WIDE.values()), 4, NumberForm("significant")),
    ([1.2e12, 8.9e12], 0, NumberForm("compact")),
    ([3.5e15, 1e16], 0, NumberForm("scientific")),
    ([0.000012, 0.000051], 6, NumberForm("scientific")),
])
def test_the_form_follows_the_range(values, decimals, form):
    assert number_form(values, decimals) == form


def test_a_chart_from_35600_down_to_0_0021_writes_each_value_to_its_own_precision():
    chart = Chart(type="bar", title="T", source="S", data=dict(WIDE))
    assert [value_text(chart, v) for v in WIDE.values()] == ["35,600", "1,251", "87.3", "3.4", "0.31", "0.0021"]


@pytest.mark.parametrize(("x", "language", "text"), [
    (1.2e12, "en", "1.2T"), (8.9e12, "en-GB", "8.9tn"), (1.5e9, "de", "1,5\u00a0Mrd."), (3.5e15, "en", "3.5 × 10¹⁵"),
    (-2.5e-7, "en", "\u22122.5 × 10⁻⁷"), (1234567, "en", "1.23M"),
])
def test_short_scale_and_powers_of_ten_in_the_talks_language(x, language, text):
    form = number_form([x], 0)
    assert format_number(x, form, language) == text


def test_ticks_take_the_charts_form_with_the_decimals_their_steps_need():
    assert format_ticks([0, 0.5, 1.0, 1.5], NumberForm("fixed", 3)) == ["0.0", "0.5", "1.0", "1.5"]
    assert format_ticks([0, 2e12, 4e12], NumberForm("compact")) == ["0", "2T", "4T"]
    assert format_ticks([0, 1e-5, 2e-5], NumberForm("scientific")) == ["0", "1 × 10⁻⁵", "2 × 10⁻⁵"]


def test_the_wide_chart_draws_every_value_once_none_overlapping(style):
    chart = Chart(type="bar", title="T", source="S", data=dict(WIDE))
    fig = draw_chart(chart, style, BODY_WITH_SOURCE)
    texts = [t for t in fig.axes[0].texts if t.get_text()]
    assert [t.get_text() for t in texts] == ["35,600", "1,251", "87.3", "3.4", "0.31", "0.0021"]
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts]
    assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)]
    assert label_problem(chart, fit_labels(chart, style, BODY_WITH_SOURCE)) is None


def test_crowded_value_labels_are_left_out_and_warned_about_not_the_categories(style):
    series = {"one": [123456.7 * (k + 1) for k in range(10)], "two": [98765.4 * (k + 1) for k in range(10)]}
    chart = Chart(type="grouped", title="T", source="S", categories=list("abcdefghij"), series=series)
    fit = fit_labels(chart, style, BODY_WITH_SOURCE)
    assert fit.fits and 0 < len(fit.left_out) < 20
    problem = label_problem(chart, fit)
    assert problem.startswith(f"{len(fit.left_out)} of the 20 value labels are left out: they would overlap their "
                              "neighbours even at 10 pt")
    assert "category labels" not in problem
    fig = draw_chart(chart, style, BODY_WITH_SOURCE)
    drawn = [t for t in fig.axes[0].texts if t.get_text()]
    assert len(drawn) == 20 - len(fit.left_out)
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in drawn]
    assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)]


def test_a_bar_chart_whose_values_crowd_its_bars_turns_sideways(style):
    data = {f"Region {k}": 1234567.891 + k for k in range(20)}
    chart = Chart(type="bar", title="T", source="S", data=data, decimals=3)
    fit = fit_labels(chart, style, BODY_WITH_SOURCE)
    assert fit.horizontal and not fit.left_out and label_problem(chart, fit) is None
