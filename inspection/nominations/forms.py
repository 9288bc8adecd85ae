"""Forms for dossiers, their status and hold, the registry's filters and the award catalogue."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from inspection.dates import VNDateField
from inspection.documents import purposes
from inspection.documents.fields import DocRefField
from inspection.forms_util import KeepsParseErrors, OnceForm, PortalForm, VersionField
from inspection.labels import field_label
from inspection.nominations.models import (
    AchievementType,
    AwardAuthority,
    AwardForm,
    AwardGroup,
    AwardLevel,
    Dossier,
    DossierStatus,
    LeaderGroup,
    RecipientKind,
)
from inspection.nominations.services import DOSSIER_LABELS as LABELS
from inspection.params import YEAR_MAX, YEAR_MIN, whole_number
from inspection.units.fields import DatedBy, UnitCodeField
from inspection.units.models import UnitKind


class YearField(KeepsParseErrors, StringField):
    """A year written as four digits, within the range the registry accepts."""

    def process_formdata(self, valuelist):
        self.raw_text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not self.raw_text:
            return
        if whole_number(self.raw_text, YEAR_MIN, YEAR_MAX) is None:
            raise ValueError(_("“%(text)s” không phải năm hợp lệ (từ %(low)d đến %(high)d).", text=self.raw_text,
                               low=YEAR_MIN, high=YEAR_MAX))
        self.data = int(self.raw_text)

    def _value(self):
        if getattr(self, "raw_text", None) is not None:
            return self.raw_text
        return "" if self.data is None else str(self.data)


def _choices(enum_cls, blank=None):
    return lambda: ([("", blank or _("Tất cả"))] if blank is not False else []) + [
        (member.value, member.label) for member in enum_cls]


def _yes_no(blank=None):
    return lambda: [("", blank or _("Tất cả")), ("yes", _("Có")), ("no", _("Không"))]


RANK_CHOICES = lambda: [("", _("Tất cả")), ("1", _("Hạng 1 (dẫn đầu)")), ("2", _("Hạng 2")),  # noqa: E731
                        ("3", _("Hạng 3")), ("2,3", _("Hạng 2 và hạng 3")), ("0", _("Không xếp hạng"))]
#: the report's combined line "Thành tích chuyên đề, đột xuất" (280/BC-UBND) links here
ACHIEVEMENT_CHOICES = lambda: _choices(AchievementType)() + [  # noqa: E731
    ("thematic,extraordinary", _("Chuyên đề hoặc đột xuất"))]


class DossierFilterForm(PortalForm):
    """The registry's filters, read from the query string; the field names are DossierFilter's."""

    class Meta:
        csrf = False

    q = StringField(_l("Mã hồ sơ hoặc tên đối tượng"), validators=[Optional(), Length(max=200)])
    unit = UnitCodeField(_l("Mã đơn vị"), validators=[Optional()])
    subtree = BooleanField(_l("Gồm các đơn vị cấp dưới"))
    predecessors = BooleanField(_l("Gồm các đơn vị tiền thân"))
    year_from = YearField(_l("Năm thi đua từ"), validators=[Optional()])
    year_to = YearField(_l("đến năm"), validators=[Optional()])
    submitted_from = VNDateField(_l("Ngày trình từ"), validators=[Optional()])
    submitted_to = VNDateField(_l("đến ngày"), validators=[Optional()])
    form = SelectMultipleField(_l("Hình thức khen thưởng"), validators=[Optional()], render_kw={"size": 4})
    level = SelectField(field_label(AwardForm.level), choices=_choices(AwardLevel), validators=[Optional()])
    authority = SelectField(field_label(AwardForm.authority), choices=_choices(AwardAuthority),
                            validators=[Optional()])
    group = SelectField(field_label(AwardForm.group), choices=_choices(AwardGroup), validators=[Optional()])
    recipient = SelectField(_l("Đối tượng"), choices=_choices(RecipientKind), validators=[Optional()])
    leader = SelectField(_l("Lãnh đạo, quản lý"), choices=_yes_no(), validators=[Optional()])
    achievement = SelectField(_l("Loại thành tích"), choices=ACHIEVEMENT_CHOICES, validators=[Optional()])
    leader_group = SelectField(_l("Nhóm cá nhân (Biểu 0603)"), validators=[Optional()], choices=lambda: _choices(
        LeaderGroup)() + [("none", _("Chưa ghi nhóm"))])
    unit_kind = SelectField(_l("Loại đơn vị trình"), choices=_choices(UnitKind), validators=[Optional()])
    rank = SelectField(_l("Xếp hạng cụm, khối"), choices=RANK_CHOICES, validators=[Optional()])
    posthumous = SelectField(field_label(Dossier.posthumous), choices=_yes_no(), validators=[Optional()])
    status = SelectMultipleField(field_label(Dossier.status), choices=_choices(DossierStatus, blank=False),
                                 validators=[Optional()], render_kw={"size": 4})
    hold = SelectField(_l("Tạm dừng xét khen thưởng"), validators=[Optional()],
                       choices=lambda: [("", _("Tất cả")), ("yes", _("Đang tạm dừng"))])

    def validate_year_to(self, field):
        if field.data and self.year_from.data and field.data < self.year_from.data:
            raise ValidationError(_("Năm cuối phải không nhỏ hơn năm đầu."))

    def validate_submitted_to(self, field):
        if field.data and self.submitted_from.data and field.data < self.submitted_from.data:
            raise ValidationError(_("Ngày cuối phải không trước ngày đầu."))

    def rejected(self) -> list[str]:
        """Names of the filters whose value was refused (reported beside the field, then ignored)."""
        return [name for name, field in self._fields.items() if field.errors]


class DossierForm(OnceForm, PortalForm):
    # the award form's choices come from the catalogue (set by the view)
    unit = UnitCodeField(LABELS["unit"], validators=[DataRequired()], dated_by=DatedBy(("year",)))
    code = StringField(LABELS["code"], validators=[DataRequired(), Length(max=60)])
    year = YearField(LABELS["year"], validators=[DataRequired()])
    award_form = SelectField(LABELS["award_form"], validators=[DataRequired()])
    recipient_kind = SelectField(LABELS["recipient_kind"], choices=_choices(RecipientKind, blank=False),
                                 default=RecipientKind.INDIVIDUAL.value)
    recipient_name = StringField(LABELS["recipient_name"], validators=[DataRequired(), Length(max=500)])
    is_leader = SelectField(LABELS["is_leader"], choices=_yes_no(_l("Chưa rõ")),
                            validators=[Optional()], description=_l("Chỉ với cá nhân."))
    leader_group = SelectField(LABELS["leader_group"], choices=_choices(LeaderGroup, blank=_l("Chưa rõ")),
                               validators=[Optional()], description=_l("Chỉ với cá nhân."))
    achievement_type = SelectField(LABELS["achievement_type"], validators=[Optional()],
                                   choices=_choices(AchievementType, blank=_l("Chưa rõ")))
    group_rank = SelectField(LABELS["group_rank"], validators=[Optional()], description=_l("Chỉ với tập thể."),
                             choices=lambda: [("", "—"), ("1", _("1 (dẫn đầu)")), ("2", "2"), ("3", "3")])
    posthumous = BooleanField(LABELS["posthumous"])
    submitted_on = VNDateField(LABELS["submitted_on"], validators=[Optional()])
    decision_ref = DocRefField(LABELS["decision_ref"], validators=[Optional()], purpose=purposes.DECISION)
    decision_date = VNDateField(LABELS["decision_date"], validators=[Optional()])
    note = TextAreaField(LABELS["note"], validators=[Optional(), Length(max=5000)])
    version = VersionField()

    def values(self, forms_by_code: dict) -> dict:
        """The submitted values as create_dossier / update_dossier take them."""
        values = {name: self[name].data for name in LABELS if name in self}
        values["award_form"] = forms_by_code.get(self.award_form.data)
        values["is_leader"] = {"yes": True, "no": False}.get(self.is_leader.data)
        values["group_rank"] = int(self.group_rank.data) if self.group_rank.data else None
        return values

    def show(self, values: dict) -> None:
        """Fill the form from a dossier's values (a GET of the edit page)."""
        for name, value in values.items():
            if name in self:
                self[name].data = value
        self.award_form.data = values["award_form"].code
        self.is_leader.data = {True: "yes", False: "no"}.get(values["is_leader"], "")
        self.group_rank.data = str(values["group_rank"] or "")
        for name in ("recipient_kind", "leader_group", "achievement_type"):
            self[name].data = values[name].value if values[name] else ""


class StatusForm(PortalForm):
    """One submit button per allowed move (name "target"); the decision is needed for some of them."""

    target = SelectField(_l("Chuyển sang"), validators=[DataRequired()])
    decision_ref = DocRefField(field_label(Dossier.decision_ref), validators=[Optional()], purpose=purposes.DECISION)
    decision_date = VNDateField(field_label(Dossier.decision_date), validators=[Optional()])
    version = VersionField()


class HoldForm(PortalForm):
    on = HiddenField()
    reason = TextAreaField(_l("Lý do"), validators=[Optional(), Length(max=1000)],
                           description=_l("Ví dụ: đang xem xét kỷ luật, đang thanh tra, có đơn khiếu nại."))


class AwardFormForm(PortalForm):
    code = StringField(field_label(AwardForm.code), validators=[DataRequired(), Length(max=40)],
                       description=_l("Mã ổn định dùng khi nhập tệp, ví dụ HCLD3."))
    name_vi = StringField(field_label(AwardForm.name_vi), validators=[DataRequired(), Length(max=255)])
    name_en = StringField(field_label(AwardForm.name_en), validators=[Optional(), Length(max=255)])
    group = SelectField(_l("Nhóm"), choices=_choices(AwardGroup, blank=False))
    level = SelectField(_l("Cấp"), choices=_choices(AwardLevel, blank=False))
    authority = SelectField(field_label(AwardForm.authority), choices=_choices(AwardAuthority, blank=False),
                            default=AwardAuthority.PROVINCE.value,
                            description=_l("Báo cáo khen thưởng cấp tỉnh chỉ tính hình thức do Chủ tịch UBND tỉnh "
                                           "quyết định."))
    for_collective = BooleanField(field_label(AwardForm.for_collective))
    for_individual = BooleanField(field_label(AwardForm.for_individual))
    for_household = BooleanField(field_label(AwardForm.for_household))
    legal_basis = StringField(_l("Căn cứ pháp lý"), validators=[Optional(), Length(max=500)])
    valid_from = VNDateField(_l("Áp dụng từ ngày"), validators=[Optional()])
    valid_to = VNDateField(_l("Áp dụng đến ngày"), validators=[Optional()])
    successor = SelectField(field_label(AwardForm.successor), validators=[Optional()],
                            description=_l("Hình thức mang tên mới theo luật sau (nếu có)."))
    #: the entry's version when the form was opened (edits only)
    version = VersionField()

    def values(self, forms_by_code: dict) -> dict:
        values = {name: field.data for name, field in self._fields.items()
                  if name not in ("csrf_token", "version")}
        values["group"], values["level"] = AwardGroup(self.group.data), AwardLevel(self.level.data)
        values["authority"] = AwardAuthority(self.authority.data)
        values["successor"] = forms_by_code.get(self.successor.data)
        return values
