"""Control characters have no place in the portal's text. Word's soft line break (\\x0b) pasted into a note,
or a NUL typed by a script, is invisible on screen but fatal elsewhere: PostgreSQL refuses NUL in text (a 500
on save) and openpyxl refuses every C0 control but tab, LF and CR (a 500 on every later export of that row).
So every text is cleaned the same way, by this one function, wherever it enters (every request's parameters
in `forms_util.PortalRequest`, imports, the database gate in `extensions.py`) and wherever it leaves
(`documents/sheets.py`)."""

import re

#: Unicode category Cc (C0, DEL, C1) but tab, LF and CR, which are real text; also what XML 1.0, and so
#: .xlsx, cannot carry at all: lone surrogates and the non-characters U+FFFE, U+FFFF.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: the controls that end a line (str.splitlines agrees): Word's soft break \x0b, form feed, the information
#: separators, NEL. They become a line feed rather than nothing, which would glue two words together.
LINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85]")


def strip_controls(text: str) -> str:
    """The text without control characters, line-ending ones turned into LF; clean text (the common case)
    costs one search and comes back as it is."""
    if CONTROL_CHARACTERS.search(text) is None:
        return text
    return CONTROL_CHARACTERS.sub("", LINE_BREAKS.sub("\n", text))


def strip_controls_if_text(value):
    """Text cleaned, anything else (None, an uploaded file) as it is."""
    return strip_controls(value) if isinstance(value, str) else value
