"""Forms of the missions feature. Choices that depend on the data (plans, groups, a mission's units)
are set by the view before validation."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, MultipleFileField
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from inspection.dates import VNDateField
from inspection.documents import purposes
from inspection.documents.fields import DocRefField
from inspection.forms_util import OnceForm, PortalForm, VersionField
from inspection.labels import field_label
from inspection.missions.models import (
    InspectionPlan,
    Mission,
    MissionKind,
    MissionMember,
    MissionStatus,
    SelfReport,
    TeamRole,
    WorkingSession,
)
from inspection.units.fields import DatedBy, UnitCodeField, UnitCodesField

FILE_HELP = _l("PDF, Word, Excel hoặc ảnh; loại tệp được kiểm tra theo nội dung.")


def optional_int(value):
    """Select values: "" (nothing chosen) → None, "12" → 12."""
    return None if value in (None, "", "None") else int(value)


def kind_choices():
    return [(kind.value, kind.label) for kind in MissionKind]


def team_role_choices():
    return [(role.value, role.label) for role in TeamRole]


class PlanForm(OnceForm, PortalForm):
    ref = DocRefField(_l("Số, ký hiệu kế hoạch"), validators=[Optional()], purpose=purposes.PLAN,
                      render_kw={"placeholder": "64/KH-HĐTĐKT"})
    issued_on = VNDateField(field_label(InspectionPlan.issued_on), validators=[Optional()])
    year = IntegerField(_l("Năm kiểm tra"), validators=[DataRequired(), NumberRange(min=1945, max=2100)])
    title = StringField(_l("Tên kế hoạch"), validators=[DataRequired(), Length(max=500)])
    content_areas = TextAreaField(field_label(InspectionPlan.content_areas), validators=[Optional(), Length(max=10000)],
                                  description=_l("Mỗi nội dung một dòng."))
    unit_codes = UnitCodesField(_l("Đơn vị được kiểm tra (mã)"), validators=[Optional()],
                                description=_l("Các mã đơn vị, cách nhau bởi dấu phẩy."),
                                dated_by=DatedBy(("year",)))
    #: the plan's version when the form was opened (edits only): a later save by someone else is a conflict
    version = VersionField()


class MissionForm(PortalForm):
    kind = SelectField(_l("Hình thức"), choices=kind_choices, coerce=MissionKind)
    plan_id = SelectField(_l("Theo kế hoạch"), coerce=optional_int, validate_choice=True)
    title = StringField(_l("Tên đoàn"), validators=[DataRequired(), Length(max=500)],
                        render_kw={"placeholder": _l("Đoàn kiểm tra công tác thi đua, khen thưởng năm 2017")})
    decision_ref = DocRefField(_l("Số, ký hiệu quyết định thành lập đoàn"), validators=[Optional()],
                               purpose=purposes.DECISION,
                               render_kw={"placeholder": "1317/QĐ-UBND"})
    decision_date = VNDateField(field_label(Mission.decision_date), validators=[Optional()])
    issuing_body = StringField(_l("Cơ quan ban hành (như in trên văn bản)"), validators=[Optional(), Length(max=255)])
    issuing_unit_code = UnitCodeField(_l("Mã đơn vị ban hành (nếu có trong danh mục)"), validators=[Optional()],
                                      dated_by=DatedBy(("decision_date",)))
    group_id = SelectField(_l("Cụm, khối thi đua"), coerce=optional_int,
                           description=_l("Bắt buộc với kiểm tra chéo. Danh sách gồm cụm, khối năm nay, năm trước và "
                                          "năm của đoàn."))
    group_name = StringField(_l("Hoặc nhập tên cụm, khối"), validators=[Optional(), Length(max=255)],
                             description=_l("Dùng khi cụm, khối không có trong danh sách; tìm theo năm của đoàn."))
    period_from = VNDateField(_l("Thời kỳ kiểm tra từ ngày"), validators=[Optional()])
    period_to = VNDateField(_l("Thời kỳ kiểm tra đến ngày"), validators=[Optional()])
    planned_start = VNDateField(_l("Ngày bắt đầu dự kiến"), validators=[Optional()])
    planned_end = VNDateField(_l("Ngày kết thúc dự kiến"), validators=[Optional()])
    unit_codes = UnitCodesField(_l("Đơn vị được kiểm tra (mã)"),
                                validators=[DataRequired(_l("Nhập ít nhất một mã đơn vị được kiểm tra."))],
                                description=_l("Các mã đơn vị, cách nhau bởi dấu phẩy."),
                                # the day services.inspected_span checks: the period inspected, else the decision
                                dated_by=DatedBy(("period_from:period_to", "decision_date")))


class NewMissionForm(OnceForm, MissionForm):
    creator_role = SelectField(_l("Vai trò của bạn trong đoàn"), choices=team_role_choices, coerce=TeamRole,
                               default=TeamRole.MEMBER.value)


class EditMissionForm(MissionForm):
    #: the mission's version when the form was opened: a later save by someone else is a conflict
    version = VersionField()


class MemberForm(OnceForm, PortalForm):
    username = StringField(_l("Tên đăng nhập (người dùng của cổng)"), validators=[Optional(), Length(max=64)])
    outsider_name = StringField(_l("Hoặc họ tên người ngoài cổng"), validators=[Optional(), Length(max=200)])
    position = StringField(field_label(MissionMember.position), validators=[Optional(), Length(max=500)],
                           render_kw={"placeholder": _l("Phó Trưởng Ban Thi đua – Khen thưởng Trung ương")})
    role = SelectField(_l("Vai trò trong đoàn"), choices=team_role_choices, coerce=TeamRole,
                       default=TeamRole.MEMBER.value)


class StatusForm(PortalForm):
    target = HiddenField(validators=[DataRequired()])
    conclusion_ref = DocRefField(_l("Số, ký hiệu thông báo kết luận"), validators=[Optional()],
                                 purpose=purposes.CONCLUSION,
                                 render_kw={"placeholder": "15/TB-HĐTĐKT"})
    conclusion_date = VNDateField(_l("Ngày thông báo kết luận"), validators=[Optional()])

    def target_status(self) -> MissionStatus | None:
        try:
            return MissionStatus(self.target.data)
        except ValueError:
            return None


class SelfReportForm(OnceForm, PortalForm):
    unit_id = SelectField(_l("Đơn vị báo cáo"), coerce=optional_int, validators=[DataRequired()])
    ref = DocRefField(_l("Số, ký hiệu báo cáo"), validators=[DataRequired()], purpose=purposes.SELF_REPORT,
                      render_kw={"placeholder": "280/BC-UBND"})
    report_date = VNDateField(field_label(SelfReport.report_date), validators=[DataRequired()])
    subject = StringField(field_label(SelfReport.subject), validators=[Optional(), Length(max=500)])
    file = FileField(_l("Tệp báo cáo"), description=FILE_HELP)


class SessionForm(OnceForm, PortalForm):
    held_on = VNDateField(field_label(WorkingSession.held_on), validators=[DataRequired()])
    place = StringField(field_label(WorkingSession.place), validators=[Optional(), Length(max=255)])
    unit_id = SelectField(_l("Đơn vị làm việc"), coerce=optional_int, validators=[DataRequired()])
    team_participants = TextAreaField(_l("Thành phần đoàn kiểm tra"), validators=[Optional(), Length(max=5000)])
    unit_participants = TextAreaField(field_label(WorkingSession.unit_participants),
                                      validators=[Optional(), Length(max=5000)])
    content = TextAreaField(_l("Nội dung làm việc, kiểm tra"), validators=[Optional(), Length(max=20000)])
    minutes_ref = DocRefField(_l("Số, ký hiệu biên bản"), validators=[Optional()], purpose=purposes.MINUTES,
                              render_kw={"placeholder": "01/BB-ĐKT"})
    minutes_date = VNDateField(field_label(WorkingSession.minutes_date), validators=[Optional()])
    files = MultipleFileField(_l("Tệp đính kèm"), description=FILE_HELP)
    #: the session's version when the form was opened (edits only)
    version = VersionField()
