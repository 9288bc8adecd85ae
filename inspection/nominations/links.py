"""Findings ↔ dossiers: a finding concerns any number of nomination dossiers. Members of the finding's
mission link and unlink them from the finding page (dossier search with autocomplete) or from the dossier
page (one of their findings on the dossier's unit); both records' histories say so. Linked dossiers of a
serious finding not yet remedied are on award hold (nominations.holds).

The dossier search is scoped to one unit, by design: dossier codes are unique per unit and indexed only
with it (unique (unit_id, code)), so the search reads one unit's slice of the index — code prefix, or the
recipient's name "contains" over that already narrowed slice — never a leading-wildcard LIKE over a
million rows. The finding page fills in the finding's own unit."""

import unicodedata
from dataclasses import dataclass

from flask import session
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from inspection import access, audit
from inspection.extensions import db
from inspection.findings.access import sees_finding
from inspection.findings.models import Finding, Recommendation
from inspection.forms_util import PortalForm
from inspection.idsets import one_of
from inspection.missions.access import MISSION_WORKERS, can_edit_mission
from inspection.missions.models import Mission, MissionMember, MissionStatus
from inspection.missions.services import inspected_span
from inspection.nominations.access import sees_unit
from inspection.nominations.holds import hold_reasons, is_on_hold
from inspection.nominations.models import Dossier, finding_dossiers
from inspection.rules import RuleViolation
from inspection.units.fields import DatedBy, UnitCodeField
from inspection.units.models import Unit
from inspection.units.queries import unit_by_code
from inspection.units.scope import visible_unit_ids

SEARCH_LIMIT = 20
#: ids of the two slots on their pages, where a POST sends the user back
FINDING_ANCHOR = "ho-so-khen-thuong"
DOSSIER_ANCHOR = "phat-hien-lien-quan"
#: the link forms' fields are prefixed ("link-code"), so that they cannot clash with the host page's own
LINK_FORM_PREFIX = "link"


# --- forms ---------------------------------------------------------------------------------------------------


class LinkDossierForm(PortalForm):
    """On the finding page: a dossier by its unit and code (the autocomplete fills both; without
    JavaScript the user types them)."""

    unit = UnitCodeField(_l("Mã đơn vị"), validators=[DataRequired()])
    code = StringField(_l("Mã hồ sơ"), validators=[DataRequired(), Length(max=60)],
                       description=_l("Gõ phần đầu mã hồ sơ hoặc một phần tên đối tượng được đề nghị rồi chọn "
                                      "trong danh sách gợi ý; hoặc nhập đúng mã hồ sơ."))


class LinkFindingForm(PortalForm):
    """On the dossier page: one of the user's own findings on the dossier's unit."""

    finding = SelectField(_l("Tồn tại, hạn chế do đoàn ghi nhận"), coerce=int, validators=[DataRequired()])


class UnlinkForm(PortalForm):
    back = HiddenField()  # "finding" or "dossier": the page the button was on


# --- changes -------------------------------------------------------------------------------------------------


def can_link(user, finding: Finding) -> bool:
    """Members of the finding's mission, while the mission is not closed."""
    return can_edit_mission(user, finding.mission) and finding.mission.status != MissionStatus.CLOSED


def link(actor, finding: Finding, dossier: Dossier) -> bool:
    """Link the dossier to the finding; False when it already was."""
    _require_may_change(actor, finding)
    before = _linked_labels(finding)
    if dossier.id in before:
        return False
    db.session.execute(insert(finding_dossiers).values(finding_id=finding.id, dossier_id=dossier.id))
    _record(actor, finding, dossier, before, before | {dossier.id: dossier_label(dossier)}, linked=True)
    return True


def unlink(actor, finding: Finding, dossier: Dossier) -> bool:
    """Remove the link; False when there was none."""
    _require_may_change(actor, finding)
    before = _linked_labels(finding)
    if dossier.id not in before:
        return False
    db.session.execute(delete(finding_dossiers).where(finding_dossiers.c.finding_id == finding.id,
                                                      finding_dossiers.c.dossier_id == dossier.id))
    after = {key: label for key, label in before.items() if key != dossier.id}
    _record(actor, finding, dossier, before, after, linked=False)
    return True


def dossier_label(dossier: Dossier) -> str:
    """A dossier's code is unique within its unit only, so the log names both."""
    return f"{dossier.code} ({dossier.unit.code})"


def dossier_by_code(unit: Unit, code: str) -> Dossier:
    """The unit's dossier with this code, or a RuleViolation naming the code field."""
    code = normalised(code)
    dossier = db.session.scalar(select(Dossier).where(Dossier.unit_id == unit.id, Dossier.code == code))
    if dossier is None:
        raise RuleViolation(_("Không có hồ sơ mang mã “%(code)s” của đơn vị %(unit)s.", code=code, unit=unit.code),
                            field="code")
    return dossier


def _require_may_change(actor, finding: Finding) -> None:
    """Team members only (or the system itself: demo data, command line)."""
    if not access.permits(actor, can_edit_mission, finding.mission):
        raise RuleViolation(_("Chỉ thành viên đoàn kiểm tra đã ghi nhận tồn tại, hạn chế này mới được liên kết "
                              "hồ sơ đề nghị khen thưởng."))
    if finding.mission.status == MissionStatus.CLOSED:
        raise RuleViolation(_("Đoàn kiểm tra đã kết thúc; không thể thay đổi các hồ sơ đề nghị khen thưởng liên quan."))


def _linked_labels(finding: Finding) -> dict[int, str]:
    query = (select(Dossier.id, Dossier.code, Unit.code).join(Unit, Unit.id == Dossier.unit_id)
             .join(finding_dossiers, finding_dossiers.c.dossier_id == Dossier.id)
             .where(finding_dossiers.c.finding_id == finding.id))
    return {dossier_id: f"{code} ({unit_code})" for dossier_id, code, unit_code in db.session.execute(query)}


def _record(actor, finding: Finding, dossier: Dossier, before: dict, after: dict, *, linked: bool) -> None:
    """On the finding: its dossiers before and after. On the dossier: which finding, of which mission."""
    verb, said = ("link", "Liên kết") if linked else ("unlink", "Bỏ liên kết")
    about = {"finding": finding.title, "mission": finding.mission.title}
    audit.record(actor, f"finding.{verb}_dossier", finding,
                 audit.text(said + " hồ sơ đề nghị khen thưởng %(dossier)s", dossier=dossier_label(dossier)),
                 before={"dossiers": sorted(before.values())}, after={"dossiers": sorted(after.values())})
    audit.record(actor, f"dossier.{verb}_finding", dossier,
                 audit.text(said + " với tồn tại, hạn chế “%(finding)s” (%(mission)s)", **about),
                 before=None if linked else about, after=about if linked else None)


# --- the dossier search (autocomplete) -------------------------------------------------------------------------


def normalised(text: str | None) -> str:
    """What the user typed, NFC (a Windows keyboard may send NFD), trimmed and bounded."""
    return unicodedata.normalize("NFC", text or "").strip()[:100]


def search_dossiers(user, text: str, unit_code: str) -> dict:
    """At most SEARCH_LIMIT dossiers of one unit whose code starts with, or whose recipient's name
    contains, `text`, as JSON-ready dicts, with a message when there is nothing to search in. A unit the
    user may not see answers exactly as an unknown one."""
    unit = unit_by_code(unit_code) if normalised(unit_code) else None
    if unit is None or not sees_unit(user, unit.id):
        message = (_("Không có đơn vị mang mã: %(codes)s", codes=normalised(unit_code)) if normalised(unit_code)
                   else _("Nhập mã đơn vị để tìm hồ sơ."))
        return {"results": [], "message": message}
    query = select(Dossier).where(Dossier.unit_id == unit.id)
    term = normalised(text)
    if term:
        query = query.where(or_(Dossier.code.istartswith(term, autoescape=True),
                                Dossier.recipient_name.icontains(term, autoescape=True)))
    found = list(db.session.scalars(query.order_by(Dossier.code).limit(SEARCH_LIMIT)))
    return {"results": [_as_result(dossier, unit) for dossier in found],
            "message": "" if found else _("Không tìm thấy hồ sơ nào.")}


def _as_result(dossier: Dossier, unit: Unit) -> dict:
    return {"id": dossier.id, "code": dossier.code, "unit": unit.code, "recipient": dossier.recipient_name,
            "award_form": dossier.award_form.name_vi, "year": dossier.year}


# --- the slot on the dossier page -------------------------------------------------------------------------------


@dataclass
class LinkedFinding:
    finding: Finding
    holds: bool  # this finding holds the dossier's award back
    can_open: bool  # the user may open the finding's page
    can_unlink: bool


@dataclass
class DossierFindings:
    dossier: Dossier
    rows: list[LinkedFinding]
    holding: list[Finding]
    on_hold: bool
    form: LinkFindingForm | None  # None: the user has no finding of theirs to link here


def dossier_findings_context(dossier, user) -> dict:
    """Variables for templates/nominations/_dossier_findings.html on the dossier page: the findings that
    concern the dossier with their remediation status, the award hold and its reasons (`holding_findings`),
    and the link form. A fixed number of queries."""
    findings = _findings_of(dossier)
    holding = hold_reasons([dossier.id]).get(dossier.id, [])
    visible = visible_unit_ids(user)
    rows = [LinkedFinding(finding, finding in holding, sees_finding(visible, finding), can_link(user, finding))
            for finding in findings]
    form = link_finding_form(dossier, user, exclude={finding.id for finding in findings})
    summary = DossierFindings(dossier, rows, holding, is_on_hold(dossier, {dossier.id: holding}),
                              form if form.finding.choices else None)
    return {"dossier_findings": summary, "holding_findings": holding}


def link_finding_form(dossier: Dossier, user, exclude: set[int] = frozenset()) -> LinkFindingForm:
    """The dossier page's form, offering the user's findings on the dossier's unit in missions that are
    not closed (a short list: one user's findings on one unit)."""
    form = restore(LinkFindingForm(prefix=LINK_FORM_PREFIX), "dossier", dossier.id)
    form.finding.choices = [(finding.id, f"{finding.title} — {finding.mission.title}")
                            for finding in _own_findings(dossier, user) if finding.id not in exclude]
    return form


def _findings_of(dossier: Dossier) -> list[Finding]:
    query = (select(Finding).join(finding_dossiers, finding_dossiers.c.finding_id == Finding.id)
             .where(finding_dossiers.c.dossier_id == dossier.id)
             .options(joinedload(Finding.mission).selectinload(Mission.members),
                      selectinload(Finding.recommendations).selectinload(Recommendation.responsibilities))
             .order_by(Finding.id))
    return list(db.session.scalars(query))


def _own_findings(dossier: Dossier, user) -> list[Finding]:
    if user.role not in MISSION_WORKERS:
        return []
    member_of = select(MissionMember.mission_id).where(MissionMember.user_id == user.id)
    query = (select(Finding).join(Finding.mission).options(contains_eager(Finding.mission))
             .where(Finding.mission_id.in_(member_of), Mission.status != MissionStatus.CLOSED,
                    Finding.unit_id == dossier.unit_id)
             .order_by(Mission.id.desc(), Finding.id))
    return list(db.session.scalars(query))


# --- the slot on the finding page -------------------------------------------------------------------------------


@dataclass
class LinkedDossier:
    dossier: Dossier
    on_hold: bool
    holding: list[Finding]  # the findings that hold it back (this one, or others)


@dataclass
class FindingDossiers:
    finding: Finding
    rows: list[LinkedDossier]
    holds_awards: bool  # this finding holds back the awards of its dossiers
    form: LinkDossierForm | None  # None: the user may not link


def finding_dossiers_context(finding, user) -> dict:
    """Variables for templates/nominations/_finding_dossiers.html on the finding page: the dossiers the
    user may see, each with its hold, and the link form for members. A fixed number of queries."""
    dossiers = _dossiers_of(finding, visible_unit_ids(user))
    reasons = hold_reasons([dossier.id for dossier in dossiers])
    rows = [LinkedDossier(dossier, is_on_hold(dossier, reasons), reasons.get(dossier.id, [])) for dossier in dossiers]
    holds = any(finding in row.holding for row in rows)
    form = None
    if can_link(user, finding):
        form = restore(LinkDossierForm(prefix=LINK_FORM_PREFIX, unit=finding.unit), "finding", finding.id)
        form.unit.dated_by = _inspected_period(finding.mission)
    return {"finding_dossiers": FindingDossiers(finding, rows, holds, form)}


def _inspected_period(mission: Mission) -> DatedBy | None:
    """The picker offers the units as they stood in the period the mission inspected (a 2017 finding's dossiers
    are those of 2017's units)."""
    span = inspected_span(mission.period_from, mission.period_to, mission.decision_date)
    return DatedBy(period=(span[0], span[1])) if span else None


def _dossiers_of(finding: Finding, visible: set[int] | None) -> list[Dossier]:
    query = (select(Dossier).join(finding_dossiers, finding_dossiers.c.dossier_id == Dossier.id)
             .where(finding_dossiers.c.finding_id == finding.id)
             .options(selectinload(Dossier.unit).selectinload(Unit.names))
             .order_by(Dossier.year.desc(), Dossier.code))
    if visible is not None:
        query = query.where(one_of(Dossier.unit_id, visible))
    return list(db.session.scalars(query))


# --- a refused form comes back filled in (link_views.keep_draft keeps it) --------------------------------------

DRAFT_KEY = "nominations_link_draft"


def restore(form, page: str, record_id: int):
    """Refill `form` from the kept draft when it was this page's; returns the form."""
    draft = session.get(DRAFT_KEY)
    if not draft or (draft.get("page"), draft.get("id")) != (page, record_id):
        return form
    session.pop(DRAFT_KEY, None)
    form.process(formdata=MultiDict(draft["data"]))
    for field in form:
        field.errors = list(draft["errors"].get(field.name, []))
    return form
