"""The translation catalogues against the source. Pure: no Flask app, no database.

The msgids are extracted from the source tree with babel.cfg, exactly as `make translations`
does, so a string added to the code but not yet translated fails here even if nobody has
re-run the extraction. The English catalogue must translate every msgid; the Vietnamese one
only translates the English built-in messages of WTForms and Flask-WTF.
"""

import fnmatch
import re
from collections import Counter
from functools import cache
from pathlib import Path

import flask_wtf
import pytest
import wtforms
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "inspection" / "translations"
EN_PO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
VI_PO = TRANSLATIONS / "vi" / "LC_MESSAGES" / "messages.po"

# Keep in step with the Makefile's `pybabel extract` (-k ... and --ignore-dirs ...).
KEYWORDS = {**DEFAULT_KEYWORDS, **parse_keywords(["_l", "lazy_gettext", "ngettext:1,2"])}
IGNORED_DIRS = (".*", "__pycache__", "node_modules")

FIX_HINT = ("Run `make translations`, then translate the new entries in "
            "inspection/translations/en/LC_MESSAGES/messages.po (msgstr filled in, no '#, fuzzy').")

# %(name)s, %(n)d, %s, %.2f ... ("%%" is a literal percent sign, not a placeholder)
PERCENT_PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0+-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?P<type>[diouxXeEfFgGcrsa%])")
BRACE_PLACEHOLDER = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")


def _keep_dir(path: str) -> bool:
    name = Path(path).name
    return not any(fnmatch.fnmatch(name, pattern) for pattern in IGNORED_DIRS)


@cache
def source_messages() -> dict[tuple[str, str | None], list[str]]:
    """(msgid, context) → where it is used, for every string the source marks for translation."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, "babel.cfg")
    found: dict[tuple[str, str | None], list[str]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS, directory_filter=_keep_dir):
        msgid = message[0] if isinstance(message, (tuple, list)) else message
        if msgid:
            found.setdefault((msgid, context), []).append(f"{filename}:{lineno}")
    return found


@cache
def catalogue(path: Path):
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing. {FIX_HINT}"
    with path.open("rb") as po:
        return read_po(po)


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (tuple, list)) else [message.string]


def _ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, (tuple, list)) else [message.id]


def _is_translated(message) -> bool:
    return (message is not None and not message.fuzzy
            and all(string and string.strip() for string in _strings(message)))


def placeholders(text: str) -> set[tuple[str | None, str]]:
    found = {(m["name"], m["type"]) for m in PERCENT_PLACEHOLDER.finditer(text) if m["type"] != "%"}
    return found | {("{}", name) for name in BRACE_PLACEHOLDER.findall(text)}


def placeholder_errors(cat) -> list[str]:
    """Each msgstr must use the msgid's placeholders: same names, same conversions. A plural
    form may drop one ("one file" for "%(num)d files") but never invents one."""
    errors = []
    for message in cat:
        if not message.id or not _is_translated(message):
            continue
        ids = _ids(message)
        expected = set().union(*map(placeholders, ids))
        plural = len(ids) > 1
        errors.extend(f"{ids[0]!r} → {string!r}" for string in _strings(message)
                      if not (placeholders(string) <= expected if plural else placeholders(string) == expected))
    return errors


def test_extraction_finds_strings_in_code_and_templates():
    """A guard for the test itself: Python, templates, macros and {% set %} are all scanned."""
    where = {place.split(":")[0] for places in source_messages().values() for place in places}
    assert any(place.startswith("inspection/") for place in where)
    assert any(place.startswith("templates/_macros/") for place in where)  # "_" dirs are not skipped
    assert ("Không tìm thấy trang", None) in source_messages()  # {% set heading = _('...') %}


@pytest.mark.parametrize("path", [EN_PO, VI_PO], ids=["en", "vi"])
def test_catalogue_is_compilable(path):
    cat = catalogue(path)
    assert not cat.fuzzy, f"{path.relative_to(ROOT)}: the header is marked fuzzy, so pybabel compile skips the file"
    problems = [f"{message.id!r}: {error}" for message, errors in cat.check() for error in errors]
    assert not problems, "\n".join(problems)


def test_every_source_msgid_has_an_english_translation():
    cat = catalogue(EN_PO)
    missing = sorted((msgid, places) for (msgid, context), places in source_messages().items()
                     if not _is_translated(cat.get(msgid, context=context)))
    assert not missing, (f"{len(missing)} msgid(s) have no English translation (missing, empty or fuzzy). "
                         f"{FIX_HINT}\n" + "\n".join(f"  {msgid!r}  ({', '.join(places[:3])})"
                                                     for msgid, places in missing))


def test_english_translations_keep_the_placeholders():
    errors = placeholder_errors(catalogue(EN_PO))
    assert not errors, "msgstr placeholders differ from the msgid's:\n" + "\n".join(errors)


@pytest.mark.parametrize("path", [EN_PO, VI_PO], ids=["en", "vi"])
def test_translations_add_no_html_special_characters(path):
    """Jinja's i18n extension marks a translated string safe (not escaped): a '"' or '<' brought in
    by a translation would break an attribute such as aria-label="{{ _('...') }}"."""
    added = [f"{message.id!r} → {string!r}" for message in catalogue(path) if message.id
             for string in _strings(message)
             if any(char in string and not any(char in msgid for msgid in _ids(message)) for char in '<>&"')]
    assert not added, "Use “ ” instead of \" and words instead of <, >, &:\n" + "\n".join(added)


def test_required_english_wording():
    cat = catalogue(EN_PO)
    expected = {
        "Không tìm thấy trang": "Page not found",
        "Không có quyền truy cập": "Access denied",
        "Đăng nhập": "Sign in",
        "Tên đăng nhập hoặc mật khẩu không đúng.": "Incorrect user name or password.",
        "Quản trị hệ thống": "System administration",
        "Tổng quan": "Overview",
        "Bàn làm việc đoàn kiểm tra": "Inspection team desk",
        "Việc cần làm": "To-do",
        "Đơn vị": "Units",
    }
    actual = {msgid: cat.get(msgid).string if cat.get(msgid) else None for msgid in expected}
    assert actual == expected


def test_vietnamese_translates_the_wtforms_required_message():
    message = catalogue(VI_PO).get("This field is required.")
    assert _is_translated(message)
    assert message.string == "Trường này không được để trống."


def test_vietnamese_covers_every_wtforms_and_flask_wtf_message():
    """Upgrading WTForms or Flask-WTF may add messages; they would show in English."""
    with (Path(wtforms.__file__).parent / "locale" / "wtforms.pot").open("rb") as pot:
        wanted = [message.id for message in read_po(pot) if message.id]
    flask_wtf_dir = Path(flask_wtf.__file__).parent
    csrf_source = (flask_wtf_dir / "csrf.py").read_text(encoding="utf-8")
    wanted += [text for text in re.findall(r'ValidationError\(\s*"([^"]+)"\s*\)', csrf_source)
               if text.startswith("The CSRF")]
    wanted += re.findall(r'gettext\(\s*"([^"]+)"\s*\)', (flask_wtf_dir / "file.py").read_text(encoding="utf-8"))
    assert len(wanted) > 40  # the sources were read as expected

    cat = catalogue(VI_PO)
    assert cat.num_plurals == 1  # Vietnamese has a single plural form
    missing = [msgid for msgid in wanted
               if not _is_translated(cat.get(msgid[0] if isinstance(msgid, (tuple, list)) else msgid))]
    assert not missing, ("Add a Vietnamese msgstr for these library messages to "
                         "inspection/translations/vi/LC_MESSAGES/messages.po (by hand: the vi catalogue "
                         "is not updated from messages.pot):\n" + "\n".join(map(repr, missing)))


def test_vietnamese_translations_keep_the_placeholders():
    errors = placeholder_errors(catalogue(VI_PO))
    assert not errors, "msgstr placeholders differ from the msgid's:\n" + "\n".join(errors)


def test_each_message_is_translated_once():
    """Merges that each add the same msgid leave two entries; Babel keeps the last silently, gettext refuses."""
    entries = re.findall(r'^(?:msgctxt "(.*)"\n)?msgid ((?:".*"\n)+)', EN_PO.read_text(encoding="utf-8"), re.M)
    keys = [(context, "".join(re.findall(r'"(.*)"', text))) for context, text in entries]
    repeated = sorted(key for key, times in Counter(keys).items() if times > 1 and key[1])
    assert not repeated, f"entries given twice in {EN_PO.name}: {repeated}"
