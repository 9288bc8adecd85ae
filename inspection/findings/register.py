"""The recommendation register: every recommendation the user may see, filtered and sorted in SQL."""

from datetime import date

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import contains_eager

from inspection.extensions import db
from inspection.findings.access import visible_recommendations_clause
from inspection.findings.models import (
    Finding,
    FindingCategory,
    Recommendation,
    Responsibility,
    Severity,
    UnitStatus,
    VerifiedStatus,
)
from inspection.findings.queries import shares_loaded
from inspection.missions.access import visible_missions_clause
from inspection.missions.models import Mission
from inspection.units.models import Unit

SORT_COLUMNS = {"due": (Recommendation.current_due,), "unit": (Unit.code,),
                "mission": (Mission.planned_start, Mission.title)}


def register_query(user, filters: dict, today: date):
    """One SELECT for the page; the finding, its mission and unit come with it, shares by selectinload."""
    query = (select(Recommendation).join(Recommendation.finding).join(Finding.mission).join(Finding.unit)
             .options(contains_eager(Recommendation.finding).contains_eager(Finding.mission),
                      contains_eager(Recommendation.finding).contains_eager(Finding.unit)
                      .selectinload(Unit.names),
                      shares_loaded()))
    visible = visible_recommendations_clause(user)
    if visible is not None:
        query = query.where(visible)
    for condition in _conditions(filters, today):
        query = query.where(condition)
    return query.order_by(*_ordering(filters))


def _conditions(filters: dict, today: date) -> list:
    conditions = [_share_condition(filters)] if {"unit_status", "unit"} & filters.keys() else []
    simple = {"verified": (Recommendation.verified_status, VerifiedStatus), "category": (Finding.category,
              FindingCategory), "severity": (Finding.severity, Severity), "mission": (Finding.mission_id, int)}
    conditions += [column == typed(filters[name]) for name, (column, typed) in simple.items() if name in filters]
    if "due_from" in filters:
        conditions.append(Recommendation.current_due >= filters["due_from"])
    if "due_to" in filters:
        conditions.append(Recommendation.current_due <= filters["due_to"])
    if filters.get("overdue"):
        conditions += [Recommendation.verified_status == VerifiedStatus.OPEN, Recommendation.current_due < today]
    return conditions


def _share_condition(filters: dict):
    """A responsible unit with the given status and/or code (the finding's unit also matches the code)."""
    share = select(Responsibility.id).where(Responsibility.recommendation_id == Recommendation.id)
    if "unit_status" in filters:
        share = share.where(Responsibility.status == UnitStatus(filters["unit_status"]))
    if "unit" not in filters:
        return exists(share)
    unit_id = filters["unit"].id
    if "unit_status" in filters:
        return exists(share.where(Responsibility.unit_id == unit_id))
    return or_(exists(share.where(Responsibility.unit_id == unit_id)), Finding.unit_id == unit_id)


def _ordering(filters: dict) -> list:
    columns = SORT_COLUMNS[filters.get("sort", "due")]
    descending = filters.get("order") == "desc"
    ordered = [column.desc().nulls_last() if descending else column.asc().nulls_last() for column in columns]
    return ordered + [Recommendation.id.desc() if descending else Recommendation.id]


def mission_choices(user) -> list[tuple[str, str]]:
    """The missions the user may see, newest first, for the mission filter."""
    query = select(Mission.id, Mission.title).order_by(Mission.created_at.desc(), Mission.id.desc())
    clause = visible_missions_clause(user)
    if clause is not None:
        query = query.where(clause)
    return [(str(mission_id), title) for mission_id, title in db.session.execute(query)]
