"""The portal's words come from one glossary (docs/glossary.md).

Every status, kind and role label (the LabelledEnum registry and the cluster/block titles) and every field label
declared on a column (`info={"label": …}`, inspection/labels.py) must be a term of the glossary, with the English
the catalogue gives it; no message of the interface may use the glossary's avoided wording."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale

from inspection import enums
from inspection.extensions import db
from inspection.groups.models import ROLE_TITLES
from tests.test_translations import EN_PO, source_messages

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"
TERM_SECTIONS = ("## Thuật ngữ nghiệp vụ", "## Nhãn trường")


def _tables(heading: str) -> list[list[str]]:
    """The body rows of the table under a `## …` heading of the glossary, as lists of cells."""
    text = GLOSSARY.read_text(encoding="utf-8")
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows[2:]]


def glossary() -> dict[str, str]:
    """Term → its English, from both term tables."""
    terms: dict[str, str] = {}
    for heading in TERM_SECTIONS:
        for cells in _tables(heading):
            assert cells[0] not in terms, f"{cells[0]!r} is listed twice in docs/glossary.md"
            terms[cells[0]] = cells[1]
    return terms


def avoided() -> list[tuple[str, list[str]]]:
    """(phrase, its allowed exceptions) from the glossary's “Không dùng” table."""
    return [(cells[0], [part.strip() for part in cells[2].split(";") if part.strip()])
            for cells in _tables("## Không dùng")]


def enum_labels() -> dict[str, str]:
    """Every registered enum label in Vietnamese → the member it names."""
    with force_locale("vi"):
        return {str(label): f"{cls.__name__}.{cls(value).name}" for (cls, value), label in enums._LABELS.items()}


def role_titles() -> dict[str, str]:
    with force_locale("vi"):
        return {str(title): f"ROLE_TITLES[{kind.name}][{role.name}]"
                for kind, titles in ROLE_TITLES.items() for role, title in titles.items()}


def column_labels() -> dict[str, str]:
    """Every label a model declares on a column or relationship → one place it is declared."""
    found = {}
    with force_locale("vi"):
        for mapper in db.Model.registry.mappers:
            for prop in mapper.attrs:
                info = prop.columns[0].info if hasattr(prop, "columns") else prop.info
                label = info.get("label")
                if label is not None and not isinstance(label, str):  # a lazy text, not a key aliasing a column
                    found.setdefault(str(label), f"{mapper.class_.__name__}.{prop.key}")
    return found


def _not_in_glossary(labels: dict[str, str]) -> list[str]:
    terms = glossary()
    return [f"{label!r} ({where})" for label, where in sorted(labels.items()) if label not in terms]


def test_the_glossary_reader_sees_the_tables():
    """The reader itself: the legal terms the issue names are there, with their English."""
    terms = glossary()
    for term in ("Tồn tại, hạn chế", "Kiến nghị", "Chưa thực hiện", "Đang thực hiện", "Hồ sơ đề nghị khen thưởng",
                 "Cụm trưởng", "Khối trưởng", "Cụm phó", "Khối phó", "Quá hạn (ngày)"):
        assert term in terms and terms[term], term
    assert ("tuổi quá hạn", []) in avoided()


def test_every_status_kind_and_role_label_is_a_glossary_term(app):
    labels = enum_labels() | role_titles()
    assert len(labels) > 100  # the registry was read (a broken import would make this test pass on nothing)
    missing = _not_in_glossary(labels)
    assert not missing, "labels not in docs/glossary.md:\n" + "\n".join(missing)


def test_every_column_label_is_a_glossary_term(app):
    labels = column_labels()
    assert "Nội dung kiến nghị" in labels and len(labels) > 50
    missing = _not_in_glossary(labels)
    assert not missing, "field labels not in docs/glossary.md:\n" + "\n".join(missing)


def test_the_glossary_english_is_the_catalogues():
    """A term that is a msgid reads in the English interface as the glossary says."""
    with EN_PO.open("rb") as handle:
        catalogue = read_po(handle)
    differ = [f"{term!r}: glossary {english!r}, catalogue {catalogue.get(term).string!r}"
              for term, english in glossary().items()
              if catalogue.get(term) is not None and catalogue.get(term).string != english]
    assert not differ, "\n".join(differ)


def test_the_statuses_use_the_legal_words(app):
    """chưa thực hiện / đang thực hiện / đã thực hiện; one label per status of a unit's progress."""
    from inspection.findings.models import FindingKind, UnitStatus
    from inspection.groups.models import GroupKind, MemberRole
    from inspection.missions.models import MissionStatus

    with force_locale("vi"):
        assert [status.label for status in UnitStatus][:2] == ["Chưa thực hiện", "Đang thực hiện"]
        assert FindingKind.SHORTCOMING.label == "Tồn tại, hạn chế"
        assert MissionStatus.CLOSED.label == "Đã kết thúc"
        assert str(ROLE_TITLES[GroupKind.BLOCK][MemberRole.LEADER]) == "Khối trưởng"
        assert str(ROLE_TITLES[GroupKind.CLUSTER][MemberRole.DEPUTY]) == "Cụm phó"


def _uses(msgid: str, phrase: str, exceptions: list[str]) -> bool:
    text = msgid.lower()
    for exception in exceptions:
        text = text.replace(exception.lower(), " ")
    return re.search(rf"(?<!\w){re.escape(phrase.lower())}(?!\w)", text) is not None


@pytest.mark.parametrize(("msgid", "phrase", "expected"), [
    ("Kiến nghị đang mở", "đang mở", True),
    ("Đang mở: %(count)d phiên.", "đang mở", False),
    ("Buổi làm việc phát hiện ra vấn đề, nếu có.", "phát hiện", False),
    ("Sửa phát hiện", "phát hiện", True),
    ("Hồ sơ đề nghị khen thưởng", "hồ sơ khen thưởng", False),
])
def test_the_avoided_wording_check_tells_a_use_from_an_exception(msgid, phrase, expected):
    exceptions = dict(avoided())[phrase]
    assert _uses(msgid, phrase, exceptions) is expected


def test_no_message_uses_the_avoided_wording():
    found = [f"{phrase!r} in {msgid!r} ({places[0]})"
             for (msgid, _context), places in source_messages().items()
             for phrase, exceptions in avoided() if _uses(msgid, phrase, exceptions)]
    assert not found, "avoided wording (docs/glossary.md, “Không dùng”):\n" + "\n".join(found)


def test_no_web_page_sends_its_reader_to_the_command_line():
    found = [f"{msgid!r} ({places[0]})" for (msgid, _context), places in source_messages().items()
             if any(place.startswith("templates/") for place in places)
             and re.search(r"flask |--[a-z]|dòng lệnh", msgid.replace("Hệ thống / dòng lệnh", ""))]
    assert not found, "\n".join(found)
