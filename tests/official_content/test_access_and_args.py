"""Loading a document's subject: the acting user's access is checked as on the subject's page (a unit officer
never gets another unit's mission or unit), and a bad or missing argument is a ValueError whose Vietnamese
message names it. Also the Biểu 0603 download's access, and the working days a reminder counts."""

from datetime import date

import pytest
from werkzeug.exceptions import Forbidden, NotFound

from inspection.access import SYSTEM, AccessDenied
from inspection.auth.models import Role
from inspection.council import services as council
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import FindingCategory, Severity
from inspection.official.builders import awards, conclusion, minutes, remediation, reminder, summary
from inspection.official.kinds import KINDS
from tests.factories import make_unit, make_user
from tests.missions.builders import make_mission
from tests.official_content.helpers import column, lines, tables


@pytest.fixture
def world(app):
    unit_a, unit_b = make_unit("Sở Y tế", code="A"), make_unit("Sở Tư pháp", code="B")
    people = {"officer_a": make_user(Role.UNIT_OFFICER, units=[unit_a]),
              "officer_b": make_user(Role.UNIT_OFFICER, units=[unit_b]),
              "inspector": make_user(Role.INSPECTOR), "council": make_user(Role.COUNCIL)}
    mission = make_mission([unit_a], people["inspector"])
    finding = findings.create_finding(SYSTEM, mission, unit=unit_a, category=FindingCategory.COMMUNICATION,
                                      severity=Severity.MODERATE, title="Tuyên truyền còn hạn chế")
    findings.create_recommendation(SYSTEM, finding, text="Đẩy mạnh tuyên truyền", issued_on=date(2017, 12, 1),
                                   due=date(2017, 12, 29), responsible_units=[unit_a])
    session = council.open_session(people["council"], council.SessionDetails(
        title=council.DEFAULT_TITLE, held_on=date(2018, 3, 1), overdue_days=30, place="Trụ sở",
        chaired_by="Nguyễn Văn A – Chủ tịch Hội đồng", participants="Nguyễn Văn A – Chủ tịch Hội đồng"))
    db.session.commit()
    return {"people": people, "unit_a": unit_a, "unit_b": unit_b, "mission": mission, "session": session}


def test_every_kind_is_registered_by_importing_the_builders():
    assert set(KINDS) >= {"conclusion", "reminder", "remediation", "minutes", "summary", "awards"}
    assert {key: KINDS[key].type_code for key in ("conclusion", "reminder", "remediation", "minutes")} == {
        "conclusion": "TB", "reminder": "", "remediation": "BC", "minutes": "BB"}


def test_a_unit_officer_loads_their_own_units_subjects_only(world):
    people, mission, unit_a = world["people"], world["mission"], world["unit_a"]
    for kind in (conclusion.KIND, remediation.KIND):
        assert kind.load(people["officer_a"], {"mission": str(mission.id)}) is mission
        with pytest.raises(Forbidden):
            kind.load(people["officer_b"], {"mission": str(mission.id)})
    assert reminder.KIND.load(people["officer_a"], {"unit": str(unit_a.id)}) is unit_a
    with pytest.raises(Forbidden):
        reminder.KIND.load(people["officer_b"], {"unit": str(unit_a.id)})
    with pytest.raises(AccessDenied):
        awards.KIND.load(people["officer_b"], {"unit": "A"})
    own = awards.KIND.build(awards.KIND.load(people["officer_b"], {"year_from": "2017", "year_to": "2017"}),
                            date(2018, 1, 5))
    assert own.subject == "Kết quả khen thưởng của Sở Tư pháp và các đơn vị trực thuộc, năm thi đua 2017"


def test_the_councils_documents_are_not_a_unit_officers(world):
    people, session = world["people"], world["session"]
    with pytest.raises(Forbidden):
        minutes.KIND.load(people["officer_a"], {"session": str(session.id)})
    with pytest.raises(AccessDenied):
        summary.KIND.load(people["officer_a"], {"year": "2017"})
    assert minutes.KIND.load(people["inspector"], {"session": str(session.id)}) is session
    with pytest.raises(NotFound):
        conclusion.KIND.load(people["council"], {"mission": "999999"})


@pytest.mark.parametrize(("kind", "args", "named"), [
    ("conclusion", {}, "“mission”"),
    ("conclusion", {"mission": "abc"}, "“mission”"),
    ("remediation", {"mission": "99999999999999999999"}, "“mission”"),
    ("reminder", {"unit": "-1"}, "“unit”"),
    ("minutes", {"session": "1.5"}, "“session”"),
    ("summary", {"issued_from": "31/02/2017"}, "“issued_from”"),
    ("summary", {"year": "20x7"}, "“year”"),
    ("summary", {"year": "1700"}, "“year”"),
    ("summary", {"from": "31/02/2017"}, "“from”"),
    ("summary", {"from": "02/01/2018", "to": "01/01/2018"}, "“to”"),
    ("awards", {"year_from": "2018", "year_to": "2017"}, "“year_to”"),
    ("awards", {"unit": "KHONG-CO"}, "“unit”"),
])
def test_a_bad_argument_is_named_in_vietnamese(world, kind, args, named):
    with pytest.raises(ValueError) as refused:
        KINDS[kind].load(world["people"]["council"], args)
    message = str(refused.value)
    assert named in message and ("Tham số" in message or "Thiếu" in message or "Cần" in message), message


def test_the_0603_workbook_is_for_the_report_pages_readers(world, login):
    people = world["people"]
    assert login(people["officer_b"]).get("/nominations/report/bieu-0603.xlsx?unit=A").status_code == 403
    mine = login(people["officer_a"]).get("/nominations/report/bieu-0603.xlsx?unit=A&year_from=2017")
    assert mine.status_code == 200 and mine.mimetype.endswith("spreadsheetml.sheet")
    bad = login(people["council"]).get("/nominations/report/bieu-0603.xlsx?year_from=2018&year_to=2017")
    assert bad.status_code == 302 and "/nominations/report?" in bad.headers["Location"]
    page = login(people["council"]).get(bad.headers["Location"]).get_data(as_text=True)
    assert "Năm cuối phải không nhỏ hơn năm đầu." in page


def test_a_reminder_counts_the_working_days_a_recommendation_is_late(world):
    """Due Friday 29/12/2017; on Friday 05/01/2018 it is 7 days late but 4 working days (weekend, 01/01)."""
    letter = reminder.KIND.build(world["unit_a"], date(2018, 1, 5))
    [late] = tables(letter, "CÁC KIẾN NGHỊ QUÁ HẠN")
    assert column(late, "Số ngày làm việc quá hạn") == ["4"]
    assert column(late, "Thời hạn") == ["29/12/2017"]
    early = reminder.KIND.build(world["unit_a"], date(2017, 12, 20))
    [soon] = tables(early, "CÁC KIẾN NGHỊ SẮP ĐẾN HẠN")
    assert column(soon, "Số ngày làm việc còn lại") == ["7"]  # 21, 22, 25, 26, 27, 28, 29 December
    assert tables(early, "CÁC KIẾN NGHỊ QUÁ HẠN") == []


def test_the_conclusion_notice_cites_the_decision_establishing_the_team(world):
    notice = conclusion.KIND.build(world["mission"], date(2018, 1, 5))
    assert notice.preamble[0] == ("Căn cứ Quyết định số 1317/QĐ-UBND ngày 20/10/2017 của Hội đồng Thi đua – Khen "
                                  "thưởng Trung ương về việc thành lập Đoàn kiểm tra;")
    assert notice.preamble[-1] == "Hội đồng Thi đua – Khen thưởng Trung ương thông báo kết luận kiểm tra như sau:"
    assert lines(notice, "KẾT QUẢ KIỂM TRA") == ["1. Ưu điểm", "Không ghi nhận ưu điểm riêng.", "2. Tồn tại, hạn chế",
                                                 "Tuyên truyền còn hạn chế."]
    assert notice.recipients == ("Sở Y tế", "Thành viên Đoàn kiểm tra")
