"""Drafting, issuing and correcting, at the service level, on a real database and file store."""

import hashlib
import os
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from inspection.access import AccessDenied
from inspection.audit import AuditEntry
from inspection.extensions import db
from inspection.files.services import stored_path
from inspection.official import numbers, services
from inspection.official.models import DocumentStatus, FrozenDocument, OfficialDocument
from inspection.rules import EditConflict, RuleViolation
from tests.docx_text import text_of
from tests.official.conftest import LETTER, NOTICE

TODAY = date(2026, 3, 16)


def docx_text(app, stored) -> str:
    with open(stored_path(app.config["FILES_FOLDER"], stored), "rb") as handle:
        return text_of(handle.read())


def draft(app, world, actor=None, kind=NOTICE, args=None):
    document = services.create_draft(actor or world.council, kind, args or {"mission": str(world.mission.id)},
                                     folder=app.config["FILES_FOLDER"], today=TODAY)
    db.session.commit()
    return document


def issue(app, world, document, number, day=date(2026, 3, 16), actor=None):
    services.issue(actor or world.council, document, number=number, issued_on=day, folder=app.config["FILES_FOLDER"],
                   today=TODAY, version=document.version)
    db.session.commit()


def file_sha(app, stored) -> str:
    with open(stored_path(app.config["FILES_FOLDER"], stored), "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def test_a_draft_is_built_from_the_subject_and_stored_with_its_hashes(app, world, quick_pdf):
    document = draft(app, world)
    assert (document.status, document.kind, document.type_code) == (DocumentStatus.DRAFT, NOTICE, "TB")
    assert (document.subject_type, document.subject_id, document.unit_id) == ("mission", world.mission.id,
                                                                              world.unit_a.id)
    assert document.issuer_unit_id == world.province.id and document.number is None and document.reference is None
    text = docx_text(app, document.docx)
    assert "Đẩy mạnh tuyên truyền gương điển hình tiên tiến" in text and "KN-" in text
    assert "HỘI ĐỒNG THI ĐUA –\nKHEN THƯỞNG" in text and "UBND TỈNH AN GIANG" in text
    assert "- Lưu: VT, TĐKT." in text
    assert re.search(r"Số: +/TB-HĐTĐKT", text) and "DỰ THẢO" in text  # the number left blank
    assert "TM. HỘI ĐỒNG" in text and "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text
    assert file_sha(app, document.docx) == document.docx.sha256 and file_sha(app, document.pdf) == document.pdf.sha256
    assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.target_type == "official_document")) \
        == "official.draft"


def test_a_unit_officer_cannot_draft_and_a_bad_subject_names_its_argument(app, world, quick_pdf):
    with pytest.raises(AccessDenied):
        draft(app, world, actor=world.officer_a)
    with pytest.raises(RuleViolation) as refused:
        draft(app, world, args={"mission": "abc"})
    assert refused.value.field == "args" and "mission" in refused.value.message
    with pytest.raises(RuleViolation) as unknown:
        draft(app, world, kind="no_such_kind")
    assert unknown.value.field == "kind"


def test_issuing_numbers_the_document_renders_it_again_and_freezes_it(app, world, quick_pdf):
    document = draft(app, world)
    draft_sha = document.docx.sha256
    issue(app, world, document, 5)
    assert document.status == DocumentStatus.ISSUED and document.reference == "05/TB-HĐTĐKT"
    assert (document.number, document.number_year, document.issued_on) == (5, 2026, date(2026, 3, 16))
    assert document.docx.sha256 != draft_sha  # the issued file is the document with its number and day
    issued_text = docx_text(app, document.docx)
    assert "Số: 05/TB-HĐTĐKT" in issued_text and "An Giang, ngày 16 tháng 3 năm 2026" in issued_text
    assert "DỰ THẢO" not in issued_text
    issued_hashes = (document.docx.sha256, document.pdf.sha256)

    document.title = "Sửa sau khi ban hành"
    with pytest.raises(FrozenDocument):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(RuleViolation):
        services.regenerate(world.council, document, folder=app.config["FILES_FOLDER"], today=TODAY,
                            version=document.version)
    db.session.rollback()
    with pytest.raises(RuleViolation):  # issuing again (a second click) is refused by the transition table
        issue(app, world, document, 6)
    db.session.rollback()
    stored = db.session.get(OfficialDocument, document.id)
    assert (stored.docx.sha256, stored.pdf.sha256, stored.number) == (*issued_hashes, 5)


def test_the_same_number_is_refused_for_the_same_issuer_type_and_year_only(app, world, quick_pdf):
    first, second = draft(app, world), draft(app, world)
    issue(app, world, first, 7)
    with pytest.raises(RuleViolation) as refused:
        issue(app, world, second, 7)
    assert refused.value.field == "number"
    assert "Số văn bản 07/TB-HĐTĐKT năm 2026" in refused.value.message and "08/TB-HĐTĐKT" in refused.value.message
    db.session.rollback()
    letter = draft(app, world, kind=LETTER, args={"unit": str(world.unit_a.id)})
    issue(app, world, letter, 7)  # a công văn numbers apart from the notices
    assert letter.reference == "07/HĐTĐKT"
    issue(app, world, db.session.get(OfficialDocument, second.id), 7, day=date(2025, 12, 31))  # another year
    assert numbers.next_free(world.province.id, "TB", 2026) == 8


def test_a_parallel_issue_that_slips_past_the_check_meets_the_unique_constraint(app, world, quick_pdf, monkeypatch):
    first, second = draft(app, world), draft(app, world)
    issue(app, world, first, 3)
    monkeypatch.setattr(numbers, "require_free", lambda *args: None)  # as if both checked before either wrote
    with pytest.raises(RuleViolation) as refused:
        issue(app, world, second, 3)
    assert refused.value.field == "number" and "Số văn bản 03/TB-HĐTĐKT" in refused.value.message
    db.session.rollback()
    assert db.session.get(OfficialDocument, second.id).status == DocumentStatus.DRAFT


@pytest.mark.parametrize(("day", "words"), [(date(2026, 3, 17), "sau hôm nay"), (date(2024, 5, 2), "không tồn tại")])
def test_the_day_of_issue_is_checked(app, world, quick_pdf, day, words):
    document = draft(app, world)
    with pytest.raises(RuleViolation) as refused:
        issue(app, world, document, 1, day=day)
    assert refused.value.field == "issued_on" and words in refused.value.message


def test_inspectors_draft_but_only_the_council_and_admins_issue(app, world, quick_pdf):
    document = draft(app, world, actor=world.inspector)
    with pytest.raises(AccessDenied):
        issue(app, world, document, 1, actor=world.inspector)
    db.session.rollback()
    issue(app, world, document, 1, actor=world.admin)
    assert document.issued_by_id == world.admin.id


def test_a_stale_form_cannot_issue_or_regenerate(app, world, quick_pdf):
    document = draft(app, world)
    stale_version = document.version
    services.regenerate(world.council, document, folder=app.config["FILES_FOLDER"], today=TODAY, version=stale_version)
    db.session.commit()
    with pytest.raises(EditConflict):
        services.issue(world.council, document, number=1, issued_on=TODAY, folder=app.config["FILES_FOLDER"],
                       today=TODAY, version=stale_version)


def test_regenerating_a_draft_replaces_its_files_and_removes_the_old_ones(app, world, quick_pdf):
    document = draft(app, world)
    old_path = stored_path(app.config["FILES_FOLDER"], document.docx)
    services.regenerate(world.council, document, folder=app.config["FILES_FOLDER"], today=date(2026, 4, 1),
                        version=document.version)
    db.session.commit()
    assert "01/04/2026" in docx_text(app, document.docx)

    assert not os.path.exists(old_path)
    assert db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "official.regenerate")) == 1


def test_a_correction_is_a_new_draft_naming_the_issued_document(app, world, quick_pdf):
    document = draft(app, world)
    with pytest.raises(RuleViolation):
        services.correct(world.council, document, folder=app.config["FILES_FOLDER"], today=TODAY)
    db.session.rollback()
    issue(app, world, document, 12)
    newer = services.correct(world.council, document, folder=app.config["FILES_FOLDER"], today=TODAY)
    db.session.commit()
    assert newer.replaces_id == document.id and newer.status == DocumentStatus.DRAFT and newer.id != document.id
    assert [doc.id for doc in db.session.get(OfficialDocument, document.id).replaced_by] == [newer.id]
    assert db.session.scalar(select(AuditEntry.summary).where(AuditEntry.action == "official.correct")) \
        .endswith("số 12/TB-HĐTĐKT")
