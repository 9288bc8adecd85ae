"""Jinja filters: dates as dd/mm/yyyy, numbers as the reader's language writes them."""

from datetime import date, datetime, timedelta
from functools import lru_cache

from babel.numbers import format_decimal, format_percent
from flask import Flask
from flask_babel import get_locale

from inspection.audit_display import field_label, field_value
from inspection.timeutil import to_vietnam_time


def vn_date(value: date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_vietnam_time(value)
    return value.strftime("%d/%m/%Y")


def vn_datetime(value: datetime | None) -> str:
    """Stored UTC, shown in Vietnam time."""
    return "" if value is None else to_vietnam_time(value).strftime("%d/%m/%Y %H:%M")


def number(value, locale: str | None = None) -> str:
    """5549 → "5.549" in Vietnamese, "5,549" in English (the reader's language unless `locale` is given)."""
    if type(value) is int and 0 <= value < 1000:
        return str(value)  # written alike in every language the app speaks: no call into Babel (a list has many)
    if value is None:
        return ""
    locale = locale or str(get_locale() or "vi")
    return _integer(value, locale) if type(value) is int else format_decimal(value, locale=locale)


@lru_cache(maxsize=4096)
def _integer(value: int, locale: str) -> str:
    """A whole number's text, worked out once per process: a dashboard or a report prints hundreds of counts,
    most of them the same few values, and Babel takes ~30 µs for each."""
    return format_decimal(value, locale=locale)


def in_vietnamese(text) -> str:
    """A translatable text (a lazy label) in Vietnamese whatever the reader's language: official documents
    such as the council's minutes are written in Vietnamese."""
    from flask_babel import force_locale

    with force_locale("vi"):
        return str(text)


def percent(value, digits: int = 2) -> str:
    """0.5789 → "57,89%" in Vietnamese."""
    if value is None:
        return ""
    pattern = "#,##0." + "0" * digits + "%" if digits else "#,##0%"
    return format_percent(value, format=pattern, locale=str(get_locale() or "vi"))


def install_filters(app: Flask) -> None:
    app.add_template_filter(vn_date, "date")
    app.add_template_filter(vn_datetime, "datetime")
    app.add_template_filter(number, "number")
    app.add_template_filter(in_vietnamese, "vi")
    app.add_template_filter(percent, "percent")
    app.add_template_filter(field_label, "field_label")
    app.add_template_filter(field_value, "field_value")
    app.context_processor(_navigation_context)


def _navigation_context():
    from inspection.auth.models import Role
    from inspection.i18n import language_return_path
    from inspection.timeutil import today_vn

    return {"Role": Role, "current_locale": str(get_locale() or "vi"), "today": today_vn(),
            "language_return_path": language_return_path,
            "day": timedelta(days=1), "group_year_end": lambda year: date(year, 12, 31)}
