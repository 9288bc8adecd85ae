"""Backups that restore (docs/backup.md): one archive holding the database (SQLite's online backup, or
`pg_dump --format=custom`), the file store and a manifest (migration revision, database kind, rows per table,
SHA-256 of every member); `flask backup create|verify|restore`, a daily job with retention and a health check.

Core layer: no feature is imported; tables are read from the database's own catalogue."""


class BackupError(Exception):
    """A backup, check or restore that cannot go on; the message says why, in Vietnamese, for the operator."""
