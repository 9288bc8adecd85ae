"""gunicorn settings for serving the portal in production: `make serve` and the systemd unit of docs/deploy.md
(`gunicorn --config gunicorn.conf.py`). Each setting can be changed without editing this file: the
INSPECTION_* variables read below, or any gunicorn option in GUNICORN_CMD_ARGS (e.g. "--timeout 300").

Signals (systemd: `systemctl reload` sends HUP): HUP starts new workers with the code and settings on disk
and stops the old ones once they have finished their requests (a graceful reload, also after an upgrade);
TERM stops after the running requests (graceful_timeout); TTIN/TTOU add/remove a worker.

This file must not import the `inspection` package: a module loaded in the master process would be
inherited by every worker, and HUP would no longer load new code."""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (a container's limit)
    except AttributeError:
        return os.cpu_count() or 1


wsgi_app = "wsgi:app"
chdir = HERE
proc_name = "inspection"
bind = os.environ.get("INSPECTION_BIND", "127.0.0.1:8000").split(",")

# Synchronous workers, one request each at a time, behind nginx (which buffers slow clients and uploads):
# the usual 2 × cores + 1, but at most 8 (each worker holds the whole application in memory, ~150 MB).
workers = _int("INSPECTION_WEB_WORKERS", min(2 * _cores() + 1, 8))
worker_class = "sync"
# A page takes well under a second; a request silent for this long is killed (its worker restarted) and
# answered with an error by nginx. Long work (imports of 200,000 rows, national exports) runs as a job.
timeout = _int("INSPECTION_WEB_TIMEOUT", 120)
# On TERM or HUP a worker may finish its running requests for this long.
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (with jitter, so that they do not all restart together):
# memory that a long-lived process slowly gains is given back.
max_requests = 2000
max_requests_jitter = 200
# The heartbeat of the workers in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Not preloaded: each worker loads the application itself, so HUP really loads new code.
preload_app = False
# gunicorn ≥ 25 otherwise opens a control socket in $HOME (two instances would share it).
control_socket_disable = True

# gunicorn's own messages (start, workers, errors) to standard error: the journal under systemd.
errorlog = "-"
loglevel = os.environ.get("INSPECTION_LOG_LEVEL", "info")
# The access log is the application's JSON line per request (inspection/request_log.py: request id, user,
# endpoint, status, duration, query count), also on standard error. gunicorn's plain one would say the same
# thing twice; INSPECTION_ACCESS_LOG=- turns it on (on standard output).
accesslog = os.environ.get("INSPECTION_ACCESS_LOG") or None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms id=%({x-request-id}o)s'
# Only nginx on this machine may say which scheme the client used (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("INSPECTION_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def _startup_check() -> subprocess.CompletedProcess:
    """The installation's readiness, checked in a separate process (inspection/startup.py)."""
    return subprocess.run([sys.executable, "-m", "inspection.startup"], cwd=HERE, capture_output=True,
                          text=True, timeout=120, check=False)


def on_starting(server):
    """Before the first worker: a secret key, a reachable migrated database and a writable file store, or
    no start at all (gunicorn prints the reasons and exits with status 1)."""
    result = _startup_check()
    if result.returncode != 0:
        raise RuntimeError((result.stderr or result.stdout).strip())


def on_reload(server):
    """A reload cannot be refused (the old workers are already being replaced), but it is not silent."""
    result = _startup_check()
    if result.returncode != 0:
        server.log.error("Sau khi nạp lại: %s", (result.stderr or result.stdout).strip())
