"""What /healthz reports: each part of the installation registers a check once (the core ones here, the job
queue and the backups in their own packages), and the health page runs them all.

A check returns a `Health`: whether that part is fine and a few plain facts about it (never user data)."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Health:
    ok: bool
    facts: dict = field(default_factory=dict)


HealthCheck = Callable[[], Health]
_CHECKS: dict[str, HealthCheck] = {}


def register(name: str, check: HealthCheck) -> None:
    """Add a named check (once: the same name twice is a bug)."""
    if name in _CHECKS:
        raise ValueError(f"a health check called {name!r} is already registered")
    _CHECKS[name] = check


def checks() -> dict[str, HealthCheck]:
    return dict(_CHECKS)
