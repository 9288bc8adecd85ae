"""Forms for findings, recommendations, verification, transfer, and the register's filters."""

import re
from html import escape

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import Select, html_params

from inspection.calendar.forms import DeadlineField
from inspection.dates import VNDateField
from inspection.documents import purposes
from inspection.documents.fields import DocRefField
from inspection.findings.models import (
    Finding,
    FindingCategory,
    FindingKind,
    Recommendation,
    Severity,
    UnitStatus,
    VerificationMethod,
    VerifiedStatus,
)
from inspection.forms_util import KeepsParseErrors, OnceForm, PortalForm, VersionField
from inspection.groups.choices import groups_by_year
from inspection.groups.forms import YearField
from inspection.labels import field_label
from inspection.params import whole_number
from inspection.units.fields import DatedBy, UnitCodeField, UnitCodesField

#: Numeric(18, 0) holds at most 18 digits
MAX_DIGITS = 18


class WholeNumberField(KeepsParseErrors, StringField):
    """A whole number ≥ 0 written as people write it: "1.500.000" or "1 500 000" (no decimals)."""

    def process_formdata(self, valuelist):
        self.raw_text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not self.raw_text:
            return
        digits = re.sub(r"[.\s]", "", self.raw_text)
        if not re.fullmatch(r"[0-9]+", digits):
            raise ValueError(_("“%(text)s” không phải số nguyên không âm.", text=self.raw_text))
        if len(digits.lstrip("0")) > MAX_DIGITS:
            raise ValueError(_("Số quá lớn."))
        self.data = int(digits)

    def _value(self):
        if getattr(self, "raw_text", None) is not None:
            return self.raw_text
        return "" if self.data is None else f"{int(self.data):,}".replace(",", ".")


def _choices(enum_cls):
    return lambda: [(member.value, member.label) for member in enum_cls]


def _any_of(enum_cls):
    return lambda: [("", _("Tất cả"))] + [(member.value, member.label) for member in enum_cls]


class FindingForm(OnceForm, PortalForm):
    # choices of `unit` and `working_session` come from the mission (set by the view)
    unit = SelectField(_l("Đơn vị được kiểm tra"), coerce=str, validators=[DataRequired()])
    working_session = SelectField(_l("Buổi làm việc"), coerce=str, validators=[Optional()],
                                  description=_l("Buổi làm việc phát hiện ra vấn đề, nếu có."))
    kind = SelectField(field_label(Finding.kind), choices=_choices(FindingKind), coerce=FindingKind)
    category = SelectField(field_label(Finding.category), choices=_choices(FindingCategory), coerce=FindingCategory)
    severity = SelectField(field_label(Finding.severity), choices=_choices(Severity), coerce=Severity,
                           default=Severity.MODERATE)
    title = StringField(_l("Nội dung tóm tắt"), validators=[DataRequired(), Length(max=500)])
    description = TextAreaField(_l("Mô tả chi tiết"), validators=[Optional(), Length(max=20000)])
    figures = TextAreaField(_l("Số liệu dẫn chứng"), validators=[Optional(), Length(max=4000)],
                            description=_l("Ghi như trong biên bản, ví dụ: 1.973 / 3.408 = 57,86%"))


class EditFindingForm(FindingForm):
    version = VersionField()


def _responsible_units(dated_by: DatedBy | None = None) -> UnitCodesField:
    return UnitCodesField(
        _l("Đơn vị chịu trách nhiệm (mã)"), validators=[DataRequired()], dated_by=dated_by,
        description=_l("Một hoặc nhiều mã đơn vị, cách nhau bằng dấu phẩy; mỗi đơn vị theo dõi tiến độ riêng."))


class RecommendationContentForm(PortalForm):
    text = TextAreaField(field_label(Recommendation.text), validators=[DataRequired(), Length(max=20000)])
    #: units added by an edit must exist today (services.update_recommendation): the picker's default
    responsible_units = _responsible_units()
    awards_to_revoke = WholeNumberField(field_label(Recommendation.awards_to_revoke), validators=[Optional()])
    awards_to_reexamine = WholeNumberField(field_label(Recommendation.awards_to_reexamine), validators=[Optional()])
    amount_to_recover = WholeNumberField(_l("Số tiền phải thu hồi (đồng)"), validators=[Optional()])
    amount_recovered = WholeNumberField(_l("Số tiền đã thu hồi (đồng)"), validators=[Optional()])

    def outcomes(self) -> dict:
        return {name: self[name].data for name in
                ("awards_to_revoke", "awards_to_reexamine", "amount_to_recover", "amount_recovered")}


class NewRecommendationForm(OnceForm, RecommendationContentForm):
    #: they must have existed on the day the recommendation is issued (services.create_recommendation)
    responsible_units = _responsible_units(DatedBy(("issued_on",)))
    issued_on = VNDateField(field_label(Recommendation.issued_on), validators=[DataRequired()])
    due = DeadlineField(_l("Thời hạn thực hiện"), base_field="issued_on", validators=[DataRequired()])


class EditRecommendationForm(RecommendationContentForm):
    version = VersionField()


CLOSED_STATUSES_IN_ORDER = [status for status in VerifiedStatus if status != VerifiedStatus.OPEN]


class VerifyForm(PortalForm):
    version = VersionField()
    # every verdict is offered; VERIFIED_TRANSITIONS (in the service) decides whether it is allowed now
    status = SelectField(_l("Kết quả xác minh"), coerce=str, validators=[DataRequired()], choices=lambda: [
        ("", _("— Chọn kết quả —"))] + [(status.value, status.label) for status in CLOSED_STATUSES_IN_ORDER])
    method = SelectField(_l("Cách xác minh"), coerce=str, validators=[Optional()],
                         choices=lambda: [("", _("— Chọn —"))] + _choices(VerificationMethod)())
    note = TextAreaField(_l("Nhận xét"), validators=[Optional(), Length(max=5000)])

    def verdict(self) -> tuple[VerifiedStatus, VerificationMethod | None]:
        method = VerificationMethod(self.method.data) if self.method.data else None
        return VerifiedStatus(self.status.data), method


class ReopenForm(PortalForm):
    version = VersionField()
    note = TextAreaField(_l("Lý do mở lại"), validators=[Optional(), Length(max=5000)])


class TransferForm(PortalForm):
    to_unit = UnitCodeField(_l("Đơn vị tiếp nhận (mã)"), validators=[DataRequired()])
    legal_basis = DocRefField(_l("Căn cứ pháp lý (số, ký hiệu văn bản)"), validators=[DataRequired()],
                              purpose=purposes.LEGAL_BASIS)
    note = TextAreaField(_l("Ghi chú"), validators=[Optional(), Length(max=2000)])


SORTS = ("due", "unit", "mission", "issued", "severity")


def _verified_choices():
    return [("", _("Tất cả")), ("closed", _("Đã kết luận (mọi kết quả)"))] + _choices(VerifiedStatus)()


def _aging_choices():
    return [("", _("Tất cả")), ("1-30", _("1–30 ngày")), ("31-60", _("31–60 ngày")), ("61-90", _("61–90 ngày")),
            ("91+", _("Trên 90 ngày"))]


def _waiting_choices():
    return [("", _("Tất cả")), ("verify", _("Đơn vị đã báo cáo hoàn thành, chờ xác minh")),
            ("extension", _("Đề nghị gia hạn chờ quyết định")), ("unread", _("Trao đổi của đơn vị tôi chưa đọc"))]


def _sort_choices():
    return [("due", _("Thời hạn")), ("unit", _("Đơn vị")), ("mission", _("Đoàn kiểm tra")),
            ("issued", _("Ngày ban hành")), ("severity", _("Mức độ"))]


class LongSelect(Select):
    """A select for thousands of options (every mission, every cluster and block of five years), written
    straight from the raw choices: WTForms' own widget normalises each option and renders it through
    html_params and Markup, about 0.1 s for 5,000 options."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        selected = "" if field.data is None else str(field.data)
        parts = [f"<select {html_params(name=field.name, **kwargs)}>"]
        for group, pairs in _raw_choices(field.choices):
            options = "".join(f'<option value="{escape(str(value))}"{" selected" if str(value) == selected else ""}>'
                              f"{escape(str(label))}</option>" for value, label in pairs)
            parts.append(options if group is None else f'<optgroup label="{escape(str(group))}">{options}</optgroup>')
        parts.append("</select>")
        return Markup("".join(parts))


def _raw_choices(choices) -> list[tuple]:
    """[(optgroup or None, [(value, label), …])] from a list of pairs or a {group: {value: label}} dict."""
    if isinstance(choices, dict):
        return [(None, [(key, value)]) if isinstance(value, str) else (key, list(value.items()))
                for key, value in choices.items()]
    return [(None, [tuple(choice)[:2] for choice in choices or ()])]


class LongSelectField(SelectField):
    """SelectField with the quick widget and a quick check that the value is one of the choices."""

    widget = LongSelect()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type = "SelectField"  # templates style it as the select it is

    def pre_validate(self, form):
        if self.data in (None, ""):
            return
        if self.data not in {str(value) for _group, pairs in _raw_choices(self.choices) for value, _label in pairs}:
            raise ValidationError(self.gettext("Not a valid choice."))


#: clusters and blocks are offered for the latest emulation years (a national data set has over 400 a year)
GROUP_YEARS = 2


def group_choices(selected: str | None = None) -> dict:
    """The clusters and blocks of the latest emulation years, grouped by year, newest first, and the selected one
    whatever its year (groups/choices.py keeps them per process)."""
    years = list(groups_by_year().items())
    choices: dict = {"": _("Tất cả")} | {str(year): names for year, names in years[:GROUP_YEARS]}
    chosen = str(whole_number(selected) or "")
    older = {str(year): {chosen: names[chosen]} for year, names in years[GROUP_YEARS:] if chosen in names}
    return choices | older


def _require_after(end, start) -> None:
    """An end date before its start date would silently list nothing: say so beside the end date."""
    if end.data and start.data and end.data < start.data:
        raise ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."))


class RegisterFilterForm(PortalForm):
    """Filters of the recommendation register, read from the query string (the contract in register_filters)."""

    class Meta:
        csrf = False

    q = StringField(_l("Tìm trong nội dung"), validators=[Optional(), Length(max=200)],
                    description=_l("Số kiến nghị (ví dụ KN-03/Đ12-2017), nội dung kiến nghị hoặc kết quả kiểm "
                                    "tra, có dấu hay không dấu đều được."))
    verified = SelectField(_l("Kết quả xác minh"), choices=_verified_choices, validators=[Optional()])
    unit_status = SelectField(_l("Tình trạng của đơn vị"), choices=_any_of(UnitStatus), validators=[Optional()])
    unit = UnitCodeField(_l("Mã đơn vị"), validators=[Optional()],
                         description=_l("Đơn vị được kiểm tra hoặc đơn vị chịu trách nhiệm."))
    group = LongSelectField(_l("Cụm, khối thi đua"), choices=group_choices, validators=[Optional()])
    mission = LongSelectField(_l("Đoàn kiểm tra"), coerce=str, validators=[Optional()])
    category = SelectField(field_label(Finding.category), choices=_any_of(FindingCategory), validators=[Optional()])
    severity = SelectField(field_label(Finding.severity), choices=_any_of(Severity), validators=[Optional()])
    due_from = VNDateField(_l("Thời hạn từ ngày"), validators=[Optional()])
    due_to = VNDateField(_l("đến ngày"), validators=[Optional()])
    overdue = BooleanField(_l("Chỉ kiến nghị quá hạn"))
    # the rarer filters ("Lọc thêm"); the dashboard's links use them
    responsible = UnitCodeField(_l("Đơn vị chịu trách nhiệm (mã)"), validators=[Optional()])
    subtree = UnitCodeField(_l("Đơn vị và các đơn vị trực thuộc (mã)"), validators=[Optional()],
                            description=_l("Kiến nghị giao cho đơn vị này hoặc đơn vị cấp dưới của nó."))
    aging = SelectField(_l("Quá hạn (ngày)"), choices=_aging_choices, validators=[Optional()])
    issued_from = VNDateField(_l("Ban hành từ ngày"), validators=[Optional()])
    issued_to = VNDateField(_l("Ban hành đến ngày"), validators=[Optional()])
    cohort = YearField(_l("Năm ban hành"), validators=[Optional(), NumberRange(min=1945, max=2100)])
    verified_from = VNDateField(_l("Xác minh từ ngày"), validators=[Optional()])
    verified_to = VNDateField(_l("Xác minh đến ngày"), validators=[Optional()])
    verified_before = VNDateField(_l("Xác minh đến hết ngày"), validators=[Optional()])
    open_on = VNDateField(_l("Chưa kết luận vào cuối ngày"), validators=[Optional()])
    overdue_on = VNDateField(_l("Quá hạn vào cuối ngày"), validators=[Optional()])
    my_missions = BooleanField(_l("Chỉ đoàn kiểm tra của tôi"))
    escalated = BooleanField(_l("Đã báo cáo cơ quan cấp trên"))
    waiting = SelectField(_l("Đang chờ đoàn kiểm tra"), choices=_waiting_choices, validators=[Optional()])
    sort = SelectField(_l("Sắp xếp theo"), choices=_sort_choices, default="due")
    order = SelectField(_l("Thứ tự"), choices=lambda: [("asc", _("Tăng dần")), ("desc", _("Giảm dần"))],
                        default="asc")

    def validate_due_to(self, field):
        _require_after(field, self.due_from)

    def validate_issued_to(self, field):
        _require_after(field, self.issued_from)

    def validate_verified_to(self, field):
        _require_after(field, self.verified_from)

    #: fields shown in the "Lọc thêm" section, opened when one of them is set
    MORE = ("unit_status", "responsible", "subtree", "aging", "issued_from", "issued_to", "cohort",
            "verified_from", "verified_to", "verified_before", "open_on", "overdue_on", "my_missions", "escalated",
            "waiting")

    def filters(self) -> dict:
        """The valid filters only: a bad value is reported beside its field and otherwise ignored."""
        return {name: field.data for name, field in self._fields.items()
                if not field.errors and field.data not in (None, "", False)}

    def more_is_set(self) -> bool:
        return any(self[name].data not in (None, "", False) or self[name].errors for name in self.MORE)
