"""What an archive holds and how it is named: the member names, the manifest, SHA-256 while reading."""

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime

from inspection.timeutil import VIETNAM

FORMAT = 1
MANIFEST = "manifest.json"
FILES_PREFIX = "files/"
#: the database member, by kind: SQLite's file as it is, PostgreSQL's pg_dump custom format
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
KIND_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
SUFFIX = ".tar.gz"
#: archives the retention may remove: only those named by `archive_name`, never anything else in the folder
ARCHIVE_NAME = re.compile(r"backup-\d{8}-\d{6}-\d{3}\.tar\.gz")
CHUNK = 1024 * 1024


@dataclass
class Manifest:
    kind: str
    created_at: str
    revision: str | None
    #: table name → rows, as in the dumped snapshot
    tables: dict[str, int]
    #: member name (database and files/…) → {"sha256", "size"}
    members: dict[str, dict] = field(default_factory=dict)
    #: stored files the database names but the store lacked (or held with another SHA-256) when backed up
    missing_files: list[str] = field(default_factory=list)
    format: int = FORMAT

    @property
    def database_member(self) -> str:
        return DATABASE_MEMBERS[self.kind]

    def files(self) -> dict[str, dict]:
        return {name: facts for name, facts in self.members.items() if name.startswith(FILES_PREFIX)}

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> "Manifest":
        """ValueError when the text is no manifest of a known format."""
        raw = json.loads(data)
        if not isinstance(raw, dict) or raw.get("format") != FORMAT or raw.get("kind") not in DATABASE_MEMBERS:
            raise ValueError("not a backup manifest")
        return cls(**{key: raw[key] for key in cls.__dataclass_fields__ if key in raw})


def archive_name(moment: datetime) -> str:
    """backup-YYYYMMDD-HHMMSS-mmm.tar.gz in Vietnam time (no daylight saving: names sort by time)."""
    local = moment.astimezone(VIETNAM)
    return local.strftime("backup-%Y%m%d-%H%M%S-") + f"{local.microsecond // 1000:03d}{SUFFIX}"


class HashingReader:
    """A file object that hashes what is read through it, at most `limit` bytes (the size announced to tar:
    a store file only ever grows while being written, so the bytes archived are the bytes hashed)."""

    def __init__(self, source, limit: int | None = None):
        self.source, self.remaining = source, limit
        self.digest, self.size = hashlib.sha256(), 0

    def read(self, size: int = -1) -> bytes:
        if self.remaining is not None:
            size = self.remaining if size < 0 else min(size, self.remaining)
        data = self.source.read(size)
        self.digest.update(data)
        self.size += len(data)
        if self.remaining is not None:
            self.remaining -= len(data)
        return data

    def facts(self) -> dict:
        return {"sha256": self.digest.hexdigest(), "size": self.size}


def file_facts(path) -> dict:
    with open(path, "rb") as handle:
        reader = HashingReader(handle)
        while reader.read(CHUNK):
            pass
    return reader.facts()
