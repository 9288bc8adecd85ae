"""Median server time and query count of the unit pages on a synthetic national-scale data set.

Usage: python benchmarks/units.py [--units 3500] [--repeat 20] [--database-url URL]

Also the unit picker's lookup (/units/lookup, goal under 100 ms at 3,500 units) and the search page."""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from inspection import create_app  # noqa: E402
from inspection.auth.models import Role, User  # noqa: E402
from inspection.extensions import db  # noqa: E402
from inspection.units.models import Unit  # noqa: E402


def build(database_url: str, unit_count: int):
    app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": database_url, "WTF_CSRF_ENABLED": False})
    with app.app_context():
        from flask_migrate import upgrade

        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
        started = time.perf_counter()
        from inspection.demo.generator import generate

        print(generate(unit_count=unit_count, seed=2017))
        user = User(username="bench", full_name="Bench", role=Role.COUNCIL, password_hash="x")
        db.session.add(user)
        db.session.commit()
        print(f"generated in {time.perf_counter() - started:.1f} s")
    return app


def measure(app, path: str, repeat: int) -> tuple[float, int]:
    client = app.test_client()
    with app.app_context():  # the session cookie names a session record, as after a real login
        from inspection.auth.sessions import start_session

        user = db.session.scalar(select(User).where(User.username == "bench"))
        start_session(user, remember=False, user_agent="benchmark", address="127.0.0.1")
        db.session.commit()
        token = user.session_token
    with client.session_transaction() as session:
        session["_user_id"] = token
    statements = []
    with app.app_context():
        listener = lambda *args: statements.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
    timings = []
    for _ in range(repeat):
        statements.clear()
        started = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(timings) * 1000, len(statements)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=3500)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    app = build(args.database_url or f"sqlite:///{folder}/bench.sqlite3", args.units)
    with app.app_context():
        some_unit = db.session.scalar(select(Unit.id).order_by(Unit.id.desc()).limit(1))
        last_page = -(-db.session.query(Unit).count() // app.config["PAGE_SIZE"])
    pages = ["/units/", f"/units/?scope=all&page={last_page}", "/units/?q=xã&kind=commune",
             f"/units/{some_unit}", "/groups/?year=2026",
             # the unit picker's lookup (goal: under 100 ms) and the search box, beside a trivial page
             "/units/lookup?q=xa", "/units/lookup?q=phu quoc", "/units/lookup?q=T01", "/search?q=xa",
             "/account/password"]
    print(f"{'page':<45} {'median ms':>10} {'queries':>8}")
    for path in pages:
        median, queries = measure(app, path, args.repeat)
        print(f"{path:<45} {median:>10.1f} {queries:>8}")


if __name__ == "__main__":
    main()
