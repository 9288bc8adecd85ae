"""The PDF made from the Word file by LibreOffice headless, looked at as a reader would: page 1 as an image (not
blank, Vietnamese letters read back by OCR), page numbers from page 2, fonts embedded, the wide table inside the
margins. Two documents are converted once for the module, at the same time (conversions must not collide)."""

from __future__ import annotations

import pathlib
import re
import subprocess
import tempfile
import threading
import unicodedata

import pytest

from inspection.documents.official.docx import to_docx
from inspection.documents.official.pdf import ConversionError, to_pdf
from inspection.documents.official.preview import Greymap, page_grey, page_png
from tests.official_render import samples

pytestmark = pytest.mark.no_database  # files and certificates only: the same on every database

POINTS_PER_MM = 72 / 25.4
PAGE_WIDTH_PT = 210 * POINTS_PER_MM
LEFT_PT, RIGHT_PT, TOP_PT = 30 * POINTS_PER_MM, (210 - 15) * POINTS_PER_MM, 20 * POINTS_PER_MM
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """{"issued": pdf, "draft": pdf}, converted in two threads at once; the temporary folder left empty."""
    scratch = tmp_path_factory.mktemp("conversions")
    sources = {"issued": to_docx(samples.notice()), "draft": to_docx(samples.notice(draft=True, recommendations=2))}
    results: dict[str, bytes | Exception] = {}

    def convert(name: str) -> None:
        try:
            results[name] = to_pdf(sources[name])
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            results[name] = error

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tempfile, "tempdir", str(scratch))
        threads = [threading.Thread(target=convert, args=(name,)) for name in sources]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert all(isinstance(pdf, bytes) for pdf in results.values()), results
    assert list(scratch.iterdir()) == [], "a conversion left files behind"
    return results


def words(pdf: bytes, page: int) -> list[tuple[float, float, float, float, str]]:
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout.decode()
    return [(float(a), float(b), float(c), float(d), text) for a, b, c, d, text in WORD.findall(out)]


def page_count(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return int(re.search(r"Pages:\s+(\d+)", info)[1])


def test_page_one_is_an_a4_page_with_ink_in_both_heading_columns(rendered):
    page = page_grey(rendered["issued"], 1, dpi=50)
    assert abs(page.width - 210 / 25.4 * 50) <= 1 and abs(page.height - 297 / 25.4 * 50) <= 1
    ink = page.dark(0, 0, page.width, page.height) / (page.width * page.height)
    assert 0.01 < ink < 0.3, f"page 1 looks blank or black ({ink:.1%} dark)"
    band = (round(18 / 25.4 * 50), round(45 / 25.4 * 50))
    middle = page.width * 100 // 210
    assert page.dark(0, band[0], middle, band[1]) > 100, "the issuing body"
    assert page.dark(middle, band[0], page.width, band[1]) > 100, "the national name and motto"
    assert page_png(rendered["issued"], 1, dpi=30).startswith(b"\x89PNG")


def test_pages_from_two_on_carry_their_number_centred_at_the_top_page_one_none(rendered):
    pdf = rendered["issued"]
    assert page_count(pdf) >= 3, "the sample must run over several pages"
    assert [w for w in words(pdf, 1) if w[3] < TOP_PT] == []
    for page in (2, 3):
        top = [w for w in words(pdf, page) if w[3] < TOP_PT]
        assert [w[4] for w in top] == [str(page)]
        centre = (top[0][0] + top[0][2]) / 2
        assert abs(centre - (LEFT_PT + RIGHT_PT) / 2) < 10


def test_fonts_are_embedded_and_all_times_new_roman_or_its_metric_twin(rendered):
    listing = subprocess.run(["pdffonts", "-"], input=rendered["issued"], capture_output=True, check=True)
    rows = [row.split() for row in listing.stdout.decode().splitlines()[2:] if row.strip()]
    assert rows, "no font in the PDF"
    for row in rows:
        name, embedded = row[0], row[-5]
        assert embedded == "yes", f"{name} is not embedded"
        # a font without Vietnamese letters would make LibreOffice fall back to another family for them
        assert re.search(r"(LiberationSerif|TimesNewRoman)", name), f"unexpected font {name}"


def test_the_wide_table_stays_inside_the_margins(rendered):
    pdf = rendered["issued"]
    text = " ".join(w[4] for page in range(1, page_count(pdf) + 1) for w in words(pdf, page))
    assert "375.000.000" in text and "Đến_30/0" in text, "the table's total and its long value are printed"
    for page in range(1, page_count(pdf) + 1):
        outside = [w for w in words(pdf, page) if w[0] < LEFT_PT - 1 or w[2] > RIGHT_PT + 1]
        assert outside == [], f"page {page}: words past the margins"
        image = page_grey(pdf, page, dpi=72)
        assert _margin_ink(image) == 0, f"page {page}: lines or text drawn in the side margins"


def _margin_ink(image: Greymap) -> int:
    per_mm = image.width / 210
    left, right = round((30 - 0.7) * per_mm), round((210 - 15 + 0.7) * per_mm)
    return image.dark(0, 0, left, image.height) + image.dark(right, 0, image.width, image.height)


def ocr(image: Greymap, rows: int, folder: pathlib.Path) -> str:
    picture = folder / "page.pgm"
    picture.write_bytes(b"P5\n%d %d\n255\n" % (image.width, rows) + image.pixels[:image.width * rows])
    out = subprocess.run(["tesseract", str(picture), "-", "-l", "vie"], capture_output=True, check=True)
    return " ".join(unicodedata.normalize("NFC", out.stdout.decode()).split())


def test_vietnamese_letters_are_read_back_from_the_image_of_page_one(rendered, tmp_path):
    """OCR of the rendered pixels (tesseract, Vietnamese): a missing glyph (a box, a blank) or a mark drawn
    apart from its letter would not read back as these words."""
    image = page_grey(rendered["issued"], 1, dpi=300)
    text = ocr(image, rows=round(95 / 25.4 * 300), folder=tmp_path)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "THÔNG BÁO",
                     "Kết luận kiểm tra công tác thi đua, khen thưởng tại Sở Nội vụ", "KHEN THƯỞNG",
                     "An Giang, ngày 05 tháng 02 năm 2027", "Số: 07/TB-HĐTĐKT"):
        assert expected in text, f"“{expected}” not read back from page 1: {text[:400]}"


def test_draft_pdf_is_marked_at_the_top_right_with_blank_number_and_day(rendered):
    top = words(rendered["draft"], 1)
    mark = [w for w in top if w[4] in ("DỰ", "THẢO")]
    assert [w[4] for w in mark] == ["DỰ", "THẢO"]
    assert all(w[0] > PAGE_WIDTH_PT / 2 and w[3] < TOP_PT + 10 for w in mark)
    line = " ".join(w[4] for w in top)
    assert "Số: /TB-HĐTĐKT" in line and "An Giang, ngày tháng năm 2027" in line


def test_not_a_word_file_is_refused_in_vietnamese():
    with pytest.raises(ConversionError, match="không phải văn bản Word"):
        to_pdf(b"%PDF-1.7 not a docx")


def test_a_conversion_past_its_time_is_stopped_whole_and_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(ConversionError, match="trong 0.3 giây"):
        to_pdf(to_docx(samples.minutes()), timeout=0.3)
    assert list(tmp_path.iterdir()) == []
    still_running = [p for p in pathlib.Path("/proc").glob("[0-9]*/cmdline") if _mentions(p, str(tmp_path))]
    assert still_running == [], "soffice outlived the conversion"


def _mentions(cmdline: pathlib.Path, text: str) -> bool:
    try:
        return text in cmdline.read_bytes().decode(errors="replace")
    except OSError:
        return False
