"""Each of the six kinds, built from the 2017 Kiên Giang demo through the issuing services (the demo's issuer
settings), opens and converts cleanly in LibreOffice headless; page 1 of each PDF is not blank and its text is the
document's (the award report with 5.549 and 57,89%, the conclusion with the article's shortcomings)."""

import subprocess
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from inspection.council.models import ReviewSession
from inspection.documents.official.docx import to_docx
from inspection.documents.official.pdf import to_pdf
from inspection.documents.official.preview import page_grey
from inspection.extensions import db
from inspection.official import issuers
from inspection.official.kinds import KINDS
from inspection.official.rendering import official_doc
from inspection.timeutil import today_vn
from inspection.units.queries import unit_by_code
from tests.official_content.helpers import user
from tests.official_content.test_demo_documents import KG_2017, demo, the_2017_mission  # noqa: F401 (fixture)


def demo_args() -> dict[str, dict[str, str]]:
    session = db.session.scalar(select(ReviewSession))
    return {"conclusion": {"mission": str(the_2017_mission().id)},
            "remediation": {"mission": str(the_2017_mission().id)},
            "reminder": {"unit": str(unit_by_code("AG").id)}, "minutes": {"session": str(session.id)},
            "summary": {"year": "2017"}, "awards": KG_2017}


def pdf_text(pdf: bytes) -> str:
    return " ".join(subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                                   check=True).stdout.decode().split())


def six_pdfs() -> dict[str, bytes]:
    council, profile, today = user("council"), issuers.default_profile(), today_vn()
    docs = {}
    for key, args in demo_args().items():
        kind = KINDS[key]
        docs[key] = to_docx(official_doc(kind.build(kind.load(council, args), today), profile, year=today.year))
    with ThreadPoolExecutor(max_workers=3) as pool:  # conversions in parallel: each has its own profile
        return dict(zip(docs, pool.map(to_pdf, docs.values()), strict=True))


def test_each_kind_converts_in_libreoffice_with_its_figures_and_a_page_one_that_is_not_blank(demo):  # noqa: F811
    """One test (one demo load, the six conversions three at a time): LibreOffice is the slow part."""
    pdfs = six_pdfs()
    assert set(pdfs) == set(KINDS) - {key for key in KINDS if key.startswith("test-")}
    for key, pdf in pdfs.items():
        assert pdf.startswith(b"%PDF"), key
        page = page_grey(pdf, 1, dpi=40)
        ink = page.dark(0, 0, page.width, page.height) / (page.width * page.height)
        assert 0.01 < ink < 0.3, f"{key}: page 1 looks blank or black ({ink:.1%} dark)"
        text = pdf_text(pdf)
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "HỘI ĐỒNG THI ĐUA" in text, key
        assert "An Giang, ngày" in text and "DỰ THẢO" in text, key
    awards = pdf_text(pdfs["awards"])
    assert "5.549" in awards and "57,89% (1.973/3.408)" in awards and "4.767" in awards
    notice = pdf_text(pdfs["conclusion"])
    assert "TỒN TẠI" in notice.upper() and "KIẾN NGHỊ" in notice
    assert "Kính gửi" in pdf_text(pdfs["reminder"]) and "V/v" in pdf_text(pdfs["reminder"])
