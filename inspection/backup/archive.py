"""Writing and reading the .tar.gz: the database dump first, then the file store, then the manifest (last,
since it holds the SHA-256 of everything before it). Reading is one streaming pass that hashes every member
and extracts only what the caller asks for; member names are checked before any path is built from them."""

import io
import os
import tarfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from inspection.backup.manifest import DATABASE_MEMBERS, FILES_PREFIX, MANIFEST, HashingReader, Manifest

#: gzip's fastest level: the file store is mostly PDF, Office files and images (already compressed), and a
#: SQLite file still shrinks several times; the archive is written while the portal serves
COMPRESS_LEVEL = 1
READ_ERRORS = (tarfile.TarError, EOFError, zlib.error, OSError)


def open_for_writing(path) -> tarfile.TarFile:
    """A new archive readable by its owner only (it holds every account's password hash)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return tarfile.open(path, "w:gz", compresslevel=COMPRESS_LEVEL)


def add_file(tar: tarfile.TarFile, path: str, name: str) -> dict | None:
    """Archive one file, hashing the bytes as they go in; None when it vanished meanwhile (a refused upload
    removed before its row was ever committed: no row can name it)."""
    try:
        handle = open(path, "rb")  # noqa: SIM115  (closed below; opened before stat so it cannot vanish between)
    except FileNotFoundError:
        return None
    with handle:
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = os.fstat(handle.fileno()).st_size, os.path.getmtime(path), 0o600
        reader = HashingReader(handle, info.size)
        tar.addfile(info, reader)
    return reader.facts()


def add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), 0o600
    tar.addfile(info, io.BytesIO(data))


def store_files(folder: str, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(name relative to the store with '/' separators, path) of every regular file, sorted; symbolic links
    and the folders in `skip` (a backup folder placed inside the store) are left out."""
    found = []
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if os.path.join(root, name) not in skip)
        for name in sorted(names):
            path = os.path.join(root, name)
            if os.path.isfile(path) and not os.path.islink(path):
                found.append((Path(os.path.relpath(path, folder)).as_posix(), path))
    return found


@dataclass
class Contents:
    """What one pass over an archive found: the manifest, each member's SHA-256 and size, and problems."""
    manifest: Manifest | None = None
    members: dict[str, dict] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    database_path: str | None = None


def first_member(path: str) -> str | None:
    """The first member's name (the database dump, which tells the kind) without reading further."""
    try:
        with tarfile.open(path, "r|gz") as tar:
            member = tar.next()
            return member.name if member else None
    except READ_ERRORS:
        return None


def read(path: str, database_folder: str | None = None, files_folder: str | None = None) -> Contents:
    """Hash every member; the database dump is written into `database_folder` and the store's files into
    `files_folder` when given."""
    contents = Contents()
    try:
        with tarfile.open(path, "r|gz") as tar:
            for member in tar:
                _read_member(tar, member, contents, database_folder, files_folder)
    except READ_ERRORS as error:
        contents.problems.append(f"Không đọc được tệp sao lưu (hỏng hoặc không trọn vẹn): {error}.")
    return contents


def _read_member(tar, member, contents: Contents, database_folder, files_folder) -> None:
    if not member.isreg() or not _safe(member.name):
        contents.problems.append(f"Thành phần lạ trong tệp sao lưu: {member.name!r}.")
        return
    source = tar.extractfile(member)
    if member.name == MANIFEST:
        _read_manifest(source.read(), contents)
        return
    target = _target(member.name, contents, database_folder, files_folder)
    contents.members[member.name] = _copy(source, target)


def _read_manifest(data: bytes, contents: Contents) -> None:
    try:
        contents.manifest = Manifest.from_json(data)
    except (ValueError, TypeError) as error:
        contents.problems.append(f"Manifest không đọc được: {error}.")


def _target(name: str, contents: Contents, database_folder, files_folder) -> str | None:
    if name in DATABASE_MEMBERS.values():
        if database_folder is None:
            return None
        contents.database_path = os.path.join(database_folder, name)
        return contents.database_path
    if files_folder is None or not name.startswith(FILES_PREFIX):
        return None
    return os.path.join(files_folder, *name[len(FILES_PREFIX):].split("/"))


def _copy(source, target: str | None) -> dict:
    reader = HashingReader(source)
    if target is None:
        while reader.read(1024 * 1024):
            pass
        return reader.facts()
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "xb") as handle:
        while chunk := reader.read(1024 * 1024):
            handle.write(chunk)
    return reader.facts()


def _safe(name: str) -> bool:
    """Only the manifest, a database dump and files/<relative path> without '..', '.', empty or odd parts."""
    if name == MANIFEST or name in DATABASE_MEMBERS.values():
        return True
    if not name.startswith(FILES_PREFIX) or "\\" in name or "\x00" in name:
        return False
    return all(part not in ("", ".", "..") for part in name[len(FILES_PREFIX):].split("/"))


def compare(manifest: Manifest, found: dict[str, dict]) -> list[str]:
    """Every member the manifest lists is there with its SHA-256 and size, and nothing else is."""
    problems = []
    for name, facts in sorted(manifest.members.items()):
        if name not in found:
            problems.append(f"Thiếu {name} trong tệp sao lưu.")
        elif found[name] != {"sha256": facts.get("sha256"), "size": facts.get("size")}:
            problems.append(f"{name}: SHA-256 hoặc kích thước không khớp manifest (tệp hỏng hoặc bị sửa).")
    extra = sorted(set(found) - set(manifest.members))
    return problems + [f"{name} có trong tệp sao lưu nhưng không có trong manifest." for name in extra]
