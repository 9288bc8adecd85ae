"""Computed dashboards kept in memory (per process) and reused while nothing has changed.

At national scale the aggregates take a second or so; the council opens the page far more often than the data
changes. A dashboard is stored under everything it depends on: whose scope (an inspector's own missions, or
everything), the filters, the day, the language, and the data version — the newest audit entry, since every
change to an inspection record writes one. So a stored dashboard is never older than the last change; it is
also dropped after DASHBOARD_CACHE_SECONDS (0 turns the cache off). The page shows when it was computed."""

from collections import OrderedDict
from collections.abc import Callable
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
#: dashboards kept per process (each a few kilobytes)
MAX_ENTRIES = 64


class DashboardCache:
    def __init__(self):
        self._entries: OrderedDict = OrderedDict()
        self._lock = Lock()

    def get(self, key, max_age: timedelta):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or utcnow() - entry[0] > max_age:
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key, value) -> tuple:
        entry = (utcnow(), value)
        with self._lock:
            self._entries[key] = entry
            while len(self._entries) > MAX_ENTRIES:
                self._entries.popitem(last=False)
        return entry


def cache_key(user, filters: dict, today) -> tuple:
    owner = user.id if filters.get("my_missions") else None
    version = db.session.scalar(select(func.max(AuditEntry.id)))
    return owner, tuple(sorted(register_args(filters).items())), today, str(get_locale()), version


def cached(key, compute: Callable) -> tuple[datetime, object]:
    """(when computed, the value): the stored one for this key if young enough, else computed now."""
    seconds = current_app.config.get("DASHBOARD_CACHE_SECONDS", DEFAULT_SECONDS)
    if not seconds:
        return utcnow(), compute()
    store = current_app.extensions.setdefault("dashboard_cache", DashboardCache())
    return store.get(key, timedelta(seconds=seconds)) or store.put(key, compute())
