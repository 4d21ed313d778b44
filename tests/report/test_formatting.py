"""Figures, dates and outside text as the report prints them."""

from datetime import UTC, date, datetime

from facilitator.pdf.formatting import DASH, Numbers, escape


def test_dutch_numbers_have_a_decimal_comma_and_english_ones_a_point():
    assert Numbers("nl").mean(3.56) == "3,6"
    assert Numbers("en").mean(3.56) == "3.6"
    assert Numbers("nl").decimal(0.7149) == "0,71"


def test_halves_round_away_from_zero_like_the_projector():
    assert Numbers("en").mean(3.25) == "3.3"
    assert Numbers("en").mean(-0.25) == "-0.3"


def test_a_figure_that_rounds_to_zero_has_no_minus_sign():
    assert Numbers("nl").decimal(-0.0001) == "0,00"


def test_a_missing_figure_is_a_dash():
    assert Numbers("nl").decimal(None) == DASH
    assert Numbers("nl").percent(None) == DASH


def test_dates_are_written_out_in_the_language():
    day = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
    assert Numbers("nl").date(day) == "23 november 2026"
    assert Numbers("en").date(day) == "23 November 2026"
    assert Numbers("en").date(date(2027, 1, 5)) == "5 January 2027"
    assert Numbers("en").date("Q1 2027") == "Q1 2027"


def test_markup_characters_are_escaped_and_control_characters_dropped():
    assert escape('A & B <c> "d"\x00') == "A &amp; B &lt;c&gt; &quot;d&quot;"
