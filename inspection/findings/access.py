"""Who may see, answer, change and verify findings and recommendations.

Unit officers see and answer the items of their own units (including items transferred to them);
they never verify. Inspectors change and verify items of missions they belong to."""

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from inspection.access import Need, load, register
from inspection.auth.models import Role, User
from inspection.findings.models import Finding, Recommendation, Responsibility
from inspection.idsets import among, one_of
from inspection.missions.access import can_edit_mission
from inspection.units.models import Unit
from inspection.units.scope import visible_unit_ids


def can_view_finding(user: User, finding: Finding) -> bool:
    return sees_finding(visible_unit_ids(user), finding)


def can_view_recommendation(user: User, recommendation: Recommendation) -> bool:
    return sees_recommendation(visible_unit_ids(user), recommendation)


def sees_finding(visible: set[int] | None, finding: Finding) -> bool:
    """As can_view_finding, with the user's visible units worked out once (lists check many items)."""
    if visible is None or finding.unit_id in visible:
        return True
    return any(r.unit_id in visible for rec in finding.recommendations for r in rec.responsibilities)


def sees_recommendation(visible: set[int] | None, recommendation: Recommendation) -> bool:
    return (visible is None or recommendation.finding.unit_id in visible
            or any(r.unit_id in visible for r in recommendation.responsibilities))


def can_transfer(user: User) -> bool:
    """Moving a dissolved unit's open items to its successor: the council and admins."""
    return user.role in (Role.ADMIN, Role.COUNCIL)


def answerable_responsibilities(user: User, recommendation: Recommendation) -> list[Responsibility]:
    """The responsibilities this user answers for: their own units' shares of the recommendation."""
    if user.role != Role.UNIT_OFFICER:
        return []
    visible = visible_unit_ids(user) or set()
    return [r for r in recommendation.responsibilities if r.unit_id in visible]


def can_answer(user: User, recommendation: Recommendation) -> bool:
    return bool(answerable_responsibilities(user, recommendation))


def can_manage(user: User, recommendation: Recommendation) -> bool:
    """Edit and verify: a member of the mission the finding came from."""
    return can_edit_mission(user, recommendation.finding.mission)


def can_decide_extension(user: User, recommendation: Recommendation) -> bool:
    return user.role == Role.COUNCIL or can_manage(user, recommendation)


def can_manage_finding(user: User, finding: Finding) -> bool:
    return can_edit_mission(user, finding.mission)


register(Finding, {Need.VIEW: can_view_finding, Need.MANAGE: can_manage_finding})
register(Recommendation, {Need.VIEW: can_view_recommendation, Need.ANSWER: can_answer, Need.MANAGE: can_manage,
                          Need.DECIDE: can_decide_extension})
register(Unit, {Need.TRANSFER: lambda user, unit: can_transfer(user)})


def get_recommendation(recommendation_id: int, need: Need = Need.VIEW, options=()) -> Recommendation:
    """The recommendation, or 404; 403 when the current user may not `need` it
    (VIEW, ANSWER, MANAGE, DECIDE). `options` are loader options for what the page shows."""
    return load(Recommendation, recommendation_id, need, options=options)


def get_finding(finding_id: int, need: Need = Need.VIEW, options=()) -> Finding:
    """The finding, or 404; 403 unless the user may see it (VIEW) or change it (MANAGE)."""
    return load(Finding, finding_id, need, options=options)


def visible_recommendations_clause(user: User):
    """WHERE clause limiting Recommendation rows to the user's units (None: no limit)."""
    visible = visible_unit_ids(user)
    if visible is None:
        return None
    # two sets of ids looked up in the recommendation's own indexes (idsets.among), not an EXISTS tested on every
    # recommendation: a province officer's count read the whole table (1 s on the national data set)
    own_share = among(Recommendation.id, select(Responsibility.recommendation_id)
                      .where(one_of(Responsibility.unit_id, visible)))
    own_finding = among(Recommendation.finding_id, select(Finding.id).where(one_of(Finding.unit_id, visible)))
    return or_(own_share, own_finding)


def get_ended_unit(unit_id: int) -> Unit:
    """A unit whose open items may be transferred, or 404; 403 unless the user may transfer."""
    return load(Unit, unit_id, Need.TRANSFER, options=[selectinload(Unit.names)])
