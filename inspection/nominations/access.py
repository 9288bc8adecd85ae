"""Who may see and change nomination dossiers and the award catalogue.

Unit officers see their own units' dossiers (and those of units below them) and edit them only while the
dossier is a draft or was returned; they may submit it. Inspectors read everything and change nothing;
the council and admins edit, decide and put dossiers on hold. Only admins change the catalogue."""

from inspection.access import Need, load, register
from inspection.auth.models import Role, User
from inspection.nominations.models import DOSSIER_TRANSITIONS, AwardForm, Dossier, DossierStatus
from inspection.units.scope import visible_unit_ids

DECIDERS = (Role.ADMIN, Role.COUNCIL)
DOSSIER_WRITERS = (Role.ADMIN, Role.COUNCIL, Role.UNIT_OFFICER)
#: a unit's own dossiers stay in its hands until they are submitted, and again when returned
OFFICER_EDITABLE = frozenset({DossierStatus.DRAFT, DossierStatus.RETURNED})
OFFICER_TARGETS = frozenset({DossierStatus.DRAFT, DossierStatus.SUBMITTED})


def sees_unit(user: User, unit_id: int) -> bool:
    visible = visible_unit_ids(user)
    return visible is None or unit_id in visible


def can_view_dossier(user: User, dossier: Dossier) -> bool:
    return sees_unit(user, dossier.unit_id)


def can_create_dossier(user: User) -> bool:
    return user.role in DOSSIER_WRITERS


def can_write_for_unit(user: User, unit_id: int) -> bool:
    """Whether the user may record a dossier for this unit: deciders for any unit, officers for their own."""
    if user.role in DECIDERS:
        return True
    return user.role == Role.UNIT_OFFICER and sees_unit(user, unit_id)


def can_edit_dossier(user: User, dossier: Dossier) -> bool:
    if user.role in DECIDERS:
        return True
    return (user.role == Role.UNIT_OFFICER and dossier.status in OFFICER_EDITABLE
            and sees_unit(user, dossier.unit_id))


def can_hold(user: User) -> bool:
    """Putting a dossier on award hold (or lifting it) is the council's call, never the unit's."""
    return user.role in DECIDERS


def can_manage_catalogue(user: User) -> bool:
    return user.role == Role.ADMIN


def allowed_targets(user: User, dossier: Dossier) -> list[DossierStatus]:
    """The statuses this user may move the dossier to now, in the order of the status list."""
    if not can_edit_dossier(user, dossier):
        return []
    allowed = DOSSIER_TRANSITIONS.allowed(dossier.status)
    if user.role not in DECIDERS:
        allowed = allowed & OFFICER_TARGETS
    return [status for status in DossierStatus if status in allowed]


register(Dossier, {Need.VIEW: can_view_dossier, Need.EDIT: can_edit_dossier})
register(AwardForm, {Need.VIEW: lambda user, form: True, Need.MANAGE: lambda user, form: can_manage_catalogue(user)})


def get_dossier(dossier_id: int, need: Need = Need.VIEW, options=()) -> Dossier:
    """The dossier, or 404; 403 when the current user may not `need` (VIEW, EDIT) it.
    `options` are loader options for what the page shows."""
    return load(Dossier, dossier_id, need, options=options)


def get_award_form(form_id: int, need: Need = Need.VIEW) -> AwardForm:
    """A catalogue row, or 404; 403 when `need` is MANAGE and the user is not an admin."""
    return load(AwardForm, form_id, need)
