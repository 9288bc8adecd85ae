"""The pages over HTTP, served as `make serve` serves them: gunicorn with gunicorn.conf.py (sync workers,
the app's JSON request log), on the benchmark's database, for as long as one data set is measured.

Each request carries its own X-Request-ID; the server's time and query count are read from the app's log line
for that id (`duration_ms`, `queries`: from the first before_request hook to after_request), the client's wall
time around the whole exchange (connection, gunicorn, the app, the transfer) is measured here. Users log in
through the login form with its CSRF token, as a browser does; each keeps its session cookie."""

import http.cookiejar
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from inspection.demo.kiengiang import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parent.parent
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
START_SECONDS = 120


class Server:
    """gunicorn on `url`, started in __enter__ and stopped (TERM, then KILL) in __exit__."""

    def __init__(self, url: str, port: int, workers: int, log: Path):
        self.url, self.port, self.workers, self.log_path = url, port, workers, log
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        env = {**os.environ, "INSPECTION_DATABASE_URL": self.url, "INSPECTION_SECRET_KEY": secrets.token_hex(32),
               "INSPECTION_BIND": f"127.0.0.1:{self.port}", "INSPECTION_WEB_WORKERS": str(self.workers),
               "INSPECTION_LOG_LEVEL": "warning", "INSPECTION_REQUEST_LOG": "true"}
        env.pop("INSPECTION_ACCESS_LOG", None)  # gunicorn's own access line would say the same thing again
        self.log_path.parent.mkdir(exist_ok=True)
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "--config",
                                             "gunicorn.conf.py"], cwd=ROOT, env=env, stdout=log, stderr=log)
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: {self.log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/login", timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        raise RuntimeError(f"gunicorn did not answer on port {self.port} within {START_SECONDS} s")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *_exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args, **_kwargs):
        return None  # a redirect is the answer itself (its status is what the benchmark records)


class HttpFetcher:
    """get(user, path) → (server ms, client wall ms, SQL statements, HTTP status), over the server's socket."""

    def __init__(self, server: Server):
        self.server, self.openers, self.number = server, {}, 0
        self.log = server.log_path.open(encoding="utf-8", errors="replace")
        self.lines: dict[str, dict] = {}
        self.partial = ""

    def get(self, user: str, path: str) -> tuple[float, float, int, int]:
        self.number += 1
        request_id = f"bench-{os.getpid()}-{self.number:08d}"
        started = time.perf_counter()
        status = self._open(user, path, headers={"X-Request-ID": request_id})[0]
        wall = (time.perf_counter() - started) * 1000
        line = self._line(request_id)
        return line["duration_ms"], wall, line["queries"], status

    def _open(self, user: str, path: str, data: bytes | None = None, headers: dict | None = None):
        request = urllib.request.Request(self.server.base + path, data=data, headers=headers or {})
        try:
            with self._opener(user).open(request, timeout=300) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            return error.code, error.read()

    def _opener(self, user: str):
        if user not in self.openers:
            jar = http.cookiejar.CookieJar()
            self.openers[user] = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
            self._login(user)
        return self.openers[user]

    def _login(self, user: str) -> None:
        _status, body = self._open(user, "/login")
        token = next(group for group in CSRF.search(body.decode()).groups() if group)
        form = urllib.parse.urlencode({"username": user, "password": DEMO_PASSWORD, "csrf_token": token})
        status, _body = self._open(user, "/login", data=form.encode())
        if status != 302:
            raise RuntimeError(f"login of {user} over HTTP answered {status}")

    def _line(self, request_id: str) -> dict:
        """The app's log line of that request (written before the response left the worker)."""
        deadline = time.monotonic() + 10
        while request_id not in self.lines:
            line = self.partial + self.log.readline()
            if not line.endswith("\n"):  # nothing new, or a line still being written
                self.partial = line
                if time.monotonic() > deadline:
                    raise RuntimeError(f"no log line for request {request_id}")
                time.sleep(0.01)
                continue
            self.partial = ""
            if line.startswith("{"):
                entry = json.loads(line)
                if entry.get("message") == "request":
                    self.lines[entry["request_id"]] = entry
        return self.lines.pop(request_id)

    def close(self) -> None:
        self.log.close()
