"""Evidence uploads cannot exhaust the server: a 1 MB OpenDocument-looking ZIP whose `mimetype` member inflates
to 1 GiB, posted by a unit officer, is refused in under 2 s with the field named, nothing written, and less than
50 MB more memory; a file name with NUL or control characters is kept clean and still downloads."""

import io
import os
import zipfile
from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from inspection.extensions import db
from inspection.files.models import StoredFile
from inspection.responses.models import Evidence, Message
from tests.responses.builders import PDF_BYTES, Scene
from tests.security.bombs_build import GIB, MIB, measured, opendocument_bomb

#: Python allocations while a bomb is refused (tracemalloc: the same on any machine, unlike a time limit;
#: the time is measured by benchmarks/bombs.py)
MAX_PEAK = 50 * MIB


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return opendocument_bomb(GIB)


@pytest.fixture(scope="module")
def lying_bomb() -> bytes:
    """The same 1 GiB inside, but its headers claim 90 MiB: within the ratio, so only counting catches it."""
    return opendocument_bomb(GIB, declared=90 * MIB)


@pytest.fixture
def scene(app):
    scene = Scene()
    db.session.commit()
    return scene


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _flashes(client) -> list[tuple[str, str]]:
    with client.session_transaction() as session:
        return list(session.get("_flashes", []))


def _post_evidence(client, scene, data: bytes, name: str):
    return client.post(f"/recommendations/{scene.recommendation.id}/messages", content_type="multipart/form-data",
                       data={"msg-body": "Gửi biên bản.", "msg-files": [(io.BytesIO(data), name)]})


def test_the_bomb_is_what_the_issue_describes(bomb):
    assert len(bomb) < 1.1 * MIB
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert archive.getinfo("mimetype").file_size == GIB
        with archive.open("mimetype") as member:
            assert member.read(39) == b"application/vnd.oasis.opendocument.text"


@pytest.mark.parametrize("which", ["bomb", "lying_bomb"])
def test_an_opendocument_bomb_is_refused_in_bounded_memory_naming_the_field(scene, login, app, request, which):
    bomb = request.getfixturevalue(which)
    client = login(scene.officer)
    assert client.get(f"/recommendations/{scene.recommendation.id}").status_code == 200  # warm: templates compiled
    response, _seconds, peak = measured(lambda: _post_evidence(client, scene, bomb, "biên bản.odt"))
    assert response.status_code == 302
    assert peak < MAX_PEAK, f"{peak / MIB:.0f} MB"
    category, text = _flashes(client)[0]
    assert category == "danger" and text.startswith("Tệp minh chứng")
    assert "“biên bản.odt” bị từ chối" in text and "bom nén" in text
    assert (_count(Message), _count(Evidence), _count(StoredFile)) == (0, 0, 0)
    folder = app.config["FILES_FOLDER"]
    assert not os.path.isdir(folder) or os.listdir(folder) == []


def test_a_good_opendocument_file_is_still_accepted(scene, login):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>" + "<text:p>Biên bản</text:p>" * 5000)
    response = _post_evidence(login(scene.officer), scene, buffer.getvalue(), "biên bản.odt")
    assert response.status_code == 302
    stored = db.session.scalars(select(StoredFile)).one()
    assert stored.content_type == "application/vnd.oasis.opendocument.text"


@pytest.mark.parametrize("sent, kept", [
    ("bi\x00ên bản.pdf", "biên bản.pdf"),
    ("Báo\x0bcáo\r\n quý\u202e 3.pdf", "Báocáo quý 3.pdf"),
    ("../../" + "Đ" * 300 + ".pdf", "Đ" * 251 + ".pdf"),
])
def test_control_characters_never_reach_the_database_and_the_file_downloads(scene, login, sent, kept):
    client = login(scene.officer)
    assert _post_evidence(client, scene, PDF_BYTES, sent).status_code == 302
    evidence = db.session.scalars(select(Evidence)).one()
    assert evidence.file.original_name == kept and evidence.title == kept
    download = client.get(f"/evidence/{evidence.id}/download")
    assert download.status_code == 200 and download.data == PDF_BYTES
    assert f"filename*=UTF-8''{quote(kept)}" in download.headers["Content-Disposition"]
