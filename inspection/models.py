"""Imports every feature's models so that mappers, Alembic and `flask shell` see them all."""

from inspection.audit import AuditEntry  # noqa: F401
from inspection.auth.models import LoginAttempt, User  # noqa: F401
from inspection.groups.models import EmulationGroup, GroupMember  # noqa: F401
from inspection.units.models import Unit, UnitEvent, UnitEventLink, UnitName  # noqa: F401
