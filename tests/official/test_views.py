"""The pages: buttons, creating, the document page, downloads (bytes and hash), issuing through the form, the
list scoped like the records, the job for large kinds and the issuers' settings."""

import hashlib
import re
import subprocess
from datetime import date

import pytest
from sqlalchemy import select

from inspection.access import Need, may
from inspection.audit import AuditEntry
from inspection.documents.issuer_profiles import IssuerProfile
from inspection.extensions import db
from inspection.official.models import DocumentStatus, OfficialDocument
from inspection.timeutil import today_vn
from tests.factories import make_unit
from tests.jobs.run_here import run_queued_jobs
from tests.official.conftest import LETTER, NOTICE


def create(client, world, kind=NOTICE, **args):
    args = args or {"mission": world.mission.id}
    return client.post("/documents/new", data={"kind": kind, **args})


def created(client, world, **kwargs) -> OfficialDocument:
    response = create(client, world, **kwargs)
    assert response.status_code == 302, response.get_data(as_text=True)
    document_id = int(re.search(r"/documents/(\d+)$", response.headers["Location"]).group(1))
    return db.session.get(OfficialDocument, document_id)


def issue(client, document, number, day=None):
    return client.post(f"/documents/{document.id}/issue", data={
        "number": number, "issued_on": (day or today_vn()).strftime("%d/%m/%Y"), "version": document.version,
        "confirmed": "1"})


def test_the_mission_page_offers_its_kinds_and_the_button_makes_a_draft(app, world, login, quick_pdf):
    council = login(world.council)
    page = council.get(f"/missions/{world.mission.id}").get_data(as_text=True)
    assert 'data-official-buttons="mission"' in page and f'value="{NOTICE}"' in page and LETTER not in page
    unit_page = council.get(f"/units/{world.unit_a.id}").get_data(as_text=True)
    assert f'value="{LETTER}"' in unit_page
    document = created(council, world)
    detail = council.get(f"/documents/{document.id}").get_data(as_text=True)
    assert document.docx.sha256 in detail and document.pdf.sha256 in detail and "Dự thảo" in detail
    assert f'/missions/{world.mission.id}"' in detail  # the subject's link
    download = council.get(f"/documents/{document.id}/docx")
    assert download.status_code == 200 and hashlib.sha256(download.data).hexdigest() == document.docx.sha256
    assert "attachment" in download.headers["Content-Disposition"]
    officer_page = login(world.officer_a).get(f"/missions/{world.mission.id}").get_data(as_text=True)
    assert "data-official-buttons" not in officer_page


def test_an_issued_document_downloads_byte_identical_later(app, world, login):
    """The one test with real conversions: the draft and the issued document, their PDFs read back."""
    council = login(world.council)
    document = created(council, world)
    assert issue(council, document, 4).status_code == 302
    db.session.expire_all()
    document = db.session.get(OfficialDocument, document.id)
    assert document.status == DocumentStatus.ISSUED and document.reference == "04/TB-HĐTĐKT"
    first = council.get(f"/documents/{document.id}/pdf").data
    later = login(world.officer_a).get(f"/documents/{document.id}/pdf").data
    assert first == later and hashlib.sha256(later).hexdigest() == document.pdf.sha256
    text = subprocess.run(["pdftotext", "-", "-"], input=later, capture_output=True, check=True).stdout.decode()
    assert "TB-HĐTĐKT" in text and "Đẩy mạnh tuyên truyền" in text


def test_a_changed_stored_file_is_not_handed_out(app, world, login, quick_pdf):
    council = login(world.council)
    document = created(council, world)
    with open(f"{app.config['FILES_FOLDER']}/{document.pdf.stored_name}", "ab") as handle:
        handle.write(b"x")
    response = council.get(f"/documents/{document.id}/pdf")
    assert response.status_code == 302
    assert "SHA-256" in council.get(response.headers["Location"]).get_data(as_text=True)


def test_issuing_the_same_number_twice_is_refused_beside_the_number(app, world, login, quick_pdf):
    council = login(world.council)
    first, second = created(council, world), created(council, world)
    assert issue(council, first, 9).status_code == 302
    refused = issue(council, second, 9)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "Số văn bản 09/TB-HĐTĐKT năm" in page and "10/TB-HĐTĐKT" in page
    db.session.expire_all()
    assert db.session.get(OfficialDocument, second.id).status == DocumentStatus.DRAFT
    again = issue(council, db.session.get(OfficialDocument, first.id), 11)  # a second click on the first
    assert again.status_code == 200 and db.session.get(OfficialDocument, first.id).number == 9


def test_issuing_asks_first_and_acts_once_confirmed(app, world, login, quick_pdf):
    council = login(world.council)
    document = created(council, world)
    form = {"number": "2", "issued_on": today_vn().strftime("%d/%m/%Y"), "version": str(document.version)}
    asked = council.post(f"/documents/{document.id}/issue", data=form)
    assert asked.status_code == 200 and "Xác nhận" in asked.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(OfficialDocument, document.id).status == DocumentStatus.DRAFT
    assert council.post(f"/documents/{document.id}/issue", data=form | {"confirmed": "1"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(OfficialDocument, document.id).reference == "02/TB-HĐTĐKT"


def test_who_may_do_what(app, world, login, quick_pdf):
    inspector = login(world.inspector)
    document = created(inspector, world)
    assert issue(inspector, document, 1).status_code == 403
    officer_a, officer_b = login(world.officer_a), login(world.officer_b)
    assert create(officer_a, world).status_code == 403
    assert officer_a.get(f"/documents/{document.id}").status_code == 403  # a draft stays with the drafting side
    assert officer_a.get(f"/documents/{document.id}/docx").status_code == 403
    assert issue(login(world.council), document, 1).status_code == 302
    assert officer_a.get(f"/documents/{document.id}").status_code == 200
    assert officer_b.get(f"/documents/{document.id}").status_code == 403
    assert officer_b.get(f"/documents/{document.id}/pdf").status_code == 403
    assert officer_a.post(f"/documents/{document.id}/correct").status_code == 403
    assert login(world.admin).get("/documents/999999").status_code == 404


def test_the_list_is_scoped_like_the_records_and_filters(app, world, login, quick_pdf, count_queries):
    council = login(world.council)
    notices = [created(council, world) for _ in range(3)]
    letter_b = created(council, world, kind=LETTER, unit=world.unit_b.id)
    for number, document in enumerate([*notices[:2], letter_b], start=1):
        assert issue(council, db.session.get(OfficialDocument, document.id), number).status_code == 302
    db.session.expire_all()
    everything = list(db.session.scalars(select(OfficialDocument)))
    for user in (world.council, world.inspector, world.officer_a, world.officer_b):
        client = login(user)
        page = client.get("/documents/").get_data(as_text=True)
        listed = {int(found) for found in re.findall(r'href="/documents/(\d+)"', page)}
        assert listed == {doc.id for doc in everything if may(user, doc, Need.VIEW)}, user.role
    officer_a = login(world.officer_a)
    assert len(re.findall(r'href="/documents/\d+"', officer_a.get("/documents/").get_data(as_text=True))) == 2
    by_kind = council.get(f"/documents/?kind={LETTER}").get_data(as_text=True)
    assert re.findall(r'href="/documents/(\d+)"', by_kind) == [str(letter_b.id)]
    assert re.findall(r'href="/documents/(\d+)"', council.get(f"/documents/?unit={world.unit_b.id}")
                      .get_data(as_text=True)) == [str(letter_b.id)]
    assert len(re.findall(r'href="/documents/\d+"', council.get("/documents/?year=2017").get_data(as_text=True))) == 3
    assert council.get("/documents/?year=abc&unit=-1&kind=%00").status_code == 200
    with count_queries() as counter:
        assert council.get("/documents/").status_code == 200
    assert counter.count <= 14, counter.statements


def test_a_large_kind_runs_as_a_job_with_the_progress_page(app, world, login, quick_pdf):
    app.config["OFFICIAL_JOB_KINDS"] = (NOTICE,)
    council = login(world.council)
    response = create(council, world)
    assert response.status_code == 302 and "/documents/jobs/" in response.headers["Location"]
    waiting = council.get(response.headers["Location"]).get_data(as_text=True)
    assert 'role="progressbar"' in waiting and "data-job-reload" in waiting
    assert run_queued_jobs() == 1
    done = council.get(response.headers["Location"])
    assert done.status_code == 302 and re.search(r"/documents/\d+$", done.headers["Location"])
    assert login(world.inspector).get(response.headers["Location"]).status_code == 403  # another user's job


def test_admins_keep_the_issuers_settings_with_the_edit_conflict_check(app, world, login):
    admin = login(world.admin)
    profile = db.session.scalars(select(IssuerProfile)).one()
    form = {"unit": profile.unit.code, "parent_body": "UBND TỈNH AN GIANG", "body": "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
            "symbol": "HĐTĐKT", "place": "An Giang", "signing_form": "kt", "collective": "", "head_title": "CHỦ TỊCH",
            "signer_title": "PHÓ CHỦ TỊCH", "signer_name": "Trần Văn Ký", "recipients": "", "archive": "VT, TĐKT",
            "version": profile.version}
    assert admin.post(f"/documents/issuers/{profile.id}/edit", data=form).status_code == 302
    stale = admin.post(f"/documents/issuers/{profile.id}/edit", data=form | {"signer_name": "Người khác"})
    assert stale.status_code == 200 and "Trần Văn Ký" in stale.get_data(as_text=True)
    bad = admin.post(f"/documents/issuers/{profile.id}/edit", data=form | {"place": "Long Xuyên, An Giang",
                                                                           "version": profile.version + 1})
    assert "Địa danh không được chứa dấu phẩy" in bad.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(IssuerProfile, profile.id).signer_name == "Trần Văn Ký"
    assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.target_type == "issuer_profile")
                             .order_by(AuditEntry.id.desc())) == "official.issuer_edit"
    assert login(world.council).get("/documents/issuers/").status_code == 403
    new_unit = admin.post("/documents/issuers/new", data=form | {"unit": world.unit_b.code})
    assert new_unit.status_code == 302


@pytest.mark.parametrize("missing", ["body", "symbol", "place"])
def test_an_issuer_needs_its_body_symbol_and_place(app, world, login, missing):
    admin = login(world.admin)
    form = {"unit": world.unit_b.code, "body": "X", "symbol": "Y", "place": "Z", "signing_form": "direct",
            "head_title": "GIÁM ĐỐC", "archive": "VT", missing: ""}
    page = admin.post("/documents/issuers/new", data=form)
    assert page.status_code == 200 and "is-invalid" in page.get_data(as_text=True)
    assert db.session.scalar(select(IssuerProfile).where(IssuerProfile.unit_id == world.unit_b.id)) is None


def test_an_issuer_is_a_unit_given_by_code_that_exists_today(app, world, login):
    admin = login(world.admin)
    form = {"body": "X", "symbol": "Y", "place": "Z", "signing_form": "direct", "head_title": "GIÁM ĐỐC",
            "archive": "VT"}
    unknown = admin.post("/documents/issuers/new", data=form | {"unit": "KHONG-CO"}).get_data(as_text=True)
    assert "KHONG-CO" in unknown and "is-invalid" in unknown
    gone = make_unit("Sở Cũ", code="SO-CU", valid_to=date(2025, 6, 30))
    db.session.commit()
    ended = admin.post("/documents/issuers/new", data=form | {"unit": "SO-CU"}).get_data(as_text=True)
    assert "không tồn tại vào ngày" in ended
    assert db.session.scalar(select(IssuerProfile).where(IssuerProfile.unit_id == gone.id)) is None


def test_the_demo_gets_the_provincial_councils_issuer(app, runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    profile = db.session.scalars(select(IssuerProfile)).one()
    assert (profile.unit.code, profile.parent_body, profile.body, profile.symbol, profile.place, profile.archive) == (
        "AG", "UBND TỈNH AN GIANG", "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", "HĐTĐKT", "An Giang", "VT, TĐKT")
    assert date.today()  # the profile is usable at once: no error building its signing block


def test_the_menu_marks_one_place_on_the_issuers_pages_and_on_the_documents(app, world, login):
    admin = login(world.admin)
    active = re.compile(r'class="nav-link[^"]*active[^"]*"[^>]*>\s*([^<]+?)\s*</a>')
    assert active.findall(admin.get("/documents/issuers/").get_data(as_text=True)) == ["Quản trị"]
    assert active.findall(admin.get("/documents/").get_data(as_text=True)) == ["Văn bản"]
