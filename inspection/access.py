"""One load-and-check protocol for every record a page opens or a service changes.

Each feature registers, per model, one rule per Need: `rule(user, record) -> bool`, deciding on the record
itself (a self-report's own unit, not "any unit of its mission"). Views load through `load` (404 when
missing, 403 when refused); services check their actor through `check` (AccessDenied when refused).
System actions (demo loader, CLI, scheduled jobs, unit transfers) act as SYSTEM, which every rule allows."""

import enum
from collections.abc import Callable, Iterable

from flask import abort
from flask_login import current_user

from inspection.extensions import db
from inspection.params import MAX_ID


class Need(enum.StrEnum):
    """What the caller wants to do with a record."""

    VIEW = "view"
    EDIT = "edit"
    ANSWER = "answer"
    MANAGE = "manage"
    DECIDE = "decide"
    SELF_REPORT = "self_report"
    ENTER_FIGURES = "enter_figures"
    MAKE_FINDING = "make_finding"
    TRANSFER = "transfer"


class AccessDenied(PermissionError):
    """A service refused its actor; the edge answers 403."""


class SystemActor:
    """The actor of changes nobody typed in a form: demo loader, CLI, scheduled jobs, unit transfers.
    The audit log records it as the system (no user id)."""

    id = None
    role = None
    units = ()
    is_system = True
    is_authenticated = False
    full_name = "Hệ thống"
    username = "system"

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = SystemActor()

Rule = Callable[[object, object], bool]
_RULES: dict[type, dict[Need, Rule]] = {}


def register(model: type, rules: dict[Need, Rule]) -> None:
    """Declare who may do what with `model`'s records; each (model, need) is declared once, in one place."""
    known = _RULES.setdefault(model, {})
    twice = known.keys() & rules.keys()
    if twice:
        raise ValueError(f"{model.__name__}: rules for {sorted(twice)} are already declared")
    known.update(rules)


def may(actor, record, need: Need) -> bool:
    """Whether `actor` may `need` this record. An unknown (type, need) is a programming error, not a refusal."""
    if not isinstance(need, Need):
        raise TypeError(f"need must be a Need, not {need!r}")
    rule = _RULES.get(type(record), {}).get(need)
    if rule is None:
        raise LookupError(f"no rule for {type(record).__name__} × {need}")
    require_actor(actor)
    return actor is SYSTEM or bool(rule(actor, record))


def check(actor, record, need: Need) -> None:
    """For services: refuse (AccessDenied) unless `actor` may `need` the record."""
    if not may(actor, record, need):
        raise AccessDenied(f"{actor!r} may not {need} {type(record).__name__} {getattr(record, 'id', '')}")


def require_actor(actor) -> None:
    """An actor must be named: the user, or SYSTEM for a system action (never None)."""
    if actor is None:
        raise TypeError("an actor is required: pass the user, or SYSTEM for a system action")


def permits(actor, rule: Callable[..., bool], *args) -> bool:
    """For rules that are not about one record (may this user create a mission?): SYSTEM always may."""
    require_actor(actor)
    return actor is SYSTEM or bool(rule(actor, *args))


def require(actor, rule: Callable[..., bool], *args) -> None:
    """For services: refuse (AccessDenied) unless `rule(actor, *args)` holds."""
    if not permits(actor, rule, *args):
        raise AccessDenied(f"{actor!r} refused by {getattr(rule, '__name__', rule)}")


def load(model: type, record_id: int, need: Need = Need.VIEW, actor=None, options: Iterable = (),
         conceal: bool = False):
    """The record, or abort: 404 when there is none (also for an id that cannot exist), 403 when the rule
    for (model, need) refuses the actor (the current user unless given). `options` are loader options
    for what the page shows; `conceal` answers a refusal with 404 (the record's existence is private)."""
    if not isinstance(record_id, int) or not 0 < record_id <= MAX_ID:
        abort(404)
    record = db.session.get(model, record_id, options=list(options))
    if record is None:
        abort(404)
    if not may(actor if actor is not None else current_user, record, need):
        abort(404 if conceal else 403)
    return record


def visible(actor, records: Iterable, need: Need = Need.VIEW) -> list:
    """The records of a list the actor may `need`, by the same rules as `load` (lists are scoped alike)."""
    return [record for record in records if may(actor, record, need)]
