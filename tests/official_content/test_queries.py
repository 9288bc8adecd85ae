"""No N+1: a document reads what it needs in a fixed number of queries, whatever the number of findings,
recommendations, responsible units, follow-up actions and evidence files. Also what the remediation report says
of a unit's actions and evidence."""

from datetime import date

import pytest

from inspection.access import SYSTEM
from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import FindingCategory, Severity
from inspection.official import builders  # noqa: F401  (registers the kinds)
from inspection.official.kinds import KINDS
from inspection.responses import services as responses
from tests.factories import make_unit, make_user
from tests.missions.builders import make_mission, pdf_upload
from tests.official_content.helpers import docx_text, lines

#: SQL statements to load and build any one document (the summary, the biggest, runs the dashboard's queries)
CEILING = 20
DAY = date(2018, 6, 1)


def _world(app, size: int) -> dict:
    units = [make_unit(f"Sở thử {n}", code=f"S{size}{n}") for n in range(2)]
    officer, inspector = make_user(Role.UNIT_OFFICER, units=units), make_user(Role.INSPECTOR)
    council = make_user(Role.COUNCIL)
    mission = make_mission(units, inspector)
    for n in range(size):
        finding = findings.create_finding(SYSTEM, mission, unit=units[0], category=FindingCategory.COMMUNICATION,
                                          severity=Severity.MODERATE, title=f"Tồn tại số {n}")
        rec = findings.create_recommendation(SYSTEM, finding, text=f"Khắc phục tồn tại số {n}",
                                             issued_on=date(2017, 12, 1), due=date(2018, 3, 30),
                                             responsible_units=units)
        for share in rec.responsibilities:
            responses.add_action(officer, share, f"Biện pháp {n} của {share.unit.name}", who="Phòng TĐKT",
                                 due=date(2018, 3, 15), progress=50)
        responses.post_message(officer, rec, "Gửi minh chứng", unit=units[0], files=[pdf_upload(f"minh-chung-{n}.pdf")],
                               folder=app.config["FILES_FOLDER"], max_bytes=1024 * 1024)
    db.session.commit()
    return {"mission": mission.id, "unit": units[0].id, "council": council.id}


def _args(world: dict) -> dict[str, dict]:
    return {"conclusion": {"mission": str(world["mission"])}, "remediation": {"mission": str(world["mission"])},
            "reminder": {"unit": str(world["unit"])}, "summary": {"year": "2017"}, "awards": {"year_from": "2017"}}


def _council(world: dict) -> User:
    return db.session.get(User, world["council"])


def _statements(count_queries, world: dict, key: str) -> int:
    db.session.expunge_all()  # nothing already loaded: the count is what a request would run
    actor = _council(world)
    with count_queries() as counter:
        KINDS[key].build(KINDS[key].load(actor, _args(world)[key]), DAY)
    return counter.count


@pytest.mark.parametrize("key", ["conclusion", "remediation", "reminder", "summary", "awards"])
def test_a_document_runs_a_fixed_number_of_queries(app, count_queries, key):
    small = _statements(count_queries, _world(app, 2), key)
    large = _statements(count_queries, _world(app, 8), key)
    assert small == large <= CEILING, (small, large)


def test_the_remediation_report_lists_each_units_actions_and_evidence(app):
    world = _world(app, 2)
    content = KINDS["remediation"].build(KINDS["remediation"].load(_council(world), _args(world)["remediation"]), DAY)
    items = lines(content, "KẾT QUẢ THỰC HIỆN TỪNG KIẾN NGHỊ")
    first = items[:items.index(next(item for item in items if item.startswith("2. ")))]
    assert first[0].startswith("1. Kiến nghị KN-01/") and first[0].endswith("Khắc phục tồn tại số 0")
    assert "Biện pháp khắc phục: Biện pháp 0 của Sở thử 0; tiến độ 50%; hạn 15/03/2018; thực hiện: Phòng TĐKT." \
        in first
    assert "Minh chứng: minh-chung-0.pdf." in first and "Kết quả xác minh: Chưa kết luận." in first
    assert "Minh chứng: minh-chung-0.pdf." in docx_text(content)
