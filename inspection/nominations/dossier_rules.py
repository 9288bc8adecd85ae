"""The rules a dossier's values must meet, checked without the database so that a bulk import can check
each row the same way the forms do. Each refusal is a RuleViolation naming the field at fault."""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from inspection.nominations.models import (
    AchievementType,
    AwardForm,
    DossierStatus,
    LeaderGroup,
    RecipientKind,
)
from inspection.params import YEAR_MAX, YEAR_MIN  # noqa: F401 – re-exported: the years a dossier may have
from inspection.rules import RuleViolation
from inspection.units import validity
from inspection.units.models import Unit

#: statuses that come with a decision (the award decision, or the decision not to award)
DECIDED = frozenset({DossierStatus.AWARDED, DossierStatus.NOT_AWARDED, DossierStatus.REVOKED})
#: statuses that cannot exist without the award decision's number and date
NEED_DECISION = frozenset({DossierStatus.AWARDED, DossierStatus.REVOKED})
RANKS = (1, 2, 3)
MAX_LENGTHS = {"code": 60, "recipient_name": 500}
REQUIRED = {"unit": _l("Nhập mã đơn vị."), "code": _l("Nhập mã hồ sơ."), "year": _l("Nhập năm thi đua."),
            "award_form": _l("Chọn hình thức khen thưởng."), "recipient_kind": _l("Chọn đối tượng."),
            "recipient_name": _l("Nhập tên đối tượng.")}
ENUMS = {"recipient_kind": RecipientKind, "leader_group": LeaderGroup, "achievement_type": AchievementType}


def prepared(values: dict) -> dict:
    """Text stripped (blank as None), enums from their values, "truy tặng" as a bool, and "lãnh đạo, quản lý"
    taken from the Biểu 0603 group when only the group was given."""
    values = dict(values)
    for name in ("code", "recipient_name", "note"):
        value = values.get(name)
        values[name] = (value.strip() if isinstance(value, str) else value) or None
    for name, enum_cls in ENUMS.items():
        values[name] = _member(enum_cls, values.get(name), name)
    values["posthumous"] = bool(values.get("posthumous"))
    individual = values["recipient_kind"] == RecipientKind.INDIVIDUAL
    if individual and values.get("is_leader") is None and values["leader_group"] is not None:
        values["is_leader"] = values["leader_group"] != LeaderGroup.DIRECT_WORKER
    return values


def _member(enum_cls, value, field: str):
    if value in (None, ""):
        return None
    try:
        return enum_cls(value)
    except ValueError:
        raise RuleViolation(_("“%(value)s” không phải giá trị hợp lệ.", value=value), field=field) from None


def check_values(values: dict, status: DossierStatus, today: date) -> None:
    """Refuse values that break a rule (see the module docstring); `values` as prepared() returns them."""
    _check_required(values)
    _check_year(values["year"])
    _check_unit_in_year(values)
    _check_recipient(values)
    _check_rank(values)
    _check_form_period(values)
    _check_submission(values, today)
    _check_decision(values, status, today)


def _check_required(values: dict) -> None:
    for name, message in REQUIRED.items():
        if values.get(name) is None:
            raise RuleViolation(str(message), field=name)
    for name, limit in MAX_LENGTHS.items():
        if len(values[name]) > limit:
            raise RuleViolation(_("Dài quá %(limit)d ký tự.", limit=limit), field=name)


def _check_year(year) -> None:
    if not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
        raise RuleViolation(_("Năm thi đua phải từ %(low)d đến %(high)d.", low=YEAR_MIN, high=YEAR_MAX),
                            field="year")


def _check_unit_in_year(values: dict) -> None:
    """The unit must have existed in the emulation year (a 2017 dossier of a commune founded in 2025, a 2026
    one of a dissolved district are refused). An import checks its rows from bounds read once (import_rows)."""
    unit, year = values["unit"], values["year"]
    if isinstance(unit, Unit):
        validity.require_existed(unit, *validity.year_span(year), field="unit", when=validity.when_year(year))


def _check_recipient(values: dict) -> None:
    form, kind = values["award_form"], values["recipient_kind"]
    allowed = {RecipientKind.COLLECTIVE: form.for_collective, RecipientKind.INDIVIDUAL: form.for_individual,
               RecipientKind.HOUSEHOLD: form.for_household}
    if not allowed[kind]:
        raise RuleViolation(_("Hình thức “%(form)s” không tặng cho đối tượng “%(kind)s”.", form=form.name_vi,
                              kind=kind.label), field="recipient_kind")
    if kind == RecipientKind.INDIVIDUAL:
        _check_leader(values)
        return
    for name, message in (("is_leader", _("Chỉ ghi “lãnh đạo, quản lý” cho cá nhân.")),
                          ("leader_group", _("Chỉ ghi nhóm đối tượng của Biểu 0603 cho cá nhân."))):
        if values.get(name) is not None:
            raise RuleViolation(message, field=name)
    if values["posthumous"]:
        raise RuleViolation(_("Chỉ cá nhân mới được truy tặng."), field="posthumous")


def _check_leader(values: dict) -> None:
    group, leader = values["leader_group"], values.get("is_leader")
    if group is None or leader is None:
        return
    if leader != (group != LeaderGroup.DIRECT_WORKER):
        raise RuleViolation(_("Nhóm “%(group)s” không khớp với ô “lãnh đạo, quản lý”.", group=group.label),
                            field="leader_group")


def _check_rank(values: dict) -> None:
    rank = values.get("group_rank")
    if rank is None:
        return
    if rank not in RANKS:
        raise RuleViolation(_("Xếp hạng cụm, khối chỉ là 1 (dẫn đầu), 2 hoặc 3."), field="group_rank")
    if values["recipient_kind"] != RecipientKind.COLLECTIVE:
        raise RuleViolation(_("Xếp hạng cụm, khối chỉ áp dụng cho tập thể."), field="group_rank")


def _check_form_period(values: dict) -> None:
    """The form must have been in force at some time between the start of the emulation year and the
    decision (2017 dossiers use "Chiến sĩ thi đua cấp tỉnh", 2024 ones "… bộ, ban, ngành, tỉnh")."""
    form: AwardForm = values["award_form"]
    start = date(values["year"], 1, 1)
    end = max(d for d in (date(values["year"], 12, 31), values.get("submitted_on"), values.get("decision_date"))
              if d is not None)
    if form.valid_to is not None and form.valid_to < start:
        message = _("Hình thức “%(form)s” chỉ áp dụng đến %(day)s.", form=form.name_vi,
                    day=form.valid_to.strftime("%d/%m/%Y"))
        if form.successor is not None:
            message += " " + _("Sau đó dùng “%(successor)s”.", successor=form.successor.name_vi)
        raise RuleViolation(message, field="award_form")
    if form.valid_from is not None and form.valid_from > end:
        raise RuleViolation(_("Hình thức “%(form)s” chỉ áp dụng từ %(day)s.", form=form.name_vi,
                              day=form.valid_from.strftime("%d/%m/%Y")), field="award_form")


def _check_submission(values: dict, today: date) -> None:
    submitted = values.get("submitted_on")
    if submitted is None:
        return
    # An emulation year often starts in the autumn before (Kiên Giang 2017: 06/11/2016 – 05/11/2017).
    if submitted.year < values["year"] - 1:
        raise RuleViolation(_("Ngày trình không thể trước năm %(year)d.", year=values["year"] - 1),
                            field="submitted_on")
    if submitted > today:
        raise RuleViolation(_("Ngày trình không thể sau hôm nay."), field="submitted_on")


def _check_decision(values: dict, status: DossierStatus, today: date) -> None:
    ref, day = values.get("decision_ref"), values.get("decision_date")
    if (ref is not None or day is not None) and status not in DECIDED:
        field = "decision_ref" if ref is not None else "decision_date"
        raise RuleViolation(_("Chỉ ghi quyết định khi hồ sơ đã có kết quả (trạng thái hiện là “%(status)s”).",
                              status=status.label), field=field)
    if status in NEED_DECISION or ref is not None or day is not None:
        if ref is None:
            raise RuleViolation(_("Nhập số quyết định."), field="decision_ref")
        if day is None:
            raise RuleViolation(_("Nhập ngày quyết định."), field="decision_date")
    if day is not None and day > today:
        raise RuleViolation(_("Ngày quyết định không thể sau hôm nay."), field="decision_date")
    submitted = values.get("submitted_on")
    if day is not None and submitted is not None and day < submitted:
        raise RuleViolation(_("Ngày quyết định không thể trước ngày trình (%(day)s).",
                              day=submitted.strftime("%d/%m/%Y")), field="decision_date")
