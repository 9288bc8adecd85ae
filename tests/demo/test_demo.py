"""The demo data set: Kiên Giang 2017 and the 2025 reorganisation, and synthetic data at scale."""

from datetime import date

from sqlalchemy import func, select

from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.groups.models import EmulationGroup, GroupMember
from inspection.units import queries
from inspection.units.models import Unit, UnitEvent


def _unit(code: str) -> Unit:
    return db.session.scalar(select(Unit).where(Unit.code == code))


def test_demo_load_builds_kien_giang_and_its_successors(app, runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    kien_giang, an_giang = _unit("KG"), _unit("AG")
    assert kien_giang.name == "UBND tỉnh Kiên Giang" and kien_giang.valid_to == date(2025, 6, 30)
    assert queries.current_successors(kien_giang, date(2026, 11, 29)) == [an_giang]
    merger = db.session.scalar(select(UnitEvent).where(UnitEvent.effective_date == date(2025, 7, 1),
                                                       UnitEvent.kind == "merge")
                               .order_by(UnitEvent.id))
    assert str(merger.legal_basis) == "202/2025/QH15"
    phu_quoc = _unit("KG-PQ")
    assert phu_quoc.name_on(date(2017, 11, 30)) == "UBND huyện Phú Quốc"
    assert phu_quoc.name == "UBND thành phố Phú Quốc"
    assert {u.code for u in queries.current_successors(phu_quoc, date(2026, 1, 1))} == {"AG-DK-PQ", "AG-DK-TC"}
    kien_luong = _unit("KG-KL")
    assert len(queries.current_successors(kien_luong, date(2026, 1, 1))) >= 2
    assert _unit("KG-SNV") and _unit("KG-BTDKT").parent.code == "KG-SNV"


def test_demo_has_2017_clusters_and_blocks_and_one_account_per_role(app, runner):
    runner.invoke(args=["demo", "load"])
    groups_2017 = db.session.scalar(select(func.count()).select_from(EmulationGroup).where(EmulationGroup.year == 2017))
    assert groups_2017 >= 6
    leaders = db.session.scalar(select(func.count()).select_from(GroupMember).where(GroupMember.role == "leader"))
    assert leaders == db.session.scalar(select(func.count()).select_from(EmulationGroup))
    accounts = {u.username: u for u in db.session.scalars(select(User))}
    assert {name: accounts[name].role for name in ("admin", "council", "inspector", "unit")} == {
        "admin": Role.ADMIN, "council": Role.COUNCIL, "inspector": Role.INSPECTOR, "unit": Role.UNIT_OFFICER}
    assert all(user.check_password("demo-password") for user in accounts.values())
    assert {u.code for u in accounts["unit"].units} == {"KG", "AG"}


def test_demo_load_if_empty_runs_once(app, runner):
    runner.invoke(args=["demo", "load", "--if-empty"])
    count = db.session.scalar(select(func.count()).select_from(Unit))
    second = runner.invoke(args=["demo", "load", "--if-empty"])
    assert second.exit_code == 0 and "bỏ qua" in second.output
    assert db.session.scalar(select(func.count()).select_from(Unit)) == count


def test_generate_is_deterministic_and_sized(app, runner):
    result = runner.invoke(args=["demo", "generate", "--units", "250", "--seed", "7"])
    assert result.exit_code == 0, result.output
    first = [(u.code, u.name) for u in db.session.scalars(select(Unit).order_by(Unit.code))]
    leaders = _leader_codes()
    assert len(first) == 250 and sum(1 for code, _ in first if code.endswith(("P01", "P02", "P03"))) == 3
    again = runner.invoke(args=["demo", "generate", "--units", "250", "--seed", "7"])
    assert "bỏ qua" in again.output
    db.session.execute(GroupMember.__table__.delete())
    db.session.execute(EmulationGroup.__table__.delete())
    from inspection.units.models import UnitName

    db.session.execute(UnitName.__table__.delete())
    db.session.execute(Unit.__table__.delete())
    db.session.commit()
    runner.invoke(args=["demo", "generate", "--units", "250", "--seed", "7"])
    assert [(u.code, u.name) for u in db.session.scalars(select(Unit).order_by(Unit.code))] == first
    assert _leader_codes() == leaders


def _leader_codes() -> list[str]:
    query = (select(Unit.code).join(GroupMember, GroupMember.unit_id == Unit.id)
             .join(EmulationGroup).where(GroupMember.role == "leader")
             .order_by(EmulationGroup.year, EmulationGroup.name))
    return list(db.session.scalars(query))


def test_demo_has_the_2017_mission_and_its_follow_up(app, runner):
    from inspection.findings.models import Finding, Recommendation
    from inspection.missions.models import Mission, SelfReport, WorkingSession
    from inspection.responses.models import DueDateChange

    runner.invoke(args=["demo", "load"])
    mission = db.session.scalar(select(Mission))
    assert mission.status == "concluded" and mission.issuing_body == "Hội đồng Thi đua – Khen thưởng Trung ương"
    assert [m.display_name for m in mission.members if m.role == "head"] == ["Lại Xuân Môn"]
    assert str(db.session.scalar(select(SelfReport)).ref) == "280/BC-UBND"
    assert db.session.scalar(select(WorkingSession)).held_on == date(2017, 11, 4)
    titles = set(db.session.scalars(select(Finding.title)))
    assert "Phát hiện, tổ chức nhân rộng mô hình, điển hình tiên tiến chưa cao" in titles
    recommendations = list(db.session.scalars(select(Recommendation)))
    statuses = {r.verified_status for r in recommendations}
    assert "implemented" in statuses and "open" in statuses
    assert any(share.status == "reported_done" and r.verified_status == "open"
               for r in recommendations for share in r.responsibilities)
    overdue = [r for r in recommendations if r.is_open and r.current_due < date(2026, 11, 29)]
    assert len(overdue) >= 2
    granted = db.session.scalar(select(DueDateChange))
    assert granted.status == "approved" and granted.previous_due != granted.granted_due
    open_shares = [s for r in recommendations if r.is_open for s in r.responsibilities]
    assert {s.unit.code for s in open_shares} <= {"AG", "AG-SNV"}  # moved to the 2025 successors
    assert all(s.transferred_from is not None for s in open_shares)
