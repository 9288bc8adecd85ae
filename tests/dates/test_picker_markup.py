"""Every date field of every form is a picker field: its input carries the picker's words in the page's
language (the script reads them; the page works as a text field without it)."""

import re

import pytest
from wtforms import Form
from wtforms.fields.core import UnboundField

from inspection.auth.models import Role
from inspection.calendar.forms import DeadlineField, DeadlineInput
from inspection.dates import DatePickerInput, VNDateField
from tests.findings.builders import make_world

MONTHS_VI = "|".join(f"Tháng {n}" for n in range(1, 13))
MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def _date_fields():
    """Every date field declared on a form class the app imported (the `app` fixture built it)."""
    for form in set(_all_subclasses(Form)):
        for name, unbound in vars(form).items():
            if isinstance(unbound, UnboundField) and issubclass(unbound.field_class, (VNDateField, DeadlineField)):
                yield f"{form.__module__}.{form.__name__}.{name}", unbound.field_class


def test_every_date_field_of_every_form_is_a_picker_field(app):
    fields = dict(_date_fields())
    assert len(fields) >= 40, sorted(fields)  # the portal's forms hold more than forty date fields
    for where, field_class in fields.items():
        assert isinstance(field_class.widget, DatePickerInput), where
    assert isinstance(DeadlineField.widget, DeadlineInput)


def _input(page: str, field_id: str) -> str:
    match = re.search(rf'<input[^>]*\bid="{field_id}"[^>]*>', page)
    assert match, field_id
    return match.group(0)


def test_the_recommendation_form_in_vietnamese(app, login):
    world = make_world()
    page = login(world.member).get(f"/findings/{world.finding.id}/recommendations/new").get_data(as_text=True)
    issued = _input(page, "issued_on")
    assert 'data-date-picker="y"' in issued and f'data-months="{MONTHS_VI}"' in issued
    assert 'data-weekdays="T2|T3|T4|T5|T6|T7|CN"' in issued
    assert 'data-weekday-names="Thứ Hai|Thứ Ba|Thứ Tư|Thứ Năm|Thứ Sáu|Thứ Bảy|Chủ nhật"' in issued
    assert 'data-dialog-text="Chọn ngày"' in issued and 'data-prev-text="Tháng trước"' in issued
    assert 'placeholder="dd/mm/yyyy"' in issued and "data-due-preview" not in issued
    due = _input(page, "due")
    assert 'data-due-preview="/calendar/due-date"' in due and 'data-due-start="issued_on"' in due
    assert 'data-date-picker="y"' in due
    assert "/static/js/date-picker.js" in page and "/static/css/date-picker.css" in page


def test_the_register_filters_in_english(client_as):
    client = client_as(Role.COUNCIL)
    client.post("/language", data={"locale": "en", "next": "/"})
    page = client.get("/recommendations/").get_data(as_text=True)
    field = _input(page, "due_from")
    assert f'data-months="{MONTHS_EN}"' in field
    assert 'data-weekdays="Mon|Tue|Wed|Thu|Fri|Sat|Sun"' in field
    assert 'data-dialog-text="Choose a date"' in field and 'data-next-text="Next month"' in field
    assert 'data-title-text="{month} {year}"' in field


@pytest.mark.parametrize("prefix", ["", "reopen-"])
def test_the_start_field_keeps_the_forms_prefix(app, prefix):
    from inspection.calendar.forms import DuePreviewForm

    with app.test_request_context():
        form = DuePreviewForm(formdata=None, prefix=prefix.rstrip("-"))
        assert f'data-due-start="{prefix}start"' in form.due()
