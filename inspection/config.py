"""Configuration defaults. Later layers override them: instance/config.py, then INSPECTION_* variables."""

from datetime import timedelta


class DefaultConfig:
    SECRET_KEY = None  # make run writes a random one into instance/config.py
    DATABASE_URL = None  # None: SQLite file instance/inspection.sqlite3
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    LANGUAGES = ("vi", "en")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False  # INSPECTION_SESSION_COOKIE_SECURE=true behind HTTPS
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session; a stale form is refused by CSRF only on logout
    #: the largest request; an evidence file is checked against EVIDENCE_MAX_BYTES below it
    MAX_CONTENT_LENGTH = 25 * 1024 * 1024
    EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
    #: where uploaded files are kept; None = instance/files
    FILES_FOLDER = None
    IMPORT_MAX_BYTES = 10 * 1024 * 1024
    LOGIN_MAX_FAILURES = 5
    LOGIN_FAILURE_WINDOW = timedelta(minutes=15)
    LOGIN_LOCK_DURATION = timedelta(minutes=15)
    PAGE_SIZE = 25
    #: how many reverse proxies (nginx…) sit in front: their X-Forwarded-For gives the client address,
    #: which the login lock counts by. 0 = none (the peer address is the client).
    PROXY_FIX_X_FOR = 0
