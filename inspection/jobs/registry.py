"""What features declare: their job kinds (work a user starts) and their periodic tasks (work the scheduler
starts), each under a stable name; the queue (queue.py) registers them with Huey when the app is built."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from huey import crontab

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
#: config → Huey's validate_datetime (called with the consumer's UTC time, once a minute)
Schedule = Callable[[dict], Callable[[datetime], bool]]


@dataclass(frozen=True)
class Kind:
    name: str
    function: Callable
    label: object  # a lazy string: what the page calls such a job
    #: `on_stop(**params)` when the job fails or is cancelled, after its work was rolled back, committed with
    #: the job's end (an import's preview removes the upload nobody can confirm any more)
    on_stop: Callable | None = None


@dataclass(frozen=True)
class Periodic:
    name: str
    function: Callable[[], None]
    schedule: Schedule


_KINDS: dict[str, Kind] = {}
_PERIODIC: dict[str, Periodic] = {}


def task(name: str, label, on_stop: Callable | None = None) -> Callable:
    """Declare a job kind: `function(ctx, **params)` runs in the worker as the job's owner (`ctx.actor`)."""
    def declare(function: Callable) -> Callable:
        _add(_KINDS, name, Kind(name, function, label, on_stop))
        return function
    return declare


def periodic(name: str, schedule: Schedule) -> Callable:
    """Declare a periodic task: `function()` runs in the scheduler's process, in an app context, as the
    system; it commits its own work once, at its end."""
    def declare(function: Callable) -> Callable:
        _add(_PERIODIC, name, Periodic(name, function, schedule))
        return function
    return declare


def _add(table: dict, name: str, entry) -> None:
    if name in table and table[name].function is not entry.function:
        raise ValueError(f"a job called {name!r} is already declared")
    table[name] = entry


def kind(name: str) -> Kind:
    return _KINDS[name]


def kinds() -> dict[str, Kind]:
    return dict(_KINDS)


def periodic_tasks() -> dict[str, Periodic]:
    return dict(_PERIODIC)


def daily_at(setting: str) -> Schedule:
    """Every day at the Vietnam time the setting holds ("07:00"). Huey checks schedules in UTC; Vietnam keeps
    one offset all year (no summer time), so the hour is converted once."""
    def schedule(config: dict):
        hour, minute = (int(part) for part in str(config[setting]).split(":"))
        utc = datetime(2000, 1, 2, hour, minute, tzinfo=VIETNAM).astimezone(UTC)
        return crontab(minute=str(utc.minute), hour=str(utc.hour))
    return schedule


def every_minutes(setting: str) -> Schedule:
    def schedule(config: dict):
        minutes = max(1, int(config[setting]))
        return crontab(minute=f"*/{minutes}") if minutes < 60 else crontab(minute="0")
    return schedule

