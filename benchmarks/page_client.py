"""The pages through the Flask test client, in the benchmark's process: no socket, no gunicorn, the app's own
time (and, on PostgreSQL, the server processes' CPU behind its connections)."""

import time
from pathlib import Path

from sqlalchemy import event

from inspection.demo.kiengiang import DEMO_PASSWORD
from inspection.extensions import db


class ClientFetcher:
    """get(user, path) → (wall ms, CPU ms, SQL statements, HTTP status) through a logged-in Flask test client
    per user. The CPU time is this process's (SQLite works inside it) plus, on PostgreSQL, that of the server
    processes serving its connections (read from /proc: the server runs on this machine). No app context is
    held here: each request gets its own, and its own database session, as on a server."""

    def __init__(self, app):
        self.app, self.clients, self.statements = app, {}, []
        with app.app_context():
            self.engine = db.engine
        self.servers = ServerProcesses(self.engine)
        event.listen(self.engine, "before_cursor_execute", self._count)

    def _count(self, _conn, _cursor, statement, *_args) -> None:
        self.statements.append(statement)

    def get(self, user: str, path: str) -> tuple[float, float, int, int]:
        client = self._client(user)
        self.statements.clear()
        wall, cpu, server = time.perf_counter(), time.process_time(), self.servers.cpu()
        status = client.get(path).status_code
        cpu = time.process_time() - cpu + self.servers.cpu(since=server)
        return (time.perf_counter() - wall) * 1000, cpu * 1000, len(self.statements), status

    def _client(self, user: str):
        if user not in self.clients:
            client = self.clients[user] = self.app.test_client()
            response = client.post("/login", data={"username": user, "password": DEMO_PASSWORD})
            assert response.status_code == 302, (user, response.status_code)
        return self.clients[user]

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._count)
        self.servers.stop()


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
