"""Configuration defaults. Later layers override them: instance/config.py, then INSPECTION_* variables."""

from datetime import timedelta


class DefaultConfig:
    SECRET_KEY = None  # make run writes a random one into instance/config.py
    DATABASE_URL = None  # None: SQLite file instance/inspection.sqlite3
    #: PostgreSQL: seconds to wait for a connection before giving up (a request, or /healthz, fails fast
    #: instead of hanging while the database is unreachable)
    DATABASE_CONNECT_TIMEOUT = 5
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    LANGUAGES = ("vi", "en")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False  # INSPECTION_SESSION_COOKIE_SECURE=true behind HTTPS (also turns HSTS on)
    #: Strict-Transport-Security max-age in seconds, sent only when SESSION_COOKIE_SECURE is on (one year)
    HSTS_MAX_AGE = 365 * 24 * 3600
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    #: a login ends after this many minutes without a request…
    SESSION_IDLE_MINUTES = 30
    #: …and this many hours after it began, however busy
    SESSION_LIFETIME_HOURS = 8
    #: "remember me": the login survives closing the browser and idle time for this many days (30 at most)
    SESSION_REMEMBER_DAYS = 30
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session; a stale form is refused by CSRF only on logout
    #: the largest request; an evidence file is checked against EVIDENCE_MAX_BYTES below it
    MAX_CONTENT_LENGTH = 25 * 1024 * 1024
    EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
    #: where uploaded files are kept; None = instance/files
    FILES_FOLDER = None
    #: /healthz reports the file store unhealthy below this much free space (MB)
    FILES_MIN_FREE_MB = 1024
    #: backups (docs/backup.md): `flask backup create` without a path and the daily job write here (None =
    #: instance/backups), keep this many newest archives, and /healthz wants the last one younger than this
    BACKUP_DIR = None
    BACKUP_KEEP = 14
    BACKUP_MAX_AGE_HOURS = 26
    #: the folder of pg_dump/pg_restore when they are not on PATH (None: PATH, then /usr/lib/postgresql/*/bin)
    BACKUP_PG_BIN = None
    #: digital signatures (docs/deploy.md, "Chữ ký số"): {unit code: {"file": PKCS#12 path, "password": … or
    #: "password_env": name of the environment variable holding it}}; a relative path is in the instance folder
    SIGNING_CERTIFICATES = None
    #: root certificates (PEM or DER files) a signature must chain to, to be shown as trusted
    SIGNING_TRUST_ROOTS = ()
    #: the demo's TEST root (written by `flask documents demo-certificate`): trusted only when named here
    SIGNING_DEMO_ROOT = None
    IMPORT_MAX_BYTES = 10 * 1024 * 1024
    #: uploaded ZIP-based files (.docx, .xlsx, OpenDocument) are inflated in bounded chunks before anything reads
    #: them (inspection/files/zipguard.py) and refused beyond these bounds. For scale: a 100,000-row dossier file
    #: is 6 MB holding 70 MB at a ratio of 12; a "zip bomb" reaches ratios near 1,000.
    ZIP_MAX_MEMBERS = 2000
    ZIP_MAX_INFLATED_BYTES = 300 * 1024 * 1024
    ZIP_MAX_RATIO = 100
    #: failed logins allowed per account from one client address within LOGIN_FAILURE_WINDOW…
    LOGIN_MAX_FAILURES = 5
    #: …and per account from all addresses together (higher, so that a stranger alone cannot lock a user out)
    LOGIN_MAX_ACCOUNT_FAILURES = 10
    LOGIN_FAILURE_WINDOW = timedelta(minutes=15)
    LOGIN_LOCK_DURATION = timedelta(minutes=15)
    PAGE_SIZE = 25
    #: official documents of these kinds are made in the worker with a progress bar (inspection/official/jobs.py)
    OFFICIAL_JOB_KINDS = ("summary", "awards")
    #: one JSON line per request on standard error (inspection/request_log.py); the tests' live servers turn it
    #: off, so that a failing browser test's output shows what failed rather than hundreds of requests
    REQUEST_LOG = True
    #: how many reverse proxies (nginx…) sit in front: their X-Forwarded-For gives the client address,
    #: which the login lock counts by. 0 = none (the peer address is the client).
    PROXY_FIX_X_FOR = 0
    #: review sessions propose open items overdue by more than this many days
    REVIEW_OVERDUE_DAYS = 30
    #: reminders: items due within this many days are "due soon"; overdue past the thresholds also go to the
    #: officers of the supervising unit, then to the council
    REMINDER_DUE_SOON_DAYS = 7
    ESCALATE_TO_SUPERVISOR_DAYS = 30
    ESCALATE_TO_COUNCIL_DAYS = 60
    #: e-mail; MAIL_HOST None = notifications stay in the portal only
    MAIL_HOST = None
    MAIL_PORT = 25
    MAIL_USE_STARTTLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_FROM = "kiemtra-tdkt@localhost"
    MAIL_TIMEOUT = 30
    #: the portal's address, for links in e-mails
    PUBLIC_URL = "http://127.0.0.1:5000"
    #: the dashboard's figures are reused until the next recorded change, a new day, or this many seconds
    #: (0: computed on every request); the page says when they were computed
    DASHBOARD_CACHE_SECONDS = 600
    #: …but figures younger than this are shown even after a change (the page says so and offers to recompute):
    #: with thousands of users something changes every few seconds
    DASHBOARD_MIN_SECONDS = 60
    #: background jobs (inspection/jobs, on Huey): the queue in this SQLite file (None = instance/jobs.sqlite3)…
    JOBS_SQLITE_PATH = None
    #: …or on Redis when set (INSPECTION_REDIS_URL=redis://host:6379/0): app servers and workers share one queue
    REDIS_URL = None
    #: jobs one `flask jobs worker` runs at once (threads)
    JOBS_WORKERS = 2
    #: a job's result file is kept this many days, then removed (checked every JOBS_EXPIRE_EVERY_MINUTES)
    JOB_RESULT_DAYS = 7
    JOBS_EXPIRE_EVERY_MINUTES = 60
    #: each worker writes a heartbeat this often; one silent this long is gone (its running jobs: failed)
    JOBS_HEARTBEAT_SECONDS = 10
    JOBS_WORKER_STALE_SECONDS = 60
    #: /healthz: not fine when no worker has beaten for this long, or a job has waited longer than this
    JOBS_HEARTBEAT_MAX_SECONDS = 180
    JOBS_MAX_WAIT_SECONDS = 600
    #: the scheduler (`flask jobs scheduler`): reminders sent daily at this Vietnam time, their e-mail every
    #: few minutes, the daily backup
    REMINDERS_SEND_AT = "07:00"
    REMINDERS_MAIL_EVERY_MINUTES = 5
    #: people who asked for a daily digest of their notices get it at this Vietnam time
    NOTICES_DIGEST_AT = "17:00"
    BACKUP_AT = "01:30"
