"""The official documents' test world: real units, a real mission with its findings and recommendations, the
council's issuer profile, and two small kinds of our own built from that data (the six real kinds are the
doccontent slice's): a conclusion-like notice about a mission and a công văn to a unit."""

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select

from inspection.access import SYSTEM, Need, load
from inspection.auth.models import Role
from inspection.documents.issuer_profiles import SigningForm
from inspection.documents.official import pdf as pdf_module
from inspection.documents.official.model import Bullets, Content, Paragraph, Section
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import FindingCategory, Recommendation
from inspection.missions.models import Mission
from inspection.official import issuers, kinds, rendering
from inspection.official.kinds import Kind, SubjectRef
from inspection.params import whole_number
from inspection.units.models import Unit, UnitKind
from tests.factories import make_unit, make_user
from tests.missions.builders import make_mission

NOTICE, LETTER = "test_notice", "test_letter"


def _id(args, name: str) -> int:
    found = whole_number(str(args.get(name, "")))
    if found is None:
        raise ValueError(f"Thiếu hoặc sai “{name}”.")
    return found


def _recommendations(mission: Mission) -> list[Recommendation]:
    from inspection.findings.models import Finding

    return list(db.session.scalars(select(Recommendation).join(Finding).where(Finding.mission_id == mission.id)
                                   .order_by(Recommendation.id)))


def _notice_content(mission: Mission, day: date) -> Content:
    texts = tuple(f"{rec.number}: {rec.text}" for rec in _recommendations(mission))
    return Content(type_code="TB", type_name="THÔNG BÁO", subject=f"Kết luận kiểm tra {mission.title}",
                   sections=(Section("Kiến nghị", (Paragraph(f"Tính đến ngày {day:%d/%m/%Y}:"), Bullets(texts))),),
                   recipients=tuple(unit.name for unit in mission.units))


def _letter_content(unit: Unit, day: date) -> Content:
    return Content(type_code="", type_name="", subject=f"đôn đốc thực hiện kiến nghị của {unit.name}",
                   sections=(Section("Đôn đốc", (Paragraph(f"Đề nghị {unit.name} báo cáo trước {day:%d/%m/%Y}."),)),),
                   addressees=(unit.name,))


NOTICE_KIND = Kind(key=NOTICE, label="Thông báo thử", type_code="TB", subject_type="mission",
                   load=lambda user, args: load(Mission, _id(args, "mission"), Need.VIEW, actor=user),
                   describe=lambda mission: SubjectRef("mission", mission.id, mission.units[0].id,
                                                       f"Thông báo kết luận: {mission.title}", 2017,
                                                       {"mission": str(mission.id)}),
                   build=_notice_content)
LETTER_KIND = Kind(key=LETTER, label="Công văn thử", type_code="", subject_type="unit",
                   load=lambda user, args: load(Unit, _id(args, "unit"), Need.VIEW, actor=user),
                   describe=lambda unit: SubjectRef("unit", unit.id, unit.id, f"Đôn đốc {unit.name}", 2026,
                                                    {"unit": str(unit.id)}),
                   build=_letter_content)


@pytest.fixture(autouse=True)
def test_kinds():
    kinds.register(NOTICE_KIND)
    kinds.register(LETTER_KIND)
    yield
    kinds.KINDS.pop(NOTICE, None)
    kinds.KINDS.pop(LETTER, None)


@pytest.fixture(scope="session")
def one_real_pdf() -> bytes:
    """One real LibreOffice conversion for the session's tests that do not look inside the PDF."""
    from inspection.documents.official.docx import to_docx
    from inspection.documents.official.model import Issuer, OfficialDoc

    doc = OfficialDoc(issuer=Issuer("UBND TỈNH AN GIANG", "HỘI ĐỒNG", "HĐTĐKT", "An Giang"), type_code="TB",
                      type_name="THÔNG BÁO", subject="Thử", sections=(), signers=())
    return pdf_module.to_pdf(to_docx(doc))


@pytest.fixture
def quick_pdf(monkeypatch, one_real_pdf):
    """The PDF step gives the session's one real conversion plus the .docx's length (so that each file differs);
    tests that read the PDF itself use `real_pdf` instead."""
    monkeypatch.setattr(rendering.pdf, "to_pdf", lambda docx: one_real_pdf + f"\n%{len(docx)}\n".encode())


@dataclass
class World:
    unit_a: Unit
    unit_b: Unit
    province: Unit
    mission: Mission
    council: object
    admin: object
    inspector: object
    officer_a: object
    officer_b: object


@pytest.fixture
def world(app) -> World:
    province = make_unit("UBND tỉnh An Giang", code="AG", kind=UnitKind.PROVINCE, valid_from=date(2025, 7, 1))
    unit_a, unit_b = make_unit("Sở Y tế", code="SYT"), make_unit("Sở Tư pháp", code="STP")
    inspector = make_user(Role.INSPECTOR)
    mission = make_mission([unit_a], inspector, title="Kiểm tra công tác TĐKT Sở Y tế năm 2017")
    finding = findings.create_finding(SYSTEM, mission, unit=unit_a, category=FindingCategory.COMMUNICATION,
                                      title="Tuyên truyền còn hạn chế")
    findings.create_recommendation(SYSTEM, finding, text="Đẩy mạnh tuyên truyền gương điển hình tiên tiến",
                                   issued_on=date(2017, 12, 1), due=date(2030, 6, 30), responsible_units=[unit_a])
    issuers.create_profile(SYSTEM, province, issuers.IssuerDetails(
        parent_body="UBND tỉnh An Giang", body="Hội đồng Thi đua – Khen thưởng", symbol="HĐTĐKT", place="An Giang",
        signing_form=SigningForm.TM_KT, collective="Hội đồng", head_title="Chủ tịch", signer_title="Phó Chủ tịch",
        signer_name="Nguyễn Văn Mẫu", recipients="Thường trực UBND tỉnh", archive="VT, TĐKT"))
    world = World(unit_a=unit_a, unit_b=unit_b, province=province, mission=mission,
                  council=make_user(Role.COUNCIL), admin=make_user(Role.ADMIN), inspector=inspector,
                  officer_a=make_user(Role.UNIT_OFFICER, units=[unit_a]),
                  officer_b=make_user(Role.UNIT_OFFICER, units=[unit_b]))
    db.session.commit()
    return world
