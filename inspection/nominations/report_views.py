"""Pages of the award statistics report (and its Biểu 0603 workbook), of the figures a self-report printed, and of
their reconciliation."""

import io

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from wtforms import BooleanField, HiddenField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from inspection import audit
from inspection.access import Need, may
from inspection.dates import VNDateField
from inspection.downloads import XLSX_MIMETYPE, send_download
from inspection.formatting import number
from inspection.forms_util import PortalForm, VersionField, apply_rule_violation, commit_or_refuse, stale
from inspection.links import href_maker, linked_figure
from inspection.missions.access import MISSION_WORKERS, get_self_report
from inspection.missions.models import SelfReport
from inspection.nominations import reconcile as checks
from inspection.nominations import report_sheet
from inspection.nominations.blueprint import bp
from inspection.nominations.figures import MISSING_GROUP, SECTIONS, form_keys, label_of, parse_printed
from inspection.nominations.filters import DossierFilter
from inspection.nominations.forms import YearField
from inspection.nominations.models import AwardAuthority, RecipientKind
from inspection.nominations.report import build_report, forms_at, section_rows
from inspection.permissions import login_required, roles_required
from inspection.rules import RuleViolation
from inspection.timeutil import today_vn
from inspection.units.fields import UnitCodeField
from inspection.units.models import Unit
from inspection.units.queries import body_today, reference_day
from inspection.units.scope import can_see_unit, visible_unit_ids


class ReportScopeForm(PortalForm):
    """Which dossiers the report counts; the field names are DossierFilter's, so the query string is shared."""

    class Meta:
        csrf = False

    unit = UnitCodeField(_l("Mã đơn vị"), validators=[Optional()])
    subtree = BooleanField(_l("Gồm các đơn vị cấp dưới"))
    predecessors = BooleanField(_l("Gồm các đơn vị tiền thân"))
    year_from = YearField(_l("Năm thi đua từ"), validators=[Optional()])
    year_to = YearField(_l("đến năm"), validators=[Optional()])
    submitted_from = VNDateField(_l("Ngày trình từ"), validators=[Optional()])
    submitted_to = VNDateField(_l("đến ngày"), validators=[Optional()])

    def validate_year_to(self, field):
        if field.data and self.year_from.data and field.data < self.year_from.data:
            raise ValidationError(_("Năm cuối phải không nhỏ hơn năm đầu."))

    def validate_submitted_to(self, field):
        if field.data and self.submitted_from.data and field.data < self.submitted_from.data:
            raise ValidationError(_("Ngày cuối phải không trước ngày đầu."))


@bp.route("/nominations/report")
@login_required
def report():
    form = ReportScopeForm(formdata=request.args)
    valid = form.validate()
    if form.unit.data is not None and not can_see_unit(current_user, form.unit.data):
        abort(403)
    criteria, links = DossierFilter.from_args(request.args), RegistryLinks()
    result = build_report(criteria, visible_unit_ids(current_user)) if valid else None
    return render_template("nominations/report.html", form=form, report=result, unit=form.unit.data,
                           heading=report_heading(form.unit.data, criteria) if valid else None,
                           sections=[(title, section_rows(result, keys)) for title, keys in SECTIONS] if result else [],
                           levels=[(who, forms_at(result, who)) for who in AwardAuthority] if result else [],
                           kinds=list(RecipientKind), missing_group=result.cell(MISSING_GROUP) if result else None,
                           registry_href=links.href, linked=links.linked)


class RegistryLinks:
    """A cell's link to the registry filtered to exactly what it counts (inspection/links.py), and its number so
    linked: written here rather than by a template macro, since a report has ~270 of them (issue #14)."""

    def __init__(self):
        self._href = href_maker("nominations.registry")
        self._title = _("Xem các hồ sơ tạo nên số này trong sổ hồ sơ")

    def href(self, cell) -> str:
        return self._href(cell.args)

    def linked(self, cell) -> Markup:
        return linked_figure(self.href(cell), number(cell.value), title=self._title)


@bp.route("/nominations/report/bieu-0603.xlsx")
@login_required
def report_0603():
    """The report as a workbook in the Biểu 0603 layout, for the same scope and the same readers as the page."""
    form = ReportScopeForm(formdata=request.args)
    if not form.validate():
        for field in form:
            for error in field.errors:
                flash(f"{field.label.text}: {error}", "danger")
        return redirect(url_for("nominations.report", **request.args))
    if form.unit.data is not None and not can_see_unit(current_user, form.unit.data):
        abort(403)
    criteria, visible = DossierFilter.from_args(request.args), visible_unit_ids(current_user)
    heading = report_heading(form.unit.data, criteria)
    reporter = heading["issuer"].name if heading["issuer"] else "……"  # the form's words: written in by hand
    data = report_sheet.workbook_bytes(build_report(criteria, visible), visible, reporter,
                                       report_sheet.period_text(criteria))
    return send_download(io.BytesIO(data), f"Bieu-0603-{heading['subject'] or 'tong-hop'}.xlsx", XLSX_MIMETYPE)


def report_heading(unit: Unit | None, criteria: DossierFilter) -> dict:
    """The printed heading: the body that issues the report today, and the unit reported on as it was named in
    the period (Hà Tiên 2017 is a thị xã; a report on Kiên Giang printed today is issued by An Giang)."""
    if unit is None:
        return {"issuer": None, "subject": None}
    day = reference_day(unit, criteria.period_end(), criteria.period_start())
    return {"issuer": body_today(unit, day, today_vn()), "subject": unit.name_on(day)}


# --- the figures a self-report printed -------------------------------------------------------------------------

def field_name(key: str) -> str:
    return key.replace(".", "__")


def _printed_validator(key: str):
    def validate(form, field):
        try:
            parse_printed(key, field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None
    return validate


def figures_form(report: SelfReport, formdata=None) -> PortalForm:
    """One text input per line of the report, named after it, holding the figure as printed."""

    class FiguresForm(PortalForm):
        pass

    stored = checks.reported_figures(report)
    for key in form_keys():
        setattr(FiguresForm, field_name(key), StringField(
            label_of(key), validators=[Optional(), Length(max=40), _printed_validator(key)],
            default=stored[key].as_printed if key in stored else ""))
    FiguresForm.version = VersionField(default=report.version)  # what the figures were when the form was drawn
    return FiguresForm(formdata=formdata)


@bp.route("/nominations/self-reports/<int:report_id>/figures", methods=["GET", "POST"])
@login_required
def self_report_figures(report_id: int):
    report = get_self_report(report_id, need=Need.ENTER_FIGURES)
    form = figures_form(report, request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        printed = {key: form[field_name(key)].data or "" for key in form_keys()}
        try:
            changed = commit_or_refuse(lambda: checks.save_reported_figures(current_user, report, printed,
                                                                            version=form.version.data))
        except RuleViolation as violation:
            violation.field = field_name(violation.field) if violation.field else None
            apply_rule_violation(form, violation)
            form.violation = violation
        else:
            flash(_("Đã lưu số liệu báo cáo.") if changed else _("Không có số liệu nào thay đổi."), "success")
            return redirect(url_for("nominations.self_report_reconcile", report_id=report.id))
    rows = [(title, [(key, form[field_name(key)]) for key in keys]) for title, keys in _form_sections()]
    conflict = stale(form, report)
    return render_template("nominations/figures.html", report=report, form=form, sections=rows, conflict=conflict,
                           history=audit.history_of(report)), 409 if conflict else 200


def _form_sections():
    """The report's sections, each line once (Biểu 0603 repeats some lines of section II)."""
    seen, sections = set(), []
    for title, keys in SECTIONS:
        fresh = [key for key in keys if key not in seen]
        seen |= set(fresh)
        sections.append((title, fresh))
    return [(title, keys) for title, keys in sections if keys]


# --- reconciliation -------------------------------------------------------------------------------------------


class MismatchForm(PortalForm):
    check = HiddenField(validators=[DataRequired()])


@bp.route("/nominations/self-reports/<int:report_id>/reconcile")
@login_required
def self_report_reconcile(report_id: int):
    report = get_self_report(report_id)
    result = checks.reconcile(report, visible_unit_ids(current_user))
    return render_template("nominations/reconcile.html", report=report, result=result,
                           scope_text=checks.scope_text(result.scope), made=checks.findings_made(report, result.checks),
                           can_find=may(current_user, report, Need.MAKE_FINDING),
                           can_enter=may(current_user, report, Need.ENTER_FIGURES))


@bp.route("/nominations/self-reports/<int:report_id>/reconcile/finding", methods=["POST"])
@roles_required(*MISSION_WORKERS)
def self_report_mismatch_finding(report_id: int):
    report = get_self_report(report_id, need=Need.MAKE_FINDING)
    form = MismatchForm()
    result = checks.reconcile(report, visible_unit_ids(current_user))
    check = result.find(form.check.data or "") if form.validate_on_submit() else None
    if check is None or check.ok:
        flash(_("Không tìm thấy chỗ không khớp này (số liệu có thể vừa được sửa); hãy xem lại trang đối chiếu."),
              "warning")
        return redirect(url_for("nominations.self_report_reconcile", report_id=report.id))
    made = checks.findings_made(report, [check])
    if check.id in made:
        flash(_("Chỗ không khớp này đã được ghi thành tồn tại, hạn chế."), "info")
        return redirect(url_for("findings.finding", finding_id=made[check.id]))
    try:
        finding = commit_or_refuse(lambda: checks.create_mismatch_finding(current_user, report, check, result.scope))
    except RuleViolation as violation:
        flash(violation.message, "danger")
        return redirect(url_for("nominations.self_report_reconcile", report_id=report.id))
    flash(_("Đã ghi chỗ không khớp thành tồn tại, hạn chế."), "success")
    return redirect(url_for("findings.finding", finding_id=finding.id))
