"""The one import pipeline, the same for units, groups and dossiers: upload → preview → confirm through the
real pages; a bad row blocks the confirmation and writes nothing; the stored upload is confirmed once, by its
owner, from the same bytes."""

import io
import re

import pytest
from sqlalchemy import func, select

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.files.models import StoredFile
from inspection.files.services import stored_path
from inspection.imports.models import ImportUpload
from tests.imports.files import page_text
from tests.imports.jobrun import after_jobs
from tests.imports.pipeline_world import CASES, prepare

KINDS = sorted(CASES)


def post_file(client, case, data: bytes, name: str = "tep.xlsx"):
    """The upload and, its preview job run, the preview page."""
    return after_jobs(client, client.post(case.upload_path, data={**case.fields, "file": (io.BytesIO(data), name)},
                                          content_type="multipart/form-data"))


def confirm(client, path: str, token: str | None, follow: bool = True):
    """The confirmation and, its job run, where it lands."""
    return after_jobs(client, client.post(path, data={"token": token}), follow)


def token_in(response) -> str | None:
    found = re.search(r'name="token" type="hidden" value="([0-9a-f]{32})"', response.get_data(as_text=True))
    return found.group(1) if found else None


def kept_uploads() -> int:
    return db.session.scalar(select(func.count()).select_from(ImportUpload))


@pytest.fixture
def admin(client_as):
    return client_as(Role.ADMIN)


@pytest.mark.parametrize("kind", KINDS)
def test_upload_preview_confirm(admin, kind):
    case = CASES[kind]
    prepare(kind)
    before = case.committed()

    preview = post_file(admin, case, case.good_file())

    text = page_text(preview)
    assert preview.status_code == 200 and "Xem trước: nhập" in text
    assert "Mới 2 Cập nhật 0 Không đổi 0 Lỗi 0" in text
    assert case.committed() == before and kept_uploads() == 1  # kept in the file store, nothing written yet
    confirmed = confirm(admin, case.confirm_path, token_in(preview))
    assert case.done_text in page_text(confirmed)
    assert case.committed() == before + 2
    assert kept_uploads() == 0 and db.session.scalar(select(func.count()).select_from(StoredFile)) == 0


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_row_blocks_the_confirmation_and_writes_nothing(admin, kind):
    case = CASES[kind]
    prepare(kind)
    before = case.committed()

    preview = post_file(admin, case, case.bad_file())

    html = preview.get_data(as_text=True)
    row, column = case.error
    assert "Tệp có 1 lỗi ở 1 dòng. Chưa ghi gì vào cơ sở dữ liệu" in page_text(preview)
    assert f"<tr><td>{row}</td><td class=\"text-nowrap\">{column}</td>" in html
    assert token_in(preview) is None and "Xác nhận nhập" not in html
    assert case.committed() == before and kept_uploads() == 0


@pytest.mark.parametrize("kind", KINDS)
def test_a_confirmation_counts_once(admin, kind):
    case = CASES[kind]
    prepare(kind)
    token = token_in(post_file(admin, case, case.good_file()))
    confirm(admin, case.confirm_path, token)
    again = confirm(admin, case.confirm_path, token)
    assert "Tệp đã tải lên không còn" in page_text(again)
    assert case.committed() == 2


def test_a_file_changed_in_the_store_after_its_preview_is_refused(admin, app):
    case = CASES["units"]
    token = token_in(post_file(admin, case, case.good_file()))
    upload = db.session.scalar(select(ImportUpload))
    with open(stored_path(app.config["FILES_FOLDER"], upload.file), "wb") as handle:
        handle.write(case.bad_file())

    response = confirm(admin, case.confirm_path, token)

    assert "Tệp đã tải lên bị thay đổi sau khi tải lên; chưa ghi gì." in page_text(response)
    assert case.committed() == 0


def test_an_upload_is_confirmed_only_on_its_own_page(admin):
    """A dossier upload's token posted to the units page is refused: each page confirms its own kinds."""
    case = CASES["dossiers"]
    prepare("dossiers")
    token = token_in(post_file(admin, case, case.good_file()))

    response = confirm(admin, "/import/confirm", token)

    assert "Tệp đã tải lên không còn" in page_text(response) and case.committed() == 0
    assert confirm(admin, case.confirm_path, token, follow=False).status_code == 302
    assert case.committed() == 2
