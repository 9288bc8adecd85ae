"""Median server time and SQL query count of the main pages on the national data set and on one ten times
smaller, each beside a trivial logged-in page (the change-password form).

Usage: python benchmarks/pages.py [--repeat 15] [--scale 1] [--small-scale 0.1] [--rebuild]
                                  [--database-url postgresql+psycopg://user:password@host/name]

The data sets are built once by `flask demo generate --scale` (its functions, same seed) and reused:
SQLite files under benchmarks/.data/ (git-ignored), or with --database-url the PostgreSQL database it names
(national) and the same name + "_small" (created when missing; --rebuild empties both first)."""

import argparse
import os
import platform
import sqlite3
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote_plus

from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / ".data"
sys.path.insert(0, str(ROOT))

from inspection import create_app  # noqa: E402
from inspection.auth.models import User  # noqa: E402
from inspection.demo.kiengiang import DEMO_PASSWORD  # noqa: E402
from inspection.demo.national_people import officer_username  # noqa: E402
from inspection.extensions import db  # noqa: E402
from inspection.findings.models import Finding, Recommendation, Responsibility, VerifiedStatus  # noqa: E402
from inspection.missions.models import MissionMember, TeamRole  # noqa: E402
from inspection.nominations.models import Dossier  # noqa: E402
from inspection.timeutil import today_vn  # noqa: E402
from inspection.units.models import Unit, UnitKind  # noqa: E402

SEED = 2017
#: the mission workspace is measured on a mission of about this many recommendations at both scales
BIG_MISSION = 150


#: the dashboard keeps computed figures until the data changes; this measures the computation itself
NO_DASHBOARD_CACHE = (("DASHBOARD_CACHE_SECONDS", 0),)


@dataclass
class Page:
    label: str
    user: str  # username
    path: str
    config: tuple = ()  # settings for this page's app


# --- building the data sets ------------------------------------------------------------------------------


def app_for(url: str, config: tuple = ()):
    return create_app({"SECRET_KEY": "bench", "DATABASE_URL": url, "WTF_CSRF_ENABLED": False, **dict(config)})


def sqlite_url(scale: float, rebuild: bool) -> str:
    DATA.mkdir(exist_ok=True)
    path = DATA / f"national-{scale:g}-seed{SEED}.sqlite3"
    if rebuild:
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
    return f"sqlite:///{path}"


def postgres_url(base: str, suffix: str, rebuild: bool) -> str:
    """The database named in `base` + suffix, created when missing, emptied with --rebuild."""
    url = make_url(base)
    url = url.set(database=url.database + suffix)
    maintenance = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with maintenance.connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database}):
            connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    maintenance.dispose()
    if rebuild:
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    return url.render_as_string(hide_password=False)


def build(url: str, scale: float) -> None:
    """Migrate and generate unless the database already holds the data set (generation commits once, at
    the end, so a database with units in it holds all of it)."""
    app = app_for(url)
    with app.app_context():
        from flask_migrate import upgrade

        from inspection.demo.national_generate import generate_national, refresh_statistics

        upgrade()
        if db.session.scalar(select(func.count()).select_from(Unit)):
            print(f"reusing {make_url(url).render_as_string()} (--rebuild to build it again)")
            refresh_statistics()  # a migration may have added indexes the planner has no statistics for
            db.session.commit()
            return
        started = time.perf_counter()
        print(generate_national(scale, SEED, today_vn(), progress=print))
        db.session.commit()
        refresh_statistics()
        db.session.commit()
        print(f"built in {time.perf_counter() - started:.0f} s (ANALYZE included)")
        db.engine.dispose()


# --- what to measure -------------------------------------------------------------------------------------


def pages_of(app) -> list[Page]:
    """The pages, with their biggest subjects found by query (a big unit, a big mission, a province)."""
    with app.app_context():
        today, per_page = today_vn(), app.config["PAGE_SIZE"]
        overdue = db.session.scalar(select(func.count()).select_from(Recommendation).where(
            Recommendation.verified_status == VerifiedStatus.OPEN, Recommendation.current_due < today))
        mission_id, head, recommendation_id = _big_mission()
        busiest = _busiest_unit()
        province = db.session.scalar(select(Unit.code).where(Unit.kind == UnitKind.PROVINCE).order_by(Unit.id))
        rare_name, last_code = _search_words()
    last = max(1, -(-overdue // per_page))
    year = today.year - 1
    return [
        Page("trivial page (change-password form)", "council", "/account/password"),
        Page("council dashboard (figures computed)", "council", "/dashboard/", NO_DASHBOARD_CACHE),
        Page("council dashboard (figures kept since the last change)", "council", "/dashboard/"),
        Page("register, first page (no filter)", "council", "/recommendations/"),
        Page("register, overdue by due date, first page", "council", "/recommendations/?overdue=y&sort=due"),
        Page("register, overdue by due date, last page", "council",
             f"/recommendations/?overdue=y&sort=due&page={last}"),
        Page("unit to-do, busiest unit", officer_username(busiest), "/todo"),
        Page("unit to-do, province (whole subtree)", officer_username(province), "/todo"),
        Page(f"mission workspace, ~{BIG_MISSION} recommendations (its head)", head, f"/missions/{mission_id}"),
        Page("a recommendation of that mission (its head)", head, f"/recommendations/{recommendation_id}"),
        Page(f"award statistics report, province, {year}", "council",
             f"/nominations/report?unit={province}&subtree=y&year_from={year}&year_to={year}"),
        Page("dossier registry, first page", "council", "/nominations/"),
        Page("dossier registry, province subtree", "council", f"/nominations/?unit={province}&subtree=y"),
        # issue #11: a search stays under 10x the trivial page; the unit picker answers in under 100 ms
        Page("search box, every kind (\"kien giang\")", "council", "/search?q=kien+giang"),
        Page("search box, a unit officer (province)", officer_username(province), "/search?q=khen+thuong"),
        Page("search box, a common word (\"nguyễn\")", "council", "/search?q=nguy%E1%BB%85n"),
        Page("search box, a common word, a province officer", officer_username(province), "/search?q=nguyen"),
        Page("search box, a person's name (a dossier's)", "council", f"/search?q={quote_plus(rare_name)}"),
        Page("search box, a code (the last unit's)", "council", f"/search?q={quote_plus(last_code)}"),
        Page("search box, one kind, common word, page 2", "council", "/search?q=nguyen&kind=dossiers&page=2"),
        Page("register, text filter", "council", "/recommendations/?q=khen+thuong"),
        Page("unit picker lookup (\"phu quoc\")", "council", "/units/lookup?q=phu+quoc"),
    ]


def _big_mission() -> tuple[int, str, int]:
    """The mission whose number of recommendations is closest to BIG_MISSION, its head, its first recommendation."""
    size = func.count(Recommendation.id)
    mission_id = db.session.scalar(
        select(Finding.mission_id).join(Recommendation, Recommendation.finding_id == Finding.id)
        .group_by(Finding.mission_id).order_by(func.abs(size - BIG_MISSION), Finding.mission_id).limit(1))
    head = db.session.scalar(select(User.username).join(MissionMember, MissionMember.user_id == User.id)
                             .where(MissionMember.mission_id == mission_id, MissionMember.role == TeamRole.HEAD))
    recommendation_id = db.session.scalar(select(func.min(Recommendation.id)).join(Recommendation.finding)
                                          .where(Finding.mission_id == mission_id))
    return mission_id, head, recommendation_id


def _search_words() -> tuple[str, str]:
    """A person's name (of the dossier halfway through the registry, e.g. "Hồ Minh Mai" of "Hồ Minh Mai – Giáo
    viên, UBND xã An Nam") and a code (the last unit's), the same at every run of the same data set."""
    middle = db.session.scalar(select(func.max(Dossier.id))) // 2
    name = db.session.scalar(select(Dossier.recipient_name).where(Dossier.id >= middle).order_by(Dossier.id))
    return name.split(" – ")[0], db.session.scalar(select(Unit.code).order_by(Unit.id.desc()))


def _busiest_unit() -> str:
    """The unit (not a province: its officer sees a whole subtree) with the most open shares."""
    return db.session.scalar(
        select(Unit.code).join(Responsibility, Responsibility.unit_id == Unit.id)
        .join(Recommendation, Recommendation.id == Responsibility.recommendation_id)
        .where(Recommendation.verified_status == VerifiedStatus.OPEN, Unit.kind != UnitKind.PROVINCE)
        .group_by(Unit.code).order_by(func.count().desc(), Unit.code).limit(1))


# --- measuring ---------------------------------------------------------------------------------------------


def measure(app, page: Page, repeat: int, warm_up: int = 2) -> tuple[float, float, int, int]:
    """(median wall ms, median CPU ms, SQL statements of one request, HTTP status). The CPU time is this
    process's (SQLite works inside it) plus, on PostgreSQL, that of the server processes serving its
    connections (read from /proc: the server runs on this machine). On a shared machine CPU time is the steadier
    figure: wall time includes waiting for a core. No app context is held here: each request gets its own, and
    its own database session, as on a server."""
    client = app.test_client()
    response = client.post("/login", data={"username": page.user, "password": DEMO_PASSWORD})
    assert response.status_code == 302, (page.user, response.status_code)
    statements: list[str] = []
    with app.app_context():
        engine = db.engine
    servers = ServerProcesses(engine)
    listener = lambda _conn, _cursor, statement, *_args: statements.append(statement)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        walls, cpus, status = [], [], 0
        for number in range(warm_up + repeat):
            statements.clear()
            wall, cpu, server = time.perf_counter(), time.process_time(), servers.cpu()
            status = client.get(page.path).status_code
            if number >= warm_up:
                walls.append(time.perf_counter() - wall)
                cpus.append(time.process_time() - cpu + servers.cpu(since=server))
    finally:
        event.remove(engine, "before_cursor_execute", listener)
        servers.stop()
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000, len(statements), status


class ServerProcesses:
    """The CPU time of the PostgreSQL server processes behind the engine's connections (none on SQLite), from
    /proc/<pid>/schedstat (nanoseconds on a CPU)."""

    def __init__(self, engine):
        self.engine, self.pids = engine, set()
        if engine.dialect.name == "postgresql":
            event.listen(engine, "checkout", self._checked_out)

    def _checked_out(self, dbapi_connection, _record, _proxy) -> None:
        self.pids.add(dbapi_connection.info.backend_pid)

    def cpu(self, since: dict | None = None):
        """Seconds of CPU: a snapshot {pid: seconds}, or with `since` the time spent after that snapshot."""
        now = {pid: _schedstat(pid) for pid in self.pids}
        if since is None:
            return now
        return sum(seconds - since.get(pid, 0.0) for pid, seconds in now.items())

    def stop(self) -> None:
        if self.engine.dialect.name == "postgresql":
            event.remove(self.engine, "checkout", self._checked_out)


def _schedstat(pid: int) -> float:
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


def run(url: str, repeat: int, only: tuple[str, ...] = ()) -> dict[str, tuple[float, float, int, int]]:
    apps = {(): app_for(url)}
    results = {}
    pages = pages_of(apps[()])
    # the trivial page (the first) is always measured: every ratio is to it
    for page in [pages[0]] + [page for page in pages[1:] if not only or any(word in page.label for word in only)]:
        app = apps.setdefault(page.config, app_for(url, page.config))
        results[page.label] = measure(app, page, repeat)
        wall, cpu, queries, status = results[page.label]
        print(f"  {page.label:<50} {wall:8.1f} ms {cpu:8.1f} ms CPU {queries:4d} queries  HTTP {status}  "
              f"{page.user} {page.path}")
    return results


# --- the report ----------------------------------------------------------------------------------------------


def machine(url: str) -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    parts = [f"{date.today():%d/%m/%Y}", f"{cpu}, {os.cpu_count()} CPU", f"{memory / 1024 / 1024:.0f} GB RAM",
             f"Python {platform.python_version()}", f"SQLite {sqlite3.sqlite_version}"]
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.connect() as connection:
            parts.append(f"PostgreSQL {connection.scalar(text('SHOW server_version')).split()[0]}")
        engine.dispose()
    return "; ".join(parts)


def sizes(url: str) -> str:
    app = app_for(url)
    with app.app_context():
        counts = {model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
                  for model in (Unit, Finding, Recommendation)}
        dossiers = db.session.scalar(text("SELECT count(*) FROM dossier"))
        db.engine.dispose()
    size = ""
    if url.startswith("sqlite:///"):
        size = f", {Path(url.removeprefix('sqlite:///')).stat().st_size / 1e6:,.0f} MB file"
    return (f"{counts['unit']:,} units, {counts['finding']:,} findings, {counts['recommendation']:,} "
            f"recommendations, {dossiers:,} dossiers{size}")


def table(national: dict, small: dict) -> str:
    """Times as "wall (CPU)" in ms; ratios likewise."""
    first = next(iter(national))
    lines = ["| Page | national ms | queries | small ms | queries | national / small | page / trivial, national "
             "| page / trivial, small |", "|---|---|---|---|---|---|---|---|"]
    for label, (wall_n, cpu_n, queries_n, status_n) in national.items():
        wall_s, cpu_s, queries_s, status_s = small[label]
        flag = "" if status_n == status_s == 200 else f" (HTTP {status_n}/{status_s})"
        lines.append(f"| {label}{flag} | {wall_n:.0f} ({cpu_n:.0f}) | {queries_n} | {wall_s:.0f} ({cpu_s:.0f}) | "
                     f"{queries_s} | {_ratio(national[label], small[label])} | "
                     f"{_ratio(national[label], national[first])} | {_ratio(small[label], small[first])} |")
    return "\n".join(lines)


def _ratio(top, bottom) -> str:
    return f"{top[0] / bottom[0]:.1f} ({top[1] / max(bottom[1], 0.1):.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--small-scale", type=float, default=None, help="default: a tenth of --scale")
    parser.add_argument("--database-url", help="PostgreSQL (the database is created when missing)")
    parser.add_argument("--rebuild", action="store_true", help="build the data sets again")
    parser.add_argument("--only", action="append", default=[],
                        help="measure only the pages whose label holds this text (repeatable; e.g. --only search)")
    args = parser.parse_args()
    small_scale = args.small_scale or args.scale / 10
    if args.database_url:
        urls = [postgres_url(args.database_url, suffix, args.rebuild) for suffix in ("", "_small")]
    else:
        urls = [sqlite_url(scale, args.rebuild) for scale in (args.scale, small_scale)]
    for url, scale in zip(urls, (args.scale, small_scale), strict=True):
        build(url, scale)
    results = []
    for url, scale in zip(urls, (args.scale, small_scale), strict=True):
        print(f"\nscale {scale:g}: {sizes(url)}")
        results.append(run(url, args.repeat, tuple(args.only)))
    print(f"\n{machine(urls[0])}; load average {os.getloadavg()[0]:.1f}; {args.repeat} requests per page after "
          "2 warm-up requests, median wall-clock (CPU) ms\n")
    print(table(*results))


if __name__ == "__main__":
    main()
