"""The register, the recommendation page and the mission findings slot run the same number of queries
with 10 and with 60 recommendations (and with one or six responsible units)."""

from datetime import date

from flask import render_template

from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.findings import services
from inspection.findings.mission_panel import mission_findings_context
from inspection.findings.models import FollowUpAction, UnitStatus, VerificationMethod, VerifiedStatus
from tests.factories import make_unit
from tests.findings.builders import make_finding, make_recommendation, make_session


def _add_recommendations(world, count: int, units_each: int = 2) -> None:
    """`count` recommendations over several findings and units, some with actions, some verified."""
    extra = [make_unit(f"Sở thử {index}") for index in range(units_each)]
    world.mission.units.extend(extra)
    session = make_session(world.mission)
    for index in range(count):
        if index % 5 == 0:
            finding = make_finding(world.mission, [world.own, *extra][index % (len(extra) + 1)])
            finding.session = session
        rec = make_recommendation(finding, [world.own, *extra[: units_each - 1]])
        rec.responsibilities[0].actions.append(FollowUpAction(what=f"Biện pháp {index}", progress=index % 100))
        rec.responsibilities[0].status = UnitStatus.IN_PROGRESS
        if index % 3 == 0:
            services.verify(SYSTEM, rec, VerifiedStatus.PARTIAL, VerificationMethod.DESK_REVIEW, None,
                            version=rec.version)
    db.session.commit()


def _counts(count_queries, client, path: str) -> int:
    client.get(path)  # warm up: the login, caches of the app
    with count_queries() as counter:
        assert client.get(path).status_code == 200
    return counter.count


def test_the_register_runs_a_fixed_number_of_queries(world, login, count_queries):
    council, officer = login(world.council), login(world.own_officer)
    _add_recommendations(world, 9)
    few = [_counts(count_queries, client, "/recommendations/") for client in (council, officer)]
    filtered_few = _counts(count_queries, council, "/recommendations/?overdue=y&unit=KG&sort=mission")
    _add_recommendations(world, 50)
    many = [_counts(count_queries, client, "/recommendations/") for client in (council, officer)]
    filtered_many = _counts(count_queries, council, "/recommendations/?overdue=y&unit=KG&sort=mission")
    assert many == few and filtered_many == filtered_few
    # Ceiling = the page's fixed query budget (measured 12 to 14 on SQLite, plus a small margin).
    assert max(*many, filtered_many) <= 16


def test_the_recommendation_page_runs_a_fixed_number_of_queries(world, login, count_queries):
    member, officer = login(world.member), login(world.own_officer)
    _add_recommendations(world, 9, units_each=1)
    small = world.recommendation.id
    few = [_counts(count_queries, client, f"/recommendations/{small}") for client in (member, officer)]
    _add_recommendations(world, 50, units_each=6)
    rec = make_recommendation(world.finding, [world.own, *world.mission.units[-5:]], issued_on=date(2017, 12, 2))
    for share in rec.responsibilities:
        share.actions.extend(FollowUpAction(what=f"Việc {n}") for n in range(3))
    db.session.commit()
    assert len(rec.responsibilities) == 6
    many = [_counts(count_queries, client, f"/recommendations/{rec.id}") for client in (member, officer)]
    assert many == few
    # Ceiling = the page's fixed query budget (measured 18 and 20 on SQLite, plus a small margin).
    assert max(many) <= 22


def _slot_queries(app, world, count_queries, user) -> tuple[int, str]:
    with app.test_request_context(), count_queries() as counter:
        context = mission_findings_context(world.mission, user)
        html = render_template("findings/_mission_findings.html", **context)
    return counter.count, html


def test_the_mission_findings_slot_runs_a_fixed_number_of_queries(app, world, count_queries):
    _add_recommendations(world, 9)
    db.session.expire_all()
    few = [_slot_queries(app, world, count_queries, user) for user in (world.member, world.own_officer)]
    _add_recommendations(world, 50)
    db.session.expire_all()
    many = [_slot_queries(app, world, count_queries, user) for user in (world.member, world.own_officer)]
    assert [count for count, _html in many] == [count for count, _html in few]
    # Ceiling = the slot's fixed query budget (measured 11 on SQLite, plus a small margin).
    assert max(count for count, _html in many) <= 13
    html = many[0][1]
    assert "Thêm kết quả kiểm tra" in html and "Nhân rộng mô hình còn hạn chế" in html
    assert "Thêm kết quả kiểm tra" not in many[1][1]


def test_the_slot_groups_by_unit_and_shows_a_unit_officer_only_their_items(app, world):
    make_recommendation(make_finding(world.mission, world.own, title="Phát hiện chung"), [world.foreign],
                        text="Kiến nghị giao Cà Mau")
    db.session.commit()
    for user, sees in ((world.member, True), (world.own_officer, True), (world.foreign_officer, False)):
        with app.test_request_context():
            html = render_template("findings/_mission_findings.html", **mission_findings_context(world.mission, user))
        assert ("Kiến nghị giao Cà Mau" in html) is True
        assert ("Đẩy mạnh nhân rộng điển hình tiên tiến" in html) is sees
        assert "UBND tỉnh Kiên Giang" in html and "Quá hạn" in html
