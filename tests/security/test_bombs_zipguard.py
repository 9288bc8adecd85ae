"""The ZIP guard itself (inspection/files/zipguard.py): each bound, sizes that lie, and archives the portal
must keep accepting. Every refusal is fast and holds no more than a few chunks in memory."""

import io
import struct
import zipfile

import pytest

from inspection.files import zipguard
from inspection.files.sniff import ODT, XLSX, detect_type
from tests.security.bombs_build import GIB, MIB, build_zip, measured, opendocument_bomb, real_xlsx

LIMITS = zipguard.ZipLimits(max_members=50, max_inflated=64 * MIB, max_ratio=100)


def _refusal(data: bytes, limits: zipguard.ZipLimits = LIMITS) -> str:
    with pytest.raises(zipguard.UnsafeArchive) as caught:
        zipguard.check(data, limits)
    return caught.value.reason


def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("declared", [MIB, 90 * MIB])
def test_sizes_that_lie_are_caught_while_inflating(declared):
    """The headers claim a modest member (1 MiB; or 90 MiB, within the ratio of 100 for ~1 MB compressed);
    the deflate stream holds 1 GiB. Counting real bytes stops it within a few MB."""
    bomb = opendocument_bomb(GIB, declared=declared)
    limits = zipguard.ZipLimits(max_members=50, max_inflated=300 * MIB, max_ratio=100)
    _, _seconds, peak = measured(lambda: pytest.raises(zipguard.UnsafeArchive, zipguard.check, bomb, limits))
    assert peak < 10 * MIB, peak
    reason = _refusal(bomb, limits)
    assert reason in ("kích thước khai báo trong tệp nén không khớp nội dung thật",
                      "tỉ lệ nén bất thường (hơn 100 lần)")


def test_the_compression_ratio_is_bounded():
    assert _refusal(_zip({"a.xml": b"A" * (8 * MIB)})) == "tỉ lệ nén bất thường (hơn 100 lần)"
    zipguard.check(_zip({"a.xml": b"A" * (512 * 1024)}), LIMITS)  # small parts may compress oddly well


def test_the_total_inflated_size_is_bounded_across_members():
    pieces = {f"part{n}.bin": bytes(range(256)) * (4 * 4096) for n in range(20)}  # 20 × 4 MiB, ratio ~1.5
    assert _refusal(_zip(pieces, zipfile.ZIP_STORED)) == "nội dung giải nén lớn hơn 64 MB"


def test_the_member_count_is_bounded_before_zipfile_reads_the_directory():
    many = _zip({f"x{n}.xml": b"<x/>" for n in range(51)})
    assert _refusal(many) == "tệp nén chứa quá nhiều thành phần (tối đa 50)"
    # an end record claiming few entries over a huge directory: the directory's size gives it away
    end = many.rfind(b"PK\x05\x06")
    lying = many[:end + 8] + struct.pack("<HH", 2, 2) + many[end + 12:]
    wide = zipguard.ZipLimits(max_members=2, max_inflated=64 * MIB, max_ratio=100)
    assert _refusal(lying, wide) == "tệp nén chứa quá nhiều thành phần (tối đa 2)"


def test_encrypted_or_exotic_members_are_refused():
    data = bytearray(_zip({"a.xml": b"<x/>"}, zipfile.ZIP_LZMA))
    assert _refusal(bytes(data)) == "tệp nén dùng mã hóa hoặc kiểu nén không được hỗ trợ"


def test_damaged_archives_are_bad_zips_not_crashes():
    good = _zip({"word/document.xml": b"<w:document/>" * 100})
    for damaged in (good[:-30], good.replace(b"PK\x03\x04", b"PK\x00\x00", 1), b"PK\x03\x04" + b"\x00" * 100):
        with pytest.raises(zipfile.BadZipFile):
            zipguard.check(damaged, LIMITS)
        assert detect_type(damaged[:16], damaged) is None


def test_real_files_pass_and_keep_their_type(app):
    zipguard.check(real_xlsx(["Mã đơn vị", "Tên đơn vị"]))
    assert detect_type(b"PK\x03\x04", real_xlsx(["a"])) == XLSX
    odt = build_zip({"mimetype": [(b"application/vnd.oasis.opendocument.text", 1)],
                     "content.xml": [(b"<office:document-content/>", 1)]})
    assert detect_type(odt[:16], odt) == ODT


def test_the_limits_come_from_the_settings(app):
    app.config.update(ZIP_MAX_MEMBERS=7, ZIP_MAX_INFLATED_BYTES=5 * MIB, ZIP_MAX_RATIO=30)
    assert zipguard.ZipLimits.current() == zipguard.ZipLimits(7, 5 * MIB, 30)
    with pytest.raises(zipguard.UnsafeArchive, match="tối đa 7"):
        zipguard.check(_zip({f"x{n}": b"" for n in range(8)}))
