"""The "Văn bản" list: filtered by kind, unit and year, scoped by official/access.visible_clause (the same rule
as a document's own page), newest first; each row's units are loaded with the page (no query per row)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from inspection.extensions import db
from inspection.official.access import visible_clause
from inspection.official.forms import FilterForm
from inspection.official.kinds import KINDS
from inspection.official.models import OfficialDocument
from inspection.params import whole_number
from inspection.units.models import Unit


def filtered(user, args):
    """(the filter form with its choices, the query of the documents it selects)."""
    scope = visible_clause(user)
    form = FilterForm(args)
    form.kind.choices = [("", "—")] + [(key, str(kind.label)) for key, kind in KINDS.items()]
    form.unit.choices = [("", "—")] + _unit_choices(scope)
    form.year.choices = [("", "—")] + [(str(year), str(year)) for year in _years(scope)]
    query = select(OfficialDocument).options(
        selectinload(OfficialDocument.unit).selectinload(Unit.names),
        selectinload(OfficialDocument.issuer_unit).selectinload(Unit.names))
    if scope is not None:
        query = query.where(scope)
    for clause in _chosen(args):
        query = query.where(clause)
    return form, query.order_by(OfficialDocument.created_at.desc(), OfficialDocument.id.desc())


def _chosen(args) -> list:
    clauses = []
    if args.get("kind") in KINDS:
        clauses.append(OfficialDocument.kind == args["kind"])
    unit_id, year = whole_number(args.get("unit", "")), whole_number(args.get("year", ""))
    if unit_id is not None:
        clauses.append(OfficialDocument.unit_id == unit_id)
    if year is not None:
        clauses.append(OfficialDocument.year == year)
    return clauses


def _unit_choices(scope) -> list[tuple[str, str]]:
    """The units the visible documents are about (not every unit of the province)."""
    ids = select(OfficialDocument.unit_id).where(OfficialDocument.unit_id.is_not(None))
    if scope is not None:
        ids = ids.where(scope)
    units = db.session.scalars(select(Unit).where(Unit.id.in_(ids.distinct())).options(selectinload(Unit.names)))
    return sorted(((str(unit.id), unit.name) for unit in units), key=lambda choice: choice[1])


def _years(scope) -> list[int]:
    query = select(OfficialDocument.year).distinct()
    if scope is not None:
        query = query.where(scope)
    return sorted(db.session.scalars(query), reverse=True)
