"""Changes to nomination dossiers and to the award catalogue. Every change is audited; the caller commits once.
`actor` None means the system itself (command line, demo data, imports run by an admin on the server)."""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from inspection import access, audit
from inspection.extensions import db
from inspection.labels import field_label
from inspection.nominations.access import (
    DECIDERS,
    OFFICER_TARGETS,
    can_edit_dossier,
    can_hold,
    can_manage_catalogue,
    can_write_for_unit,
)
from inspection.nominations.catalogue import award_form_index, default_authority, lookup_key
from inspection.nominations.dossier_rules import DECIDED, NEED_DECISION, check_values, prepared
from inspection.nominations.models import DOSSIER_TRANSITIONS, AwardForm, Dossier, DossierStatus
from inspection.rules import RuleViolation, require_version
from inspection.timeutil import today_vn

#: the dossier form's fields; those that are a dossier column by the label the column declares
DOSSIER_LABELS = {
    "unit": _l("Mã đơn vị"), "code": _l("Mã hồ sơ"), "year": _l("Năm thi đua"),
    **{name: field_label(getattr(Dossier, name)) for name in (
        "award_form", "recipient_kind", "recipient_name", "is_leader", "leader_group", "achievement_type",
        "group_rank", "posthumous", "submitted_on", "decision_ref", "decision_date", "note")},
}
DOSSIER_FIELDS = tuple(DOSSIER_LABELS)


# --- dossiers ------------------------------------------------------------------------------------------------


def dossier_values(dossier: Dossier) -> dict:
    """The editable values of a dossier, keyed as the forms and create_dossier name them."""
    return {name: getattr(dossier, name) for name in DOSSIER_FIELDS}


def create_dossier(actor, *, status: DossierStatus = DossierStatus.DRAFT, **fields) -> Dossier:
    """A new dossier. `fields` are DOSSIER_FIELDS (unit, code, year, award_form, recipient_kind and
    recipient_name are required). Unit officers record drafts or submissions for their own units only."""
    values = prepared({name: fields.pop(name, None) for name in DOSSIER_FIELDS})
    if fields:
        raise TypeError(f"unknown dossier fields: {sorted(fields)}")
    status = DossierStatus(status)
    _require_writer(actor, values["unit"], status)
    check_values(values, status, today_vn())
    _require_free_code(values["unit"], values["code"])
    dossier = Dossier(status=status, **values)
    db.session.add(dossier)
    db.session.flush()
    audit.record(actor, "dossier.create", dossier, audit.text("Thêm hồ sơ đề nghị khen thưởng %(code)s – %(name)s",
                                                              code=dossier.code, name=dossier.recipient_name),
                 after=_plain({name: value for name, value in values.items() if value is not None}
                              | {"status": status}))
    return dossier


def update_dossier(actor, dossier: Dossier, *, version: int | None, **fields) -> bool:
    """Save the given fields; False when nothing changed. EditConflict when someone saved the dossier
    after `version` (the version the form was opened with)."""
    if set(fields) - set(DOSSIER_FIELDS):
        raise TypeError(f"unknown dossier fields: {sorted(set(fields) - set(DOSSIER_FIELDS))}")
    _require_editor(actor, dossier)
    before = dossier_values(dossier)
    values = prepared(before | fields)
    require_version(dossier, version, {name: values[name] for name in fields}, current=before, labels=DOSSIER_LABELS)
    changed = [name for name in DOSSIER_FIELDS if values[name] != before[name]]
    if not changed:
        return False
    if values["unit"] is not before["unit"]:
        _require_writer(actor, values["unit"], dossier.status)
    check_values(values, dossier.status, today_vn())
    if {"unit", "code"} & set(changed):
        _require_free_code(values["unit"], values["code"])
    for name in changed:
        setattr(dossier, name, values[name])
    db.session.flush()
    audit.record(actor, "dossier.update", dossier, audit.text("Sửa hồ sơ đề nghị khen thưởng %(code)s",
                                                                   code=dossier.code),
                 before=_plain({name: before[name] for name in changed}),
                 after=_plain({name: values[name] for name in changed}))
    return True


def change_status(actor, dossier: Dossier, target, decision_ref=None, decision_date: date | None = None,
                  *, version: int | None) -> Dossier:
    """Move the dossier through DOSSIER_TRANSITIONS. "Đã khen thưởng" needs the award decision (number and
    date); "Đã thu hồi" the revocation decision, which is recorded in the history beside the award decision."""
    target = DossierStatus(target)
    old = dossier.status
    DOSSIER_TRANSITIONS.check(old, target)
    _require_mover(actor, dossier, target)
    require_version(dossier, version, {})
    _require_decision(dossier, target, decision_ref, decision_date)
    after = {"status": target}
    if target in (DossierStatus.AWARDED, DossierStatus.NOT_AWARDED):
        dossier.decision_ref, dossier.decision_date = decision_ref, decision_date
        after |= {"decision_ref": decision_ref, "decision_date": decision_date}
    elif target == DossierStatus.REVOKED:
        after |= {"revocation_ref": decision_ref, "revocation_date": decision_date}
    if target == DossierStatus.SUBMITTED and dossier.submitted_on is None:
        dossier.submitted_on = after["submitted_on"] = today_vn()
    dossier.status = target
    db.session.flush()
    audit.record(actor, "dossier.status", dossier,
                 audit.text("Chuyển hồ sơ %(code)s từ “%(old)s” sang “%(new)s”", code=dossier.code, old=old.lazy_label,
                            new=target.lazy_label), before={"status": old}, after=_plain(after))
    return dossier


def set_award_hold(actor, dossier: Dossier, on: bool, reason: str | None = None) -> Dossier:
    """Put the dossier on award hold (chưa xét khen thưởng: discipline, investigation, complaint…) or lift it.
    A hold needs its reason; both are kept in the history."""
    if not access.permits(actor, can_hold):
        raise RuleViolation(_("Chỉ Hội đồng hoặc quản trị viên mới được tạm dừng hay tiếp tục xét khen thưởng."))
    reason = (reason or "").strip() or None
    if on and not reason:
        raise RuleViolation(_("Nhập lý do tạm dừng xét khen thưởng."), field="reason")
    if dossier.award_hold == bool(on):
        raise RuleViolation(_("Hồ sơ đang tạm dừng xét khen thưởng.") if on
                            else _("Hồ sơ không bị tạm dừng xét khen thưởng."))
    dossier.award_hold = bool(on)
    db.session.flush()
    summary = "Tạm dừng xét khen thưởng hồ sơ %(code)s" if on else "Tiếp tục xét khen thưởng hồ sơ %(code)s"
    audit.record(actor, "dossier.hold" if on else "dossier.release", dossier, audit.text(summary, code=dossier.code),
                 before={"award_hold": not on}, after={"award_hold": bool(on), "reason": reason})
    return dossier


def _require_writer(actor, unit, status: DossierStatus) -> None:
    access.require_actor(actor)
    if actor is access.SYSTEM or unit is None:
        return
    if not can_write_for_unit(actor, unit.id):
        raise RuleViolation(_("Bạn chỉ được ghi hồ sơ của đơn vị mình phụ trách."), field="unit")
    if actor.role not in DECIDERS and status not in OFFICER_TARGETS:
        raise RuleViolation(_("Đơn vị chỉ được ghi hồ sơ ở trạng thái Nháp hoặc Đã trình."), field="status")


def _require_editor(actor, dossier: Dossier) -> None:
    if not access.permits(actor, can_edit_dossier, dossier):
        raise RuleViolation(_("Bạn không được sửa hồ sơ này (đơn vị chỉ sửa hồ sơ của mình khi còn là Nháp "
                              "hoặc Bị trả lại)."))


def _require_mover(actor, dossier: Dossier, target: DossierStatus) -> None:
    _require_editor(actor, dossier)
    if actor is not access.SYSTEM and actor.role not in DECIDERS and target not in OFFICER_TARGETS:
        raise RuleViolation(_("Chỉ Hội đồng hoặc quản trị viên mới được chuyển hồ sơ sang “%(status)s”.",
                              status=target.label), field="status")


def _require_decision(dossier: Dossier, target: DossierStatus, ref, day: date | None) -> None:
    if target not in DECIDED:
        return
    if target in NEED_DECISION or ref is not None or day is not None:
        if ref is None:
            raise RuleViolation(_("Nhập số quyết định."), field="decision_ref")
        if day is None:
            raise RuleViolation(_("Nhập ngày quyết định."), field="decision_date")
    if day is not None and day > today_vn():
        raise RuleViolation(_("Ngày quyết định không thể sau hôm nay."), field="decision_date")
    earliest = dossier.decision_date if target == DossierStatus.REVOKED else dossier.submitted_on
    if day is not None and earliest is not None and day < earliest:
        raise RuleViolation(_("Ngày quyết định không thể trước %(day)s.", day=earliest.strftime("%d/%m/%Y")),
                            field="decision_date")


def _require_free_code(unit, code: str) -> None:
    taken = db.session.scalar(select(Dossier.id).where(Dossier.unit_id == unit.id, Dossier.code == code))
    if taken is not None:
        raise RuleViolation(_("Đơn vị %(unit)s đã có hồ sơ mã “%(code)s”.", unit=unit.code, code=code), field="code")





def _plain(values: dict) -> dict:
    """Values for the audit log: the unit and the award form by code."""
    return {key: getattr(value, "code", value) if key in ("unit", "award_form") else value
            for key, value in values.items()}


# --- the catalogue ---------------------------------------------------------------------------------------------

AWARD_FORM_FIELDS = ("code", "name_vi", "name_en", "group", "level", "authority", "for_collective",
                     "for_individual", "for_household", "legal_basis", "valid_from", "valid_to", "successor")


def create_award_form(actor, **fields) -> AwardForm:
    """An award form the catalogue lacks (admins only); fields are AWARD_FORM_FIELDS."""
    form = AwardForm()
    values = _checked_award_form(actor, form, fields)
    for name, value in values.items():
        setattr(form, name, value)
    db.session.add(form)
    db.session.flush()
    audit.record(actor, "award_form.create", form, audit.text("Thêm hình thức khen thưởng “%(name)s”",
                                                               name=form.name_vi), after=_plain(values))
    return form


def update_award_form(actor, form: AwardForm, *, version: int | None, **fields) -> bool:
    """Save the catalogue entry; False when nothing changed. EditConflict when it changed since `version`."""
    values = _checked_award_form(actor, form, fields)
    before = {name: getattr(form, name) for name in AWARD_FORM_FIELDS}
    require_version(form, version, values, current=before)
    changed = [name for name in AWARD_FORM_FIELDS if values[name] != before[name]]
    if not changed:
        return False
    for name in changed:
        setattr(form, name, values[name])
    db.session.flush()
    audit.record(actor, "award_form.update", form, audit.text("Sửa hình thức khen thưởng “%(name)s”",
                                                               name=form.name_vi),
                 before=_plain({n: before[n] for n in changed}), after=_plain({n: values[n] for n in changed}))
    return True


def _checked_award_form(actor, form: AwardForm, fields: dict) -> dict:
    if not access.permits(actor, can_manage_catalogue):
        raise RuleViolation(_("Chỉ quản trị viên mới được sửa danh mục hình thức khen thưởng."))
    values = {name: fields.get(name) for name in AWARD_FORM_FIELDS}
    for name in ("code", "name_vi", "name_en", "legal_basis"):
        values[name] = (values[name] or "").strip() or None
    for name in ("for_collective", "for_individual", "for_household"):
        values[name] = bool(values[name])
    values["authority"] = values["authority"] or default_authority(values["level"])
    _require_award_form_rules(form, values)
    return values


def _require_award_form_rules(form: AwardForm, values: dict) -> None:
    if not values["code"] or not values["name_vi"]:
        raise RuleViolation(_("Nhập mã và tên hình thức."), field="code" if not values["code"] else "name_vi")
    index = award_form_index()
    for name in ("code", "name_vi"):
        other = index.get(lookup_key(values[name]))
        if other is not None and other is not form:
            raise RuleViolation(_("“%(text)s” đã dùng cho hình thức “%(other)s” (%(code)s).", text=values[name],
                                  other=other.name_vi, code=other.code), field=name)
    if not (values["for_collective"] or values["for_individual"] or values["for_household"]):
        raise RuleViolation(_("Chọn ít nhất một loại đối tượng được tặng."), field="for_collective")
    if values["valid_from"] and values["valid_to"] and values["valid_to"] < values["valid_from"]:
        raise RuleViolation(_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."), field="valid_to")
    if values["successor"] is not None and values["successor"] is form:
        raise RuleViolation(_("Hình thức thay thế phải là một hình thức khác."), field="successor")
