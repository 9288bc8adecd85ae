"""Who may see, draft and issue official documents, decided on the document itself.

- Drafts are the drafting side's: council, inspectors and admins (they see every unit's records anyway); a
  unit officer never sees a draft (DỰ THẢO is not yet the council's word).
- An issued document is seen by those who may see its subject: overseers all of them; a unit officer only a
  document addressed to one of their units (`unit_id`) whose subject (a mission, a unit) they may see.
  Council-wide documents (a period's summary, the award report; `unit_id` None) and a review session's
  minutes stay with the council, inspectors and admins.
- Drafting (create, regenerate, correct): council, inspectors, admins; the kind's `load` also checks that the
  actor may see the subject. Issuing (number and day): council and admins only.
- The issuers' settings page: admins.
The list (`visible_clause`) is scoped by the same rules in SQL; tests/official hold the two in step.
"""

from sqlalchemy import and_, exists, false, or_, select

from inspection.access import Need, load, may, register
from inspection.auth.models import Role, User
from inspection.documents.issuer_profiles import IssuerProfile
from inspection.extensions import db
from inspection.idsets import one_of
from inspection.missions.models import Mission, mission_units
from inspection.official.models import DocumentStatus, OfficialDocument
from inspection.permissions import OVERSEERS
from inspection.units.models import Unit
from inspection.units.scope import visible_unit_ids

DRAFTERS = (Role.COUNCIL, Role.INSPECTOR, Role.ADMIN)
ISSUERS = (Role.COUNCIL, Role.ADMIN)
#: the subjects a unit officer may reach, by their stored type (the others are council-wide)
OFFICER_SUBJECTS = {"mission": Mission, "unit": Unit}


def can_draft(user: User) -> bool:
    return user.role in DRAFTERS


def can_issue(user: User) -> bool:
    return user.role in ISSUERS


def can_view(user: User, document: OfficialDocument) -> bool:
    if user.role in OVERSEERS:
        return True
    if document.status != DocumentStatus.ISSUED or document.unit_id is None:
        return False
    if document.unit_id not in (visible_unit_ids(user) or set()):
        return False
    return _sees_subject(user, document)


def _sees_subject(user: User, document: OfficialDocument) -> bool:
    model = OFFICER_SUBJECTS.get(document.subject_type)
    subject = db.session.get(model, document.subject_id) if model and document.subject_id else None
    return subject is not None and may(user, subject, Need.VIEW)


register(OfficialDocument, {Need.VIEW: can_view,
                            Need.EDIT: lambda user, document: can_draft(user),
                            Need.DECIDE: lambda user, document: can_issue(user)})
register(IssuerProfile, {Need.VIEW: lambda user, profile: user.role == Role.ADMIN,
                         Need.EDIT: lambda user, profile: user.role == Role.ADMIN})


def get_document(document_id: int, need: Need = Need.VIEW, options=()) -> OfficialDocument:
    """The document, or 404; 403 unless the current user may `need` (VIEW, EDIT, DECIDE) it."""
    return load(OfficialDocument, document_id, need, options=options)


def get_issuer(profile_id: int, need: Need = Need.EDIT) -> IssuerProfile:
    return load(IssuerProfile, profile_id, need)


def visible_clause(user: User):
    """A WHERE clause limiting OfficialDocument rows to those `can_view` lets the user see (None: no limit)."""
    if user.role in OVERSEERS:
        return None
    units = visible_unit_ids(user) or set()
    if not units:
        return false()
    mission_visible = exists(select(mission_units.c.mission_id).where(
        mission_units.c.mission_id == OfficialDocument.subject_id, one_of(mission_units.c.unit_id, units)))
    return and_(OfficialDocument.status == DocumentStatus.ISSUED, one_of(OfficialDocument.unit_id, units),
                or_(and_(OfficialDocument.subject_type == "mission", mission_visible),
                    and_(OfficialDocument.subject_type == "unit", one_of(OfficialDocument.subject_id, units))))
