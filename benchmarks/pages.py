"""Median server time and SQL query count of the main pages on the national data set and on one ten times
smaller, each request after one of a trivial logged-in page (the change-password form), through the Flask test
client and over HTTP under gunicorn (gunicorn.conf.py, as `make serve`).

Usage: python benchmarks/pages.py [--repeat 15] [--warm-up 2] [--scale 1] [--small-scale 0.1] [--rebuild]
                                  [--database-url postgresql+psycopg://user:password@host/name]
                                  [--only TEXT]… [--via client|http]… [--workers 1] [--port 5034]

The data sets are built once by `flask demo generate --scale` (its functions, same seed) and reused:
SQLite files under benchmarks/.data/ (git-ignored), or with --database-url the PostgreSQL database it names
(national) and the same name + "_small" (created when missing; --rebuild empties both first).
The pages are listed in page_list.py; page_client.py and page_http.py request them."""

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

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / ".data"
sys.path.insert(0, str(ROOT))

from page_client import ClientFetcher  # noqa: E402
from page_http import HttpFetcher, Server  # noqa: E402
from page_list import Page, pages_of  # noqa: E402

from inspection import create_app  # noqa: E402
from inspection.extensions import db  # noqa: E402
from inspection.findings.models import Finding, Recommendation  # noqa: E402
from inspection.timeutil import today_vn  # noqa: E402
from inspection.units.models import Unit  # noqa: E402

SEED = 2017
VIAS = ("client", "http")


# --- building the data sets ------------------------------------------------------------------------------


def app_for(url: str):
    """The app the test client measures (no CSRF token to fetch, no JSON line per request on the console)."""
    return create_app({"SECRET_KEY": "bench", "DATABASE_URL": url, "WTF_CSRF_ENABLED": False,
                       "REQUEST_LOG": False})


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


# --- measuring ---------------------------------------------------------------------------------------------


@dataclass
class Result:
    """Medians of one page's requests, each paired with a trivial-page request just before it: `first` and
    `second` are (wall, CPU) ms through the test client, (server, client wall) ms over HTTP."""
    first: float
    second: float
    queries: int
    status: int
    trivial: tuple[float, float]


def measure(fetcher, page: Page, trivial: Page, repeat: int, warm_up: int) -> Result:
    """Each request of the page follows one of the trivial page (by the same worker, over HTTP with one), so that a
    moment of load on the shared machine weighs on both sides of the ratio."""
    pages, trivials, queries, status = [], [], 0, 0
    for number in range(warm_up + repeat):
        alone = fetcher.get(trivial.user, trivial.path)
        first, second, queries, status = fetcher.get(page.user, page.path) if page is not trivial else alone
        if number >= warm_up:
            pages.append((first, second))
            trivials.append(alone[:2])
    return Result(*_medians(pages), queries, status, _medians(trivials))


def _medians(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def run(url: str, via: str, options) -> dict[str, Result]:
    """Every page (or those named by --only) of the data set at `url`, through the test client or over HTTP."""
    app = app_for(url)
    pages = pages_of(app)
    chosen = [pages[0]] + [page for page in pages[1:] if not options.only
                           or any(word in page.label for word in options.only)]
    if via == "client":
        return _run_pages(ClientFetcher(app), chosen, options)
    with app.app_context():
        db.engine.dispose()  # the server's workers are the only ones reading now
    log = DATA / f"gunicorn-{options.port}.log"
    with Server(url, options.port, options.workers, log) as server:
        return _run_pages(HttpFetcher(server), chosen, options)


def _run_pages(fetcher, pages: list[Page], options) -> dict[str, Result]:
    results = {}
    try:
        for page in pages:
            result = results[page.label] = measure(fetcher, page, pages[0], options.repeat, options.warm_up)
            print(f"  {page.label:<55} {result.first:8.1f} {result.second:8.1f} ms {result.queries:4d} queries  "
                  f"HTTP {result.status}  x{result.first / result.trivial[0]:5.1f}  {page.user} {page.path}",
                  flush=True)
    finally:
        fetcher.close()
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


def table(national: dict[str, Result], small: dict[str, Result]) -> str:
    """Times and ratios as "a (b)": wall (CPU) through the test client, server (client wall) over HTTP. A page's
    ratio to the trivial page is to the trivial requests interleaved with it."""
    lines = ["| Page | national ms | small ms | queries | national / small | page / trivial, national "
             "| page / trivial, small |", "|---|---|---|---|---|---|---|"]
    for label, nat in national.items():
        sml = small.get(label)
        if sml is None:
            continue
        flag = "" if nat.status == sml.status == 200 else f" (HTTP {nat.status}/{sml.status})"
        queries = f"{nat.queries}" if nat.queries == sml.queries else f"{nat.queries} / {sml.queries}"
        times_n, times_s = (nat.first, nat.second), (sml.first, sml.second)
        lines.append(f"| {label}{flag} | {times_n[0]:.0f} ({times_n[1]:.0f}) | {times_s[0]:.0f} ({times_s[1]:.0f}) "
                     f"| {queries} | {_ratio(times_n, times_s)} | {_ratio(times_n, nat.trivial)} "
                     f"| {_ratio(times_s, sml.trivial)} |")
    return "\n".join(lines)


def _ratio(top, bottom) -> str:
    return f"{top[0] / max(bottom[0], 0.1):.1f} ({top[1] / max(bottom[1], 0.1):.1f})"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--warm-up", type=int, default=2, help="requests per page before those counted")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--small-scale", type=float, default=None, help="default: a tenth of --scale")
    parser.add_argument("--database-url", help="PostgreSQL (the database is created when missing)")
    parser.add_argument("--rebuild", action="store_true", help="build the data sets again")
    parser.add_argument("--only", action="append", default=[],
                        help="measure only the pages whose label holds this text (repeatable; e.g. --only search)")
    parser.add_argument("--via", action="append", choices=VIAS,
                        help="the Flask test client, HTTP under gunicorn, or both (the default)")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers over HTTP")
    parser.add_argument("--port", type=int, default=5034, help="gunicorn's port on 127.0.0.1")
    return parser.parse_args()


def main() -> None:
    args = arguments()
    vias = args.via or list(VIAS)
    small_scale = args.small_scale or args.scale / 10
    if args.database_url:
        urls = [postgres_url(args.database_url, suffix, args.rebuild) for suffix in ("", "_small")]
    else:
        urls = [sqlite_url(scale, args.rebuild) for scale in (args.scale, small_scale)]
    for url, scale in zip(urls, (args.scale, small_scale), strict=True):
        build(url, scale)
    results = {via: [] for via in vias}
    loads = [os.getloadavg()[0]]
    for url, scale in zip(urls, (args.scale, small_scale), strict=True):
        print(f"\nscale {scale:g}: {sizes(url)}")
        for via in vias:
            print(f" {via}:")
            results[via].append(run(url, via, args))
            loads.append(os.getloadavg()[0])
    print(f"\n{machine(urls[0])}; load average {min(loads):.1f}–{max(loads):.1f}; {args.repeat} requests per page "
          f"after {args.warm_up} warm-up requests, each after a trivial page's, median")
    for via in vias:
        what = ("wall (CPU) ms, Flask test client" if via == "client"
                else f"server (client wall) ms, HTTP, gunicorn with {args.workers} worker(s)")
        print(f"\n{what}:\n\n{table(*results[via])}")


if __name__ == "__main__":
    main()
