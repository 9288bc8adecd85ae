"""Dates as dd/mm/yyyy and numbers as Vietnamese write them (5.549; 57,86%), English on request."""

from datetime import date, datetime

from flask_babel import force_locale

from inspection.formatting import number, percent, vn_date, vn_datetime


def test_vietnamese_numbers_and_percentages(app):
    with app.test_request_context(), force_locale("vi"):
        assert number(5549) == "5.549"
        assert number(333) == "333"
        # 1.973 non-leader individuals of 3.408: the 2017 report printed 57.86%, the figures give 57,89%.
        assert percent(1973 / 3408) == "57,89%"
        assert percent(0.5786) == "57,86%"


def test_english_numbers(app):
    with app.test_request_context(), force_locale("en"):
        assert number(5549) == "5,549"
        assert percent(0.5789) == "57.89%"


def test_dates_are_day_month_year_in_vietnam_time(app):
    assert vn_date(date(2017, 11, 30)) == "30/11/2017"
    assert vn_date(date(2017, 6, 5)) == "05/06/2017"
    assert vn_date(None) == ""
    # 22:30 UTC on 29/11 is already 30/11 in Vietnam (UTC+7).
    assert vn_datetime(datetime(2026, 11, 29, 22, 30)) == "30/11/2026 05:30"
