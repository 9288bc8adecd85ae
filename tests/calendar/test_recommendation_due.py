"""The recommendation form accepts its deadline as "N ngày làm việc" from the date it was issued."""

from datetime import date

from sqlalchemy import select

from inspection.extensions import db
from inspection.findings.models import Recommendation
from tests.findings.builders import make_world


def test_a_recommendation_due_in_working_days_from_its_issue_date(app, login):
    world = make_world()
    client = login(world.member)
    response = client.post(f"/findings/{world.finding.id}/recommendations/new", data={
        "text": "Bổ sung hồ sơ khen thưởng còn thiếu", "issued_on": "04/11/2017", "due": "15 ngày làm việc",
        "responsible_units": "KG"})
    assert response.status_code == 302
    recommendation = db.session.scalar(select(Recommendation).where(
        Recommendation.text == "Bổ sung hồ sơ khen thưởng còn thiếu"))
    # Saturday 04/11/2017: 15 working days later is Friday 24/11/2017
    assert recommendation.current_due == recommendation.original_due == date(2017, 11, 24)


def test_working_days_without_a_start_or_issue_date_are_refused_beside_the_field(app, login):
    world = make_world()
    client = login(world.member)
    page = client.post(f"/findings/{world.finding.id}/recommendations/new", data={
        "text": "Bổ sung hồ sơ", "issued_on": "", "due": "15 ngày làm việc",
        "responsible_units": "KG"}).get_data(as_text=True)
    assert ("Thời hạn thực hiện: Ghi rõ ngày bắt đầu tính, ví dụ “15 ngày làm việc kể từ 04/11/2017”, "
            "hoặc nhập đúng “Ngày ban hành”.") in page
    assert db.session.scalar(select(Recommendation).where(Recommendation.text == "Bổ sung hồ sơ")) is None
