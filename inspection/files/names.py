"""The name a user's file had, made safe to keep and to send back: only its last path part, NFC, without
control or format characters (NUL, line breaks, bidirectional overrides), spaces collapsed, bounded in length
with its extension kept. Vietnamese letters stay as they are. Used for display and downloads, never as a path."""

import unicodedata

#: the column's length (stored_file.original_name)
MAX_LENGTH = 255
#: control, format, surrogate and line/paragraph separator characters
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def clean_file_name(raw: str | None, fallback: str) -> str:
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in unicodedata.normalize("NFC", name)
                   if unicodedata.category(char) not in _DROPPED_CATEGORIES)
    name = " ".join(name.split())
    return _bounded(name) or fallback


def _bounded(name: str) -> str:
    """At most MAX_LENGTH characters, shortening the stem so that the extension survives."""
    if len(name) <= MAX_LENGTH:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 16:
        return name[:MAX_LENGTH].rstrip()
    return stem[:MAX_LENGTH - len(extension) - 1].rstrip() + "." + extension
