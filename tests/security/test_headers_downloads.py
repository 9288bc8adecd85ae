"""Every file leaves the portal as an attachment under a safe name with a sandboxing policy: an evidence
file whose name carries quotes, a right-to-left override, line breaks or NUL (rows stored before names
were cleaned) still downloads, with one clean Content-Disposition and nothing injected after it."""

import re
from urllib.parse import unquote

import pytest
from sqlalchemy import select
from werkzeug.http import parse_options_header

from inspection.extensions import db
from inspection.responses.models import Evidence
from tests.responses.builders import PDF_BYTES
from tests.security.headers_world import build_world
from tests.security.test_headers_endpoints import DOWNLOAD_POLICY

#: RFC 6266: the ASCII name quoted (no quote or backslash inside), the UTF-8 name percent-encoded
DISPOSITION = re.compile(r"""(attachment); filename="([ !#-\[\]-~]*)"; filename\*=UTF-8''([A-Za-z0-9%._~-]+)""")


def names(disposition: str) -> tuple[str, str, str]:
    """(kind, the ASCII filename, the UTF-8 filename*) as a browser reads them."""
    match = DISPOSITION.fullmatch(disposition)
    assert match, disposition
    assert parse_options_header(disposition)[1]["filename"] == unquote(match.group(3))  # as werkzeug reads it
    return match.group(1), match.group(2), unquote(match.group(3))


@pytest.fixture
def world(app):
    return build_world(app)


def download(client, evidence: Evidence):
    return client.get(f"/evidence/{evidence.id}/download")


def test_evidence_downloads_as_a_sandboxed_attachment_without_the_spoofing_character(login, world):
    evidence = db.session.scalars(select(Evidence)).one()
    response = download(login(world.scene.officer), evidence)

    assert response.status_code == 200 and response.data == PDF_BYTES
    assert response.headers["Content-Security-Policy"] == DOWNLOAD_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert names(response.headers["Content-Disposition"]) == (
        "attachment", 'Bien ban _so 1_ fdp.exe.pdf', 'Biên bản "số 1" fdp.exe.pdf')


@pytest.mark.parametrize(("stored_name", "expected"), [
    ("Báo cáo\r\nSet-Cookie: session=stolen.pdf", "Báo cáoSet-Cookie: session=stolen.pdf"),
    ("Báo cáo\x0b280.pdf", "Báo cáo280.pdf"), ("../../instance/config.py", "config.py"),
    ("\u202e\r\n", "tep-tai-ve")])
def test_an_old_row_with_a_hostile_name_still_downloads_cleanly(login, world, stored_name, expected):
    evidence = db.session.scalars(select(Evidence)).one()
    evidence.file.original_name = stored_name
    db.session.commit()

    response = download(login(world.scene.officer), evidence)

    assert response.status_code == 200 and response.data == PDF_BYTES
    assert "Set-Cookie" not in response.headers or "stolen" not in response.headers["Set-Cookie"]
    assert len(response.headers.getlist("Content-Disposition")) == 1
    kind, plain, full = names(response.headers["Content-Disposition"])
    assert kind == "attachment" and full == expected
    assert not any(char in full + plain for char in "\r\n\x0b\u202e/\\")


def test_a_nul_in_a_stored_name_is_left_out(app, login, world):
    if db.engine.dialect.name == "postgresql":
        pytest.skip("PostgreSQL refuses NUL in text: such a row cannot exist there")
    evidence = db.session.scalars(select(Evidence)).one()
    evidence.file.original_name = "Biên\x00bản.pdf"
    db.session.commit()

    response = download(login(world.scene.officer), evidence)

    assert response.status_code == 200
    assert names(response.headers["Content-Disposition"])[1:] == ("Bienban.pdf", "Biênbản.pdf")
