"""Computed dashboards kept in memory (per process), so that opening the page does not aggregate the whole
backlog each time.

At national scale the aggregates take most of a second; the council opens the page far more often than it needs
new figures. A dashboard is stored under whose scope (an inspector's own missions, or everything), the filters,
the day and the language, together with the data version it was computed from: the newest audit entry, since
every change to an inspection record writes one. It is reused
- while nothing has changed, for up to DASHBOARD_CACHE_SECONDS;
- even after a change, while it is younger than DASHBOARD_MIN_SECONDS: at national scale something changes every
  few seconds, and recomputing for each view would put the cost back on every request. The page then says that
  there have been changes since the time it shows, with a link that recomputes at once (`refresh`).
DASHBOARD_CACHE_SECONDS = 0 turns the cache off."""

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from threading import Lock

from flask import current_app
from flask_babel import get_locale
from sqlalchemy import func, select

from inspection.audit import AuditEntry
from inspection.extensions import db
from inspection.findings.register_filters import register_args
from inspection.timeutil import utcnow

DEFAULT_SECONDS = 600
DEFAULT_MIN_SECONDS = 60
#: dashboards kept per process (each a few kilobytes)
MAX_ENTRIES = 64


@dataclass(frozen=True)
class Computed:
    at: datetime
    version: int | None
    value: object
    #: whether the data has changed since (the figures shown are still those of `at`)
    changed_since: bool = False


class DashboardCache:
    def __init__(self):
        self._entries: OrderedDict = OrderedDict()
        self._lock = Lock()

    def get(self, key) -> Computed | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, entry: Computed) -> Computed:
        with self._lock:
            self._entries[key] = entry
            while len(self._entries) > MAX_ENTRIES:
                self._entries.popitem(last=False)
        return entry


def cache_key(user, filters: dict, today) -> tuple:
    owner = user.id if filters.get("my_missions") else None
    return owner, tuple(sorted(register_args(filters).items())), today, str(get_locale())


def data_version() -> int | None:
    return db.session.scalar(select(func.max(AuditEntry.id)))


def cached(key, compute: Callable, refresh: bool = False) -> Computed:
    """The stored dashboard for this key when it may be reused (see the module's docstring), else computed now."""
    seconds = current_app.config.get("DASHBOARD_CACHE_SECONDS", DEFAULT_SECONDS)
    version = data_version()
    if not seconds:
        return Computed(utcnow(), version, compute())
    store = current_app.extensions.setdefault("dashboard_cache", DashboardCache())
    entry = None if refresh else store.get(key)
    if entry is not None and _reusable(entry, version, seconds):
        return Computed(entry.at, entry.version, entry.value, changed_since=entry.version != version)
    return store.put(key, Computed(utcnow(), version, compute()))


def _reusable(entry: Computed, version: int | None, seconds: int) -> bool:
    age = utcnow() - entry.at
    if age > timedelta(seconds=seconds):
        return False
    if entry.version == version:
        return True
    return age < timedelta(seconds=current_app.config.get("DASHBOARD_MIN_SECONDS", DEFAULT_MIN_SECONDS))
