"""The one number formatter: the precision the speaker wrote, no binary-float noise, CLDR punctuation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talkdeck.lang.numfmt import decimals_of, fmt_number, tick_decimals, total, written_decimals


def digits_after_mark(text: str, mark: str = ".") -> int:
    return len(text.rpartition(mark)[2]) if mark in text else 0


@pytest.mark.parametrize("value, decimals, language, expected", [
    (1400, None, "en-GB", "1,400"),
    (52.0, None, "en-GB", "52"),
    (0.1 + 0.2, None, "en-GB", "0.3"),
    (31.699999999999996, None, "en-GB", "31.7"),
    (35.300000000000004, None, "en-GB", "35.3"),
    (0.6000000000000001, None, "en", "0.6"),
    (-3.5, None, "en", "\u22123.5"),
    (-0.04, 1, "en", "0.0"),  # never "−0.0"
    (2.5, 2, "ru", "2,50"),
    (1234567.5, 1, "ru", "1\u00a0234\u00a0567,5"),
    (1234567.5, 1, "de-DE", "1.234.567,5"),
    (1234567, 0, "hi", "12,34,567"),
    (1.5, None, "xx-YY", "1.5"),  # an unknown language reads as English
    (1e-5, None, "en", "0.00001"),
])
def test_numbers_are_written_as_the_language_writes_them(value, decimals, language, expected):
    assert fmt_number(value, decimals, language) == expected


@pytest.mark.parametrize("text, places", [("1.50", 2), ("1e-3", 3), ("1_000", 0), ("-0.25", 2), ("2.5E+1", 0),
                                          ("12", 0), ("lots", 0)])
def test_written_decimals_count_trailing_zeros(text, places):
    assert written_decimals(text) == places


def test_sums_take_the_precision_of_their_addends():
    assert total([10.1, 21.6, 0.1]) == 31.8 and fmt_number(total([10.1, 21.6, 0.1])) == "31.8"
    assert total([12.3, 22.9, 0.2]) == 35.4
    assert total([1, None, 2]) == 3


def test_ticks_take_the_fewest_decimals_that_write_them_exactly():
    assert tick_decimals([0.0, 0.30000000000000004, 0.6000000000000001, 0.9]) == 1
    assert tick_decimals([0, 250, 500]) == 0
    assert tick_decimals([0.0, 0.25, 0.5]) == 2


# Values as a speaker writes them: a few digits, up to four decimals.
written = st.builds(lambda n, d: (Decimal(n).scaleb(-d), d), st.integers(-10**7, 10**7), st.integers(0, 4))


@settings(max_examples=300, deadline=None)
@given(st.lists(written, min_size=1, max_size=12))
def test_never_more_digits_than_the_data_has(values):
    places = max(d for _, d in values)
    for number, d in values:
        shown = fmt_number(float(number), None, "en")
        assert digits_after_mark(shown) <= d  # a value alone: no more decimals than written
        assert Decimal(shown.replace(",", "").replace("\u2212", "-")) == number.normalize()
    summed = fmt_number(total([float(n) for n, _ in values]), None, "en")
    assert digits_after_mark(summed) <= places  # a sum: no more than its most precise addend
    assert Decimal(summed.replace(",", "").replace("\u2212", "-")) == sum(n for n, _ in values)


@settings(max_examples=200, deadline=None)
@given(st.floats(-1e9, 1e9, allow_nan=False), st.integers(0, 6), st.sampled_from(["en", "ru", "de", "fr", "hi"]))
def test_fixed_decimals_are_exactly_that_many(value, places, language):
    shown = fmt_number(value, places, language)
    mark = "," if language in ("ru", "de", "fr") else "."
    assert digits_after_mark(shown, mark) == places
    assert "e" not in shown.lower() and not shown.startswith("-")


def test_decimals_of_reads_the_shortest_form():
    assert [decimals_of(x) for x in (52.0, 0.25, 1e-05, 1.5e20, 0.1 + 0.2)] == [0, 2, 5, 0, 1]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(written, min_size=3, max_size=3), min_size=1, max_size=4))
def test_a_chart_writes_values_and_totals_with_no_more_digits_than_its_data(rows):
    from talkdeck.charts.values import chart_decimals, chart_form, value_text
    from talkdeck.model import Chart

    series = {f"s{k}": [float(n) for n, _ in row] for k, row in enumerate(rows)}
    chart = Chart(type="stacked", title="T", source="S", categories=["a", "b", "c"], series=series)
    most = max(d for row in rows for _, d in row)
    assert chart_decimals(chart) <= most
    short_scale = chart_form(chart).kind == "compact"  # 1.01M: the mantissa's digits, not the data's

    def check(text: str) -> None:
        assert len(text) <= 9 if short_scale and text[-1:].isalpha() else digits_after_mark(text) <= most

    for column in zip(*series.values(), strict=True):
        for v in column:
            check(value_text(chart, v))
        check(value_text(chart, total(column, chart_decimals(chart))))


def test_rounding_is_half_up_on_the_number_as_written():
    assert [fmt_number(x, 0) for x in (0.5, 1.5, 2.5, -2.5)] == ["1", "2", "3", "\u22123"]
    assert fmt_number(2.675, 2) == "2.68"  # stored as 2.67499999…, written 2.675
