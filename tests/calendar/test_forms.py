"""DeadlineField: a deadline typed as a date or as "N ngày làm việc" from a date."""

from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from inspection.calendar.forms import DeadlineField
from inspection.dates import VNDateField
from inspection.forms_util import PortalForm


class DeadlineForm(PortalForm):
    issued_on = VNDateField("Ngày ban hành")
    due = DeadlineField("Thời hạn thực hiện", base_field="issued_on")


class StandaloneForm(PortalForm):
    due = DeadlineField("Thời hạn")


def submit(form_class=DeadlineForm, **data):
    form = form_class(formdata=MultiDict(data))
    return form, form.validate()


@pytest.mark.parametrize(("typed", "expected"), [
    ("30/06/2018", date(2018, 6, 30)),
    ("2018-06-30", date(2018, 6, 30)),
    # Saturday 04/11/2017: the 15th working day after it is Friday 24/11/2017
    ("15 ngày làm việc", date(2017, 11, 24)),
    ("15 ngày làm việc kể từ 04/11/2017", date(2017, 11, 24)),
    ("15  Ngày Làm Việc  kể từ ngày 04/11/2017", date(2017, 11, 24)),
    ("15 ngay lam viec ke tu 04/11/2017", date(2017, 11, 24)),
    ("15 ngày làm việc tính từ 04/11/2017", date(2017, 11, 24)),
    # the Friday before Tết 2026: 16–20/02 are Tết, so the 5th working day is 27/02
    ("5 ngày làm việc kể từ 13/02/2026", date(2026, 2, 27)),
])
def test_accepted_forms(app, typed, expected):
    with app.test_request_context():
        form, valid = submit(issued_on="04/11/2017", due=typed)
    assert valid, form.errors
    assert form.due.data == expected


def test_explicit_start_wins_over_the_base_and_is_reported(app):
    with app.test_request_context():
        form, valid = submit(issued_on="01/01/2018", due="5 ngày làm việc kể từ 13/02/2026")
    assert valid
    assert (form.due.working_days, form.due.counted_from) == (5, date(2026, 2, 13))
    assert form.due._value() == "5 ngày làm việc kể từ 13/02/2026"  # shown again as typed


def test_counts_on_the_admin_calendar(app):
    from inspection.auth.models import Role
    from inspection.calendar import services
    from inspection.calendar.models import DayKind
    from tests.factories import make_user

    services.add_day(make_user(Role.ADMIN), date(2026, 8, 22), DayKind.WORKING_DAY, "Làm bù")
    with app.test_request_context():
        form, valid = submit(StandaloneForm, due="1 ngày làm việc kể từ 21/08/2026")
    assert valid and form.due.data == date(2026, 8, 22)


@pytest.mark.parametrize(("data", "form_class", "message"), [
    ({"due": "abc"}, DeadlineForm,
     "“abc” không phải ngày hợp lệ hay số ngày làm việc; nhập dạng 30/06/2018, “15 ngày làm việc” hoặc "
     "“15 ngày làm việc kể từ 04/11/2017”."),
    ({"due": "31/02/2018"}, DeadlineForm, "“31/02/2018” không phải ngày hợp lệ hay số ngày làm việc"),
    ({"due": "15 ngày làm việc kể từ 31/02/2017"}, DeadlineForm,
     "“31/02/2017” không phải ngày hợp lệ; nhập theo dạng dd/mm/yyyy, ví dụ 04/11/2017."),
    ({"due": "0 ngày làm việc kể từ 01/02/2017"}, DeadlineForm, "Số ngày làm việc phải từ 1 đến 1000."),
    ({"due": "5000 ngày làm việc"}, DeadlineForm, "Số ngày làm việc phải từ 1 đến 1000."),
    ({"due": "15 ngày làm việc"}, DeadlineForm,
     "Ghi rõ ngày bắt đầu tính, ví dụ “15 ngày làm việc kể từ 04/11/2017”, hoặc nhập đúng “Ngày ban hành”."),
    ({"issued_on": "32/13/2017", "due": "15 ngày làm việc"}, DeadlineForm, "hoặc nhập đúng “Ngày ban hành”"),
    ({"due": "15 ngày làm việc"}, StandaloneForm,
     "Ghi rõ ngày bắt đầu tính, ví dụ “15 ngày làm việc kể từ 04/11/2017”."),
])
def test_bad_input_gets_a_vietnamese_message(app, data, form_class, message):
    with app.test_request_context():
        form, valid = submit(form_class, **data)
    assert not valid
    assert form.due.data is None
    assert len(form.due.errors) == 1 and message in form.due.errors[0]


def test_empty_is_none_and_required_says_so(app):
    from wtforms.validators import DataRequired

    class RequiredForm(PortalForm):
        due = DeadlineField("Thời hạn", validators=[DataRequired()])

    with app.test_request_context():
        form, valid = submit(RequiredForm, due="  ")
    assert not valid and form.due.data is None and form.due.errors


def test_an_existing_date_is_shown_as_dd_mm_yyyy(app):
    with app.test_request_context():
        form = DeadlineForm(data={"due": date(2018, 6, 30)})
    assert form.due._value() == "30/06/2018"
