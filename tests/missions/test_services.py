"""Mission services: transitions, team rules, date order, stale edits, and the audit trail."""

from datetime import date

import pytest
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.audit import AuditEntry
from inspection.auth.models import Role
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.missions import services, session_services
from inspection.missions.models import MissionKind, MissionStatus, TeamRole
from inspection.missions.services import PlanDetails
from inspection.rules import EditConflict, RuleViolation
from tests.factories import make_group, make_unit, make_user
from tests.missions.builders import add_self_report, add_session, details, make_mission, pdf_upload


def _entries(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def test_creating_a_mission_makes_the_creator_a_member_and_is_audited(app):
    province = make_unit("UBND tỉnh Kiên Giang", code="KG")
    inspector = make_user(Role.INSPECTOR)
    mission = make_mission([province], inspector, role=TeamRole.HEAD)
    assert mission.status == MissionStatus.DRAFT
    assert [(m.user_id, m.role) for m in mission.members] == [(inspector.id, TeamRole.HEAD)]
    entry = _entries("mission.create")[0]
    assert entry.actor_id == inspector.id and entry.target_id == mission.id
    assert entry.after["units"] == ["KG"] and entry.after["decision_ref"] == "1317/QĐ-UBND"
    assert entry.after["period_from"] == "2016-11-06" and entry.before is None


@pytest.mark.parametrize("path", [
    [MissionStatus.PLANNED, MissionStatus.IN_PROGRESS, MissionStatus.CONCLUDED, MissionStatus.CLOSED],
    [MissionStatus.PLANNED, MissionStatus.DRAFT, MissionStatus.PLANNED],
    [MissionStatus.PLANNED, MissionStatus.IN_PROGRESS, MissionStatus.CONCLUDED, MissionStatus.IN_PROGRESS],
])
def test_legal_moves_follow_the_transition_table(app, path):
    mission = make_mission([make_unit()])
    for target in path:
        services.change_status(SYSTEM, mission, target)
    assert mission.status == path[-1]
    assert [entry.after["status"] for entry in _entries("mission.status")] == [step.value for step in path]


@pytest.mark.parametrize(("start", "target"), [
    (MissionStatus.DRAFT, MissionStatus.IN_PROGRESS),
    (MissionStatus.DRAFT, MissionStatus.CLOSED),
    (MissionStatus.IN_PROGRESS, MissionStatus.CLOSED),
    (MissionStatus.CLOSED, MissionStatus.IN_PROGRESS),
])
def test_illegal_moves_are_refused_with_a_message(app, start, target):
    mission = make_mission([make_unit()], status=start)
    with pytest.raises(RuleViolation, match="Không thể chuyển trạng thái"):
        services.change_status(SYSTEM, mission, target)
    assert mission.status == start


def test_concluding_records_the_conclusion_notice_before_and_after(app):
    mission = make_mission([make_unit()], status=MissionStatus.IN_PROGRESS)
    services.change_status(SYSTEM, mission, MissionStatus.CONCLUDED, conclusion_ref=parse_ref("15/TB-HĐTĐKT"),
                           conclusion_date=date(2017, 12, 15))
    entry = _entries("mission.status")[-1]
    assert entry.before == {"status": "in_progress", "conclusion_ref": None, "conclusion_date": None}
    assert entry.after == {"status": "concluded", "conclusion_ref": "15/TB-HĐTĐKT", "conclusion_date": "2017-12-15"}
    assert "Đang tiến hành" in entry.summary and "Đã kết luận" in entry.summary


def test_a_conclusion_dated_before_the_decision_is_refused(app):
    mission = make_mission([make_unit()], status=MissionStatus.IN_PROGRESS)
    with pytest.raises(RuleViolation, match="không thể trước ngày quyết định") as refused:
        services.change_status(SYSTEM, mission, MissionStatus.CONCLUDED, conclusion_date=date(2017, 1, 1))
    assert refused.value.field == "conclusion_date"


@pytest.mark.parametrize(("overrides", "field"), [
    ({"period_from": date(2017, 11, 5), "period_to": date(2016, 11, 6)}, "period_to"),
    ({"planned_start": date(2017, 11, 30), "planned_end": date(2017, 11, 1)}, "planned_end"),
    ({"units": []}, "unit_codes"),
    ({"kind": MissionKind.CROSS, "group": None}, "group_id"),
    ({"title": "  "}, "title"),
])
def test_mission_details_are_checked(app, overrides, field):
    values = {"units": [make_unit()]} | overrides
    with pytest.raises(RuleViolation) as refused:
        services.create_mission(SYSTEM, details(**values))
    assert refused.value.field == field
    assert _entries("mission.create") == []


def test_a_cross_inspection_names_its_group(app):
    unit = make_unit()
    group = make_group(year=2017, name="Cụm thi đua số V", members=[(unit, "leader")])
    mission = services.create_mission(SYSTEM, details([unit], kind=MissionKind.CROSS, group=group))
    assert mission.group_id == group.id
    assert _entries("mission.create")[0].after["group"] == "Cụm thi đua số V"


def test_an_edit_from_a_stale_form_is_refused_with_what_differs(app):
    unit, other = make_unit(code="KG"), make_unit(code="AG")
    mission = make_mission([unit])
    opened_at = mission.version
    services.update_mission(SYSTEM, mission, details([unit], title="Đoàn A"), opened_at)
    db.session.flush()
    with pytest.raises(EditConflict) as conflict:
        services.update_mission(SYSTEM, mission, details([other], title="Đoàn B"), opened_at)
    assert ("title", "Đoàn A", "Đoàn B") in conflict.value.changes
    assert ("units", "KG", "AG") in conflict.value.changes
    assert mission.title == "Đoàn A"
    assert len(_entries("mission.update")) == 1


def test_an_edit_is_audited_with_before_and_after(app):
    unit, added = make_unit(code="KG"), make_unit(code="AG")
    mission = make_mission([unit])
    services.update_mission(SYSTEM, mission, details([unit, added], planned_end=date(2017, 12, 5)), mission.version)
    entry = _entries("mission.update")[0]
    assert entry.before["units"] == ["KG"] and entry.after["units"] == ["KG", "AG"]
    assert entry.before["planned_end"] == "2017-11-30" and entry.after["planned_end"] == "2017-12-05"


def test_a_team_has_at_most_one_head(app):
    head = make_user(Role.INSPECTOR, full_name="Lại Xuân Môn")
    mission = make_mission([make_unit()], head, role=TeamRole.HEAD)
    with pytest.raises(RuleViolation, match="đã có trưởng đoàn") as refused:
        services.add_member(SYSTEM, mission, role=TeamRole.HEAD, outsider_name="Nguyễn Văn A")
    assert refused.value.field == "role"
    services.add_member(SYSTEM, mission, role=TeamRole.DEPUTY, outsider_name="Nguyễn Văn A", position="Phó Trưởng Ban")
    assert [m.display_name for m in mission.members] == ["Lại Xuân Môn", "Nguyễn Văn A"]


def test_member_rules(app):
    creator = make_user(Role.INSPECTOR)
    officer = make_user(Role.UNIT_OFFICER)
    mission = make_mission([make_unit()], creator)
    with pytest.raises(RuleViolation, match="đã là thành viên"):
        services.add_member(SYSTEM, mission, role=TeamRole.MEMBER, user=creator)
    with pytest.raises(RuleViolation, match="không thể là thành viên đoàn"):
        services.add_member(SYSTEM, mission, role=TeamRole.MEMBER, user=officer)
    with pytest.raises(RuleViolation, match="chỉ một trong hai"):
        services.add_member(SYSTEM, mission, role=TeamRole.MEMBER)
    with pytest.raises(RuleViolation, match="ít nhất một thành viên có tài khoản"):
        services.remove_member(SYSTEM, mission, mission.members[0])


def test_adding_and_removing_members_is_audited_on_the_mission(app):
    creator, colleague = make_user(Role.INSPECTOR), make_user(Role.COUNCIL, full_name="Trần Thị B")
    mission = make_mission([make_unit()], creator)
    member = services.add_member(creator, mission, role=TeamRole.SECRETARY, user=colleague)
    services.remove_member(creator, mission, member)
    added, removed = _entries("mission.member_add")[0], _entries("mission.member_remove")[0]
    assert added.target_id == mission.id
    assert added.after["member"] == "Trần Thị B" and added.after["role"] == "secretary"
    assert removed.before["member"] == "Trần Thị B" and removed.after is None
    assert [m.user_id for m in mission.members] == [creator.id]


def test_a_closed_mission_cannot_be_changed(app):
    unit = make_unit()
    mission = make_mission([unit], status=MissionStatus.CLOSED)
    with pytest.raises(RuleViolation, match="đã kết thúc"):
        services.update_mission(SYSTEM, mission, details([unit]), mission.version)
    with pytest.raises(RuleViolation, match="đã kết thúc"):
        add_session(mission, unit)


def test_sessions_check_their_unit_and_minutes_date(app):
    unit, foreign = make_unit(), make_unit()
    mission = make_mission([unit])
    with pytest.raises(RuleViolation) as wrong_unit:
        add_session(mission, foreign)
    assert wrong_unit.value.field == "unit_id"
    with pytest.raises(RuleViolation, match="Ngày biên bản") as early:
        add_session(mission, unit, minutes_date=date(2017, 11, 3))
    assert early.value.field == "minutes_date"


def test_session_changes_and_attachments_are_audited(app):
    unit = make_unit(code="KG")
    mission = make_mission([unit])
    session = add_session(mission, unit, minutes_ref=parse_ref("01/BB-ĐKT"))
    limits = session_services.FileLimits(folder=app.config["FILES_FOLDER"], max_bytes=1024 * 1024)
    updated = session_services.SessionDetails(held_on=date(2017, 11, 4), unit=unit, place="Hội trường UBND tỉnh")
    session_services.update_session(SYSTEM, session, updated, [pdf_upload("Biên bản.pdf")], limits,
                                    version=session.version)
    created, edited, attached = (_entries(action)[0] for action in ("session.create", "session.update",
                                                                    "session.attach"))
    assert created.after["minutes_ref"] == "01/BB-ĐKT" and created.after["unit"] == "KG"
    assert edited.before["place"] == "Trụ sở UBND tỉnh Kiên Giang" and edited.after["place"] == "Hội trường UBND tỉnh"
    assert attached.after == {"files": ["Biên bản.pdf"]}
    assert [stored.original_name for stored in session.files] == ["Biên bản.pdf"]


def test_a_unit_officer_files_a_self_report_only_for_their_own_unit(app):
    own, other = make_unit("UBND tỉnh Kiên Giang"), make_unit("UBND tỉnh An Giang")
    officer = make_user(Role.UNIT_OFFICER, units=[own])
    mission = make_mission([own, other])
    report = add_self_report(mission, own, actor=officer, app=app, with_file=True)
    assert report.file.original_name == "Báo cáo 280.pdf"
    entry = _entries("self_report.create")[0]
    assert entry.actor_id == officer.id and entry.after["ref"] == "280/BC-UBND"
    with pytest.raises(RuleViolation) as refused:
        add_self_report(mission, other, actor=officer)
    assert refused.value.field == "unit_id"


def test_plans_are_audited(app):
    unit = make_unit(code="KG")
    plan = services.create_plan(SYSTEM, PlanDetails(year=2017, title="Kế hoạch kiểm tra năm 2017",
                                                  ref=parse_ref("64/KH-HĐTĐKT"), units=[unit]))
    services.update_plan(SYSTEM, plan, PlanDetails(year=2018, title="Kế hoạch kiểm tra năm 2018"), plan.version)
    created, updated = _entries("plan.create")[0], _entries("plan.update")[0]
    assert created.after["ref"] == "64/KH-HĐTĐKT" and created.after["units"] == ["KG"]
    assert updated.before["year"] == 2017 and updated.after["year"] == 2018 and updated.after["units"] == []
    with pytest.raises(RuleViolation):
        services.update_plan(SYSTEM, plan, PlanDetails(year=2017, title=""), plan.version)
