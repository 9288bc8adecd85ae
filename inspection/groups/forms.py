from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from inspection.forms_util import KeepsParseErrors, PortalForm, VersionField
from inspection.groups.models import EmulationGroup, GroupKind, GroupMember, MemberRole, role_title
from inspection.labels import field_label
from inspection.units.fields import UnitCodeField


class YearField(KeepsParseErrors, IntegerField):
    """A year; "20x6" gets "must be a whole number", not "required"."""


def kind_choices():
    return [(kind.value, kind.label) for kind in GroupKind]


def role_choices(kind: GroupKind | None = None):
    return [(role.value, role_title(kind, role)) for role in MemberRole]


class GroupForm(PortalForm):
    kind = SelectField(field_label(EmulationGroup.kind), choices=kind_choices, coerce=GroupKind)
    name = StringField(_l("Tên cụm, khối"), validators=[DataRequired(), Length(max=255)])
    year = YearField(_l("Năm thi đua"), validators=[DataRequired(), NumberRange(min=1945, max=2100)])
    note = TextAreaField(field_label(EmulationGroup.note), validators=[Optional(), Length(max=2000)])
    version = VersionField()


class MemberForm(PortalForm):
    unit_code = UnitCodeField(_l("Mã đơn vị"), validators=[DataRequired()])
    role = SelectField(field_label(GroupMember.role), choices=role_choices, coerce=MemberRole,
                       default=MemberRole.MEMBER.value)

    def __init__(self, *args, group: EmulationGroup | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = role_choices(group.kind if group is not None else None)
