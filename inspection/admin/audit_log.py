"""The audit log's filters (user, record type, Vietnam dates, words of the summary) and its rows in words,
shared by the page and its Excel export so the two always list the same entries the same way."""

from datetime import UTC, datetime, time, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from inspection import labels
from inspection.audit import AuditEntry
from inspection.audit_display import action_label, field_label, field_value, record_type_label
from inspection.auth.models import User
from inspection.dates import VNDateField
from inspection.extensions import db
from inspection.forms_util import PortalForm
from inspection.textsearch import matches, normalise
from inspection.timeutil import VIETNAM, to_vietnam_time

#: the user choice for entries written by the command line or the system itself (no user)
SYSTEM_CHOICE = "system"


class AuditFilterForm(PortalForm):
    """Read from the query string; a bad value is named beside its field and left out of the filters."""

    class Meta:
        csrf = False

    user = SelectField(_l("Người thực hiện"), validators=[Optional()])
    type = SelectField(_l("Loại bản ghi"), validators=[Optional()])
    date_from = VNDateField(_l("Từ ngày"), validators=[Optional()])
    date_to = VNDateField(_l("Đến ngày"), validators=[Optional()])
    q = StringField(_l("Tìm trong nội dung"), validators=[Optional(), Length(max=200)])

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."))

    def filters(self) -> dict:
        return {name: field.data for name, field in self._fields.items()
                if not field.errors and field.data not in (None, "")}


def filter_form(args) -> AuditFilterForm:
    """The filters from `args`, their choices being the users and record types the log holds."""
    form = AuditFilterForm(formdata=args)
    form.user.choices = [("", _("Tất cả")), (SYSTEM_CHOICE, _("Hệ thống / dòng lệnh"))] + user_choices()
    form.type.choices = [("", _("Tất cả"))] + type_choices()
    form.validate()
    return form


def user_choices() -> list[tuple[str, str]]:
    users = db.session.scalars(select(User).where(User.id.in_(select(AuditEntry.actor_id).distinct()))
                               .order_by(User.full_name, User.username))
    return [(str(user.id), f"{user.full_name} ({user.username})") for user in users]


def type_choices() -> list[tuple[str, str]]:
    tables = db.session.scalars(select(AuditEntry.target_type).distinct())
    return sorted(((table, record_type_label(table)) for table in tables), key=lambda choice: choice[1])


def filtered(filters: dict) -> Select:
    """Entries matching the filters, newest first."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if "user" in filters:
        user = filters["user"]
        query = query.where(AuditEntry.actor_id.is_(None) if user == SYSTEM_CHOICE
                            else AuditEntry.actor_id == int(user))
    if "type" in filters:
        query = query.where(AuditEntry.target_type == filters["type"])
    if "date_from" in filters:
        query = query.where(AuditEntry.at >= _utc_start_of(filters["date_from"]))
    if "date_to" in filters:
        query = query.where(AuditEntry.at < _utc_start_of(filters["date_to"] + timedelta(days=1)))
    if normalise(filters.get("q", "")):
        query = query.where(matches(AuditEntry, filters["q"]))
    return query


def _utc_start_of(day) -> datetime:
    """Midnight of a Vietnamese calendar day, as the naive UTC moment the log stores."""
    return datetime.combine(day, time.min, VIETNAM).astimezone(UTC).replace(tzinfo=None)


def changes_in_words(entry: AuditEntry) -> list[tuple[str, str]]:
    """(field, "old → new") for each key the entry's before or after carries: only the new value for a
    record created, only the old one for an entry that has no after."""
    before, after = entry.before, entry.after
    keys = list(before or {}) + [key for key in after or {} if key not in (before or {})]
    return [(field_label(key, entry.target_type, entry.action), _change(before, after, key, entry)) for key in keys]


def _change(before: dict | None, after: dict | None, key: str, entry: AuditEntry) -> str:
    shown = [field_value(values.get(key), key, entry.target_type, entry.action)
             for values in (before, after) if values is not None]
    return " → ".join(shown)


def record_names(entries) -> dict[tuple[str, int], str]:
    """What people call the records the entries are about, where their model names them by a column of its
    own (`__audit_record_name__`: a recommendation by its number); one query per such record type."""
    by_type: dict[str, set[int]] = {}
    for entry in entries:
        if entry.target_id is not None:
            by_type.setdefault(entry.target_type, set()).add(entry.target_id)
    models = {table: labels.model_of(table) for table in by_type}
    wanted = {model: by_type[table] for table, model in models.items()
              if getattr(model, "__audit_record_name__", None)}
    names = {}
    for model, ids in wanted.items():
        query = select(model.id, getattr(model, model.__audit_record_name__)).where(model.id.in_(ids))
        names.update(((model.__tablename__, record_id), name) for record_id, name in db.session.execute(query))
    return names


def row_in_words(entry: AuditEntry, names: dict[tuple[str, int], str] | None = None) -> list:
    """The export's row: time, user, action, record type, record (its name where it has one, else its id),
    summary, changes."""
    record = (names or {}).get((entry.target_type, entry.target_id), entry.target_id)
    return [to_vietnam_time(entry.at).strftime("%d/%m/%Y %H:%M"), actor_name(entry), action_label(entry.action),
            record_type_label(entry.target_type), record, entry.summary,
            "\n".join(f"{label}: {change}" for label, change in changes_in_words(entry))]


def actor_name(entry: AuditEntry) -> str:
    return entry.actor.full_name if entry.actor else _("Hệ thống / dòng lệnh")


def export_headers() -> list[str]:
    return [_("Thời điểm"), _("Người thực hiện"), _("Thao tác"), _("Loại bản ghi"), _("Mã bản ghi"), _("Nội dung"),
            _("Thay đổi")]
