"""The working-day calendar page: the year's holidays and admin days, their history, and a calculator.
Admins add and remove days; the council reads."""

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from inspection.access import Need, load, register
from inspection.auth.models import Role
from inspection.calendar import grid, queries, services, workdays
from inspection.calendar.forms import CalculatorForm, CalendarDayForm, DuePreviewForm, YearForm
from inspection.calendar.models import CalendarDay, DayKind
from inspection.calendar.workdays import Calendar
from inspection.confirm import Question, Subject, confirm_first
from inspection.dates import DATE_FORMAT, weekday_name
from inspection.extensions import db
from inspection.forms_util import save
from inspection.permissions import login_required, roles_required
from inspection.timeutil import today_vn

bp = Blueprint("calendar", __name__)


register(CalendarDay, {Need.MANAGE: lambda user, day: user.role == Role.ADMIN})


def get_calendar_day(day_id: int) -> CalendarDay:
    """An admin-entered day off or make-up day, or 404; 403 unless the user is an admin."""
    return load(CalendarDay, day_id, Need.MANAGE)


@bp.route("/calendar/")
@roles_required(Role.ADMIN, Role.COUNCIL)
def index():
    return _page(CalendarDayForm())


@bp.route("/calendar/days", methods=["POST"])
@roles_required(Role.ADMIN)
def add_day():
    form = CalendarDayForm()
    if form.validate_on_submit():
        ok, entry = save(form, lambda: services.add_day(current_user, form.day.data, form.kind.data, form.note.data))
        if ok:
            flash(_("Đã thêm %(kind)s %(day)s.", kind=entry.kind.label.lower(), day=entry.day.strftime("%d/%m/%Y")),
                  "success")
            return redirect(url_for("calendar.index", year=entry.day.year))
    return _page(form, year=form.day.data.year if form.day.data else None)


def _day_subject(day_id: int) -> Subject:
    entry = get_calendar_day(day_id)
    return Subject({"kind": entry.kind.label.lower(), "day": entry.day.strftime("%d/%m/%Y")},
                   url_for("calendar.index", year=entry.day.year))


@bp.route("/calendar/days/<int:day_id>/delete", methods=["POST"])
@roles_required(Role.ADMIN)
@confirm_first(Question(_l("Xóa %(kind)s %(day)s?"),
                        _l("Ngày này trở lại như lịch thường; các hạn tính theo ngày làm việc từ nay tính lại theo "
                           "lịch mới."), _l("Xóa ngày")), _day_subject)
def remove_day(day_id: int):
    entry = get_calendar_day(day_id)
    day, kind = entry.day, entry.kind
    services.remove_day(current_user, entry)
    db.session.commit()
    flash(_("Đã xóa %(kind)s %(day)s.", kind=kind.label.lower(), day=day.strftime("%d/%m/%Y")), "success")
    return redirect(url_for("calendar.index", year=day.year))


def _page(add_form: CalendarDayForm, year: int | None = None):
    year_form = YearForm(formdata=request.args)
    year = year or year_form.chosen(today_vn().year)
    days = queries.days_of_year(year)
    calendar = Calendar.of(days_off=[entry.day for entry in days if entry.kind == DayKind.DAY_OFF],
                           working_days=[entry.day for entry in days if entry.kind == DayKind.WORKING_DAY])
    months = grid.year_grid(year, calendar, {entry.day: entry.note for entry in days})
    return render_template(
        "calendar/index.html", year=year, year_form=year_form, add_form=add_form, days=days,
        holidays=workdays.public_holidays(year), months=months, working_day_count=grid.working_day_count(months),
        history=queries.history_of_year(year), can_edit=current_user.role == Role.ADMIN,
        **_calculation())


def _calculation() -> dict:
    """The calculator's form and, when it was filled in correctly, its answer."""
    asked = "n" in request.args or "start" in request.args
    form = CalculatorForm(formdata=request.args if asked else None)
    if not (asked and form.validate()):
        return {"calculator": form, "answer": None}
    return {"calculator": form, "answer": services.due_date_after(form.start.data, form.n.data)}


@bp.route("/calendar/due-date")
@roles_required(Role.ADMIN, Role.COUNCIL, Role.INSPECTOR)
def due_date():
    """The date a deadline field's text stands for, before the form is saved: ?due=15 ngày làm việc&start=
    04/12/2017 (or a date). JSON {"due", "text"}; a text that is not a deadline gets 400 and the field's
    message. DuePreviewForm reads it with the DeadlineField the forms save with: one calculation."""
    form = DuePreviewForm(formdata=request.args)
    form.validate()  # a bad start date matters only when the deadline counts from it: then `due` says so
    if form.due.errors:
        return jsonify(field="due", error=f"{form.due.label.text}: {form.due.errors[0]}"), 400
    due = form.due.data
    if due is None:
        return jsonify(due=None, text="")
    text = _("Hạn: %(weekday)s, %(day)s", weekday=weekday_name(due), day=due.strftime(DATE_FORMAT))
    if form.due.working_days is not None:
        text += " " + _("(%(n)s ngày làm việc kể từ %(start)s)", n=form.due.working_days,
                        start=form.due.counted_from.strftime(DATE_FORMAT))
    return jsonify(due=due.strftime(DATE_FORMAT), text=text)


@bp.route("/calendar/days-off")
@login_required
def days_off():
    """For the date picker (every role fills date fields): ?year=2026 → the year's holidays and days off
    {"dd/mm/yyyy": name} and its make-up working days, as the deadlines count them."""
    form = YearForm(formdata=request.args)
    if not form.validate():
        return jsonify(field="year", error=f"{form.year.label.text}: {form.year.errors[0]}"), 400
    year = form.year.data or today_vn().year
    off, worked = grid.exceptions_of_year(year, services.calendar_for([year]))
    return jsonify(year=year, off={day.strftime(DATE_FORMAT): name for day, name in off.items()},
                   worked=[day.strftime(DATE_FORMAT) for day in worked])
