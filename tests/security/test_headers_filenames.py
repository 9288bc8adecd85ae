"""The name a download is saved under (RFC 6266): an ASCII `filename` for old clients, the exact name as
UTF-8 `filename*`; control and format characters and folders left out; never empty, never too long
(inspection/files/names.py: the same rule as for an upload's name)."""

import pytest

from inspection.downloads import FALLBACK_NAME, content_disposition
from tests.security.test_headers_downloads import names


@pytest.mark.parametrize(("name", "plain", "full"), [
    ("Kế hoạch 2017.xlsx", "Ke hoach 2017.xlsx", "Kế hoạch 2017.xlsx"),
    ("Đề án; 100%.pdf", "De an; 100_.pdf", "Đề án; 100%.pdf"),
    ("C:\\Users\\x\\bien-ban.pdf", "bien-ban.pdf", "bien-ban.pdf"),
    ("Ba\u0301o ca\u0301o.pdf", "Bao cao.pdf", "Báo cáo.pdf"),  # NFD from a Mac keeps its marks, composed
    ("", FALLBACK_NAME, FALLBACK_NAME),
    (None, FALLBACK_NAME, FALLBACK_NAME),
    (" . \x00\r\n", FALLBACK_NAME, FALLBACK_NAME),
])
def test_the_header_names_the_file_for_old_and_new_clients(name, plain, full):
    assert names(content_disposition(name)) == ("attachment", plain, full)


def test_a_very_long_name_keeps_its_extension():
    full = names(content_disposition("Báo cáo " * 100 + ".docx"))[2]
    assert len(full) <= 255 and full.endswith(".docx")
