"""Append-only audit log: who changed what, when, with the values before and after."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, event, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from inspection.extensions import db
from inspection.textsearch import search_column, searchable
from inspection.timeutil import utcnow


class AuditEntry(db.Model):
    __tablename__ = "audit_entry"
    # every record page lists its history: without this, each one scans the whole log
    __table_args__ = (Index("ix_audit_entry_target", "target_type", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    #: None when the change came from the command line or the system itself
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    action: Mapped[str] = mapped_column(String(64))
    target_type: Mapped[str] = mapped_column(String(64))
    target_id: Mapped[int | None]
    summary: Mapped[str] = mapped_column(String(500))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    #: the summary normalised (textsearch): the log page finds "tai khoan" in "Sửa tài khoản"
    search_text: Mapped[str] = search_column()

    actor = relationship("User", lazy="joined")


searchable(AuditEntry, "summary")


def record(actor, action: str, target, summary: str,
           before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> AuditEntry:
    """Add an entry for a change made by `actor` (a User, or access.SYSTEM for the CLI, the demo loader and
    scheduled jobs: recorded without a user id) to `target`. Every change names its actor: None is refused."""
    if actor is None:
        raise TypeError("an actor is required: pass the user, or access.SYSTEM for a system action")
    target = getattr(target, "_get_current_object", lambda: target)()  # current_user is a proxy
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None), action=action,
        target_type=type(target).__tablename__, target_id=target.id,
        summary=summary[:500], before=_jsonable(before), after=_jsonable(after))
    db.session.add(entry)
    return entry


def text(template: str, **values) -> str:
    """A summary in Vietnamese whatever the actor's language: the log is an official record."""
    from flask_babel import force_locale

    with force_locale("vi"):
        return template % {key: str(value) for key, value in values.items()}


def history_of(target) -> list[AuditEntry]:
    """Entries about one record, newest first."""
    query = (select(AuditEntry)
             .where(AuditEntry.target_type == type(target).__tablename__,
                    AuditEntry.target_id == target.id)
             .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()))
    return list(db.session.scalars(query))


def changes(obj, fields: tuple[str, ...]) -> dict[str, Any]:
    """A snapshot of the named attributes, for the before/after columns."""
    return {name: getattr(obj, name) for name in fields}


def _jsonable(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    return {key: _plain(value) for key, value in values.items()}


def _plain(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set)):
        return [_plain(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


@event.listens_for(Session, "before_flush")
def _refuse_audit_rewrites(session, _context, _instances):
    """The log is append-only: an entry is never updated or deleted through the ORM."""
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEntry):
            raise RuntimeError("Audit entries are append-only.")
