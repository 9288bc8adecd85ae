"""Builders for nomination tests: dossiers through the real service (actor None: the system), so they
meet every rule a user's dossier meets. They flush, never commit."""

import itertools
from datetime import date

from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.nominations import services
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.dossier_rules import NEED_DECISION
from inspection.nominations.models import AwardForm, Dossier, DossierStatus, RecipientKind
from inspection.units.models import Unit
from tests.factories import make_unit

_numbers = itertools.count(1)


def award_form(code: str) -> AwardForm:
    """A catalogue row by code, seeding the catalogue first if it is not there yet."""
    form = db.session.scalar(select(AwardForm).where(AwardForm.code == code))
    if form is None:
        seed_catalogue(SYSTEM)
        form = db.session.scalar(select(AwardForm).where(AwardForm.code == code))
    assert form is not None, f"no award form {code} in the catalogue"
    return form


def _default_kind(form: AwardForm) -> RecipientKind:
    if form.for_individual:
        return RecipientKind.INDIVIDUAL
    return RecipientKind.COLLECTIVE if form.for_collective else RecipientKind.HOUSEHOLD


def make_dossier(unit: Unit | None = None, *, form: str | AwardForm = "BKUBT", code: str | None = None,
                 year: int = 2017, recipient_kind: RecipientKind | None = None, recipient_name: str | None = None,
                 status: DossierStatus = DossierStatus.DRAFT, **fields) -> Dossier:
    """A dossier (a Bằng khen của Chủ tịch UBND tỉnh for an individual unless told otherwise). A dossier past
    the draft gets a submission date; an awarded or revoked one an award decision, unless given."""
    number = next(_numbers)
    award = form if isinstance(form, AwardForm) else award_form(form)
    if status != DossierStatus.DRAFT:
        fields.setdefault("submitted_on", date(year, 11, 1))
    if status in NEED_DECISION:
        fields.setdefault("decision_ref", parse_ref(f"{number}/QĐ-UBND"))
        fields.setdefault("decision_date", date(year, 12, 15))
    return services.create_dossier(
        SYSTEM, status=status, unit=unit or make_unit(), code=code or f"HS-{number:05d}", year=year,
        award_form=award, recipient_kind=recipient_kind or _default_kind(award),
        recipient_name=recipient_name or f"Đối tượng số {number}", **fields)
