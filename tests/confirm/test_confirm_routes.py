"""Every action that cannot be undone asks first (inspection/confirm.py): posted without `confirmed=1` it
changes nothing and answers with a Vietnamese confirmation page naming the record, whose "Xác nhận" button
posts the same fields again; posted with it, the action happens."""

import re
from datetime import date
from html import unescape

import pytest
from sqlalchemy import func, select

from inspection.access import SYSTEM
from inspection.auth.models import Role, User, UserSession
from inspection.calendar import services as calendar
from inspection.calendar.models import CalendarDay, DayKind
from inspection.council import services as council
from inspection.council.models import Decision, ReviewItem, ReviewSession, SessionStatus
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import FindingCategory, Severity
from inspection.groups.models import GroupMember, MemberRole
from inspection.missions import services as missions
from inspection.missions.models import Mission, MissionMember, MissionStatus, TeamRole
from inspection.nominations.links import finding_dossiers
from inspection.nominations.models import Dossier, DossierStatus
from inspection.responses import deadlines
from inspection.responses.models import DueDateChange, ExtensionStatus
from inspection.saved_filters import services as saved_filters
from inspection.saved_filters.lists import LISTS
from inspection.saved_filters.models import SavedFilter
from tests.factories import make_group, make_unit, make_user
from tests.missions.builders import make_mission
from tests.nominations.builders import make_dossier

#: every endpoint that asks first; a new destructive route must join (see the sweep below)
CONFIRMED_ENDPOINTS = {
    "admin.deactivate_user", "admin.end_user_sessions", "auth.end_my_session", "auth.end_my_other_sessions",
    "calendar.remove_day", "council.close", "council.decide", "council.remove_item", "groups.remove_member",
    "missions.change_status", "missions.remove_member", "nominations.change_status", "nominations.unlink",
    "responses.decide_extension", "responses.withdraw_extension", "saved_filters.delete",
    "jobs.cancel",  # its cases: tests/searchscale/test_job_cancel_confirm.py (a job needs the queue)
    "official.issue",  # its case: tests/official/test_views.py (a document needs its kind and issuer)
}
#: POST routes whose name says they destroy, end or decide something for good
DESTRUCTIVE = re.compile(r"/(delete|remove|close|unlink|end(-[a-z]+)?|deactivate|lock|withdraw|decision|revoke)$")


def _scalar(statement):
    db.session.expire_all()
    return db.session.scalar(statement)


class World:
    """One record of each kind an irreversible action applies to, and the people who may act on them."""

    def __init__(self, app):
        unit, other = make_unit("Sở Văn hóa và Thể thao", code="SVHTT"), make_unit("Sở Tư pháp", code="STP")
        self.admin, self.council = make_user(Role.ADMIN), make_user(Role.COUNCIL)
        self.member = make_user(Role.INSPECTOR, full_name="Trần Văn Kiểm")
        self.officer = make_user(Role.UNIT_OFFICER, units=[unit])
        self.victim = make_user(Role.INSPECTOR, full_name="Lê Thị Khóa")
        self.mission = make_mission([unit], self.member, status=MissionStatus.IN_PROGRESS)
        self.extra = missions.add_member(SYSTEM, self.mission, role=TeamRole.MEMBER, outsider_name="Phạm Văn Ngoài")
        self.ending = make_mission([other], self.member, status=MissionStatus.CONCLUDED, title="Đoàn sắp đóng")
        self.finding = findings.create_finding(SYSTEM, self.mission, unit=unit, category=FindingCategory.COMMUNICATION,
                                               severity=Severity.MODERATE, title="Tuyên truyền còn hạn chế")
        recs = [findings.create_recommendation(SYSTEM, self.finding, text=f"Kiến nghị {n}", issued_on=date(2017, 12, 1),
                                               due=date(2030, 6, 30), responsible_units=[unit]) for n in (1, 2, 3)]
        self.withdrawn = deadlines.request_extension(self.officer, recs[0], unit, date(2030, 9, 30), "Chưa kịp")
        self.decided = deadlines.request_extension(self.officer, recs[1], unit, date(2030, 10, 31), "Chưa kịp")
        self.dossier = make_dossier(unit, code="HS-2017-0042", status=DossierStatus.PENDING_DECISION)
        self.linked = make_dossier(unit, code="HS-2017-0043")
        db.session.execute(finding_dossiers.insert(), [{"finding_id": self.finding.id, "dossier_id": self.linked.id}])
        self.review = council.open_session(self.council, council.SessionDetails(
            title="Phiên họp tháng 3", held_on=date(2030, 3, 15), participants="Chủ tịch Hội đồng", overdue_days=30))
        self.items = council.add_items(self.council, self.review, [recs[2].id])
        self.closing = council.open_session(self.council, council.SessionDetails(
            title="Phiên họp tháng 4", held_on=date(2030, 4, 15), participants="Chủ tịch Hội đồng", overdue_days=30))
        self.saved = saved_filters.save_filter(self.council, LISTS["register"], "Quá hạn", "overdue=y")
        self.day = calendar.add_day(self.admin, date(2030, 4, 29), DayKind.DAY_OFF, "Nghỉ bù")
        self.group = make_group(name="Khối các sở", members=[(unit, MemberRole.LEADER), (other, MemberRole.MEMBER)])
        db.session.commit()


@pytest.fixture
def world(app):
    return World(app)


def _cases(w: World) -> list[tuple]:
    """(name, who acts, URL, form, the state the action changes, words the question names)."""
    item, group_member, extra_id = w.items[0], w.group.members[1], w.extra.id
    item_id, number = item.id, item.recommendation.number
    return [
        ("close session", w.council, f"/council/sessions/{w.closing.id}/close",
         {"close-version": w.closing.version, "close-minutes_ref": "05/BB-HĐTĐKT", "close-conclusion": "Kết luận"},
         lambda: _scalar(select(ReviewSession.status).where(ReviewSession.id == w.closing.id)) == SessionStatus.CLOSED,
         "Kết thúc phiên họp “Phiên họp tháng 4” ngày 15/04/2030"),
        ("decide item", w.council, f"/council/sessions/{w.review.id}/items/{item.id}/decision",
         {f"item{item.id}-decision": "defer", f"item{item.id}-note": "Chờ báo cáo",
          f"item{item.id}-version": item.version},
         lambda: _scalar(select(ReviewItem.decision).where(ReviewItem.id == item_id)) != Decision.PENDING,
         f"kiến nghị số {number}"),
        ("remove item", w.council, f"/council/sessions/{w.review.id}/items/{item.id}/remove", {},
         lambda: _scalar(select(func.count(ReviewItem.id)).where(ReviewItem.id == item_id)) == 0,
         f"Bỏ kiến nghị số {number}"),
        ("delete saved filter", w.council, f"/saved-filters/{w.saved.id}/delete", {"query": "overdue=y"},
         lambda: _scalar(select(func.count(SavedFilter.id))) == 0, "Xóa bộ lọc “Quá hạn”"),
        ("lock user", w.admin, f"/admin/users/{w.victim.id}/deactivate", {},
         lambda: not _scalar(select(User.is_active_account).where(User.id == w.victim.id)),
         "Khóa tài khoản Lê Thị Khóa"),
        ("end user sessions", w.admin, f"/admin/users/{w.victim.id}/end-sessions", {},
         lambda: _live_sessions(w.victim) == 0, "Kết thúc mọi phiên đăng nhập của Lê Thị Khóa"),
        ("unlink dossier", w.member, f"/nominations/findings/{w.finding.id}/dossiers/{w.linked.id}/unlink",
         {"back": "finding"}, lambda: _scalar(select(func.count()).select_from(finding_dossiers)) == 0,
         "Bỏ liên kết hồ sơ HS-2017-0043"),
        ("award dossier", w.council, f"/nominations/dossiers/{w.dossier.id}/status",
         {"target": "awarded", "decision_ref": "2417/QĐ-UBND", "decision_date": "01/12/2017",
          "version": w.dossier.version},
         lambda: _scalar(select(Dossier.status).where(Dossier.id == w.dossier.id)) == DossierStatus.AWARDED,
         "Chuyển hồ sơ HS-2017-0042 sang “Đã khen thưởng”"),
        ("close mission", w.member, f"/missions/{w.ending.id}/status", {"target": "closed"},
         lambda: _scalar(select(Mission.status).where(Mission.id == w.ending.id)) == MissionStatus.CLOSED,
         "Kết thúc đoàn kiểm tra “Đoàn sắp đóng”"),
        ("remove team member", w.member, f"/missions/{w.mission.id}/members/{extra_id}/remove", {},
         lambda: _scalar(select(func.count(MissionMember.id)).where(MissionMember.id == extra_id)) == 0,
         "Bỏ Phạm Văn Ngoài"),
        ("remove group member", w.admin, f"/groups/{w.group.id}/members/{group_member.id}/remove", {},
         lambda: _scalar(select(func.count(GroupMember.id))) == 1, "Bỏ Sở Tư pháp khỏi Khối các sở"),
        ("delete calendar day", w.admin, f"/calendar/days/{w.day.id}/delete", {},
         lambda: _scalar(select(func.count(CalendarDay.id))) == 0, "Xóa ngày nghỉ 29/04/2030"),
        ("withdraw extension", w.officer, f"/extensions/{w.withdrawn.id}/withdraw", {},
         lambda: _status(w.withdrawn) == ExtensionStatus.WITHDRAWN, "Rút đề nghị gia hạn đến 30/09/2030"),
        ("decide extension", w.member, f"/extensions/{w.decided.id}/decision",
         {f"dec{w.decided.id}-decision": "approve", f"dec{w.decided.id}-note": "Đồng ý"},
         lambda: _status(w.decided) == ExtensionStatus.APPROVED, "đề nghị gia hạn đến 31/10/2030"),
    ]


def _live_sessions(user) -> int:
    return _scalar(select(func.count(UserSession.id)).where(UserSession.user_id == user.id,
                                                             UserSession.ended_at.is_(None)))


def _status(change: DueDateChange) -> ExtensionStatus:
    return _scalar(select(DueDateChange.status).where(DueDateChange.id == change.id))


def _text(response) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def _reposted(response) -> dict[str, str]:
    html = response.get_data(as_text=True)
    form = html[html.index('<form method="post"', html.index('id="confirm-title"')):]
    form = form[:form.index("</form>")]
    return {unescape(name): unescape(value)
            for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)}


@pytest.mark.parametrize("index", range(14))
def test_each_irreversible_action_asks_first_and_acts_once_confirmed(world, login, index):
    name, who, url, form, done, words = _cases(world)[index]
    client = login(who)
    if name == "end user sessions":
        login(world.victim)

    asked = client.post(url, data=form)

    assert asked.status_code == 200, name
    assert not done(), f"{name}: changed before confirmation"
    page = _text(asked)
    assert words in page and "Xác nhận" in page and "Quay lại" in page, (name, page[:600])
    reposted = _reposted(asked)
    assert reposted == {key: str(value) for key, value in form.items()} | {"confirmed": "1"}, name
    again = client.post(url, data=reposted)
    assert again.status_code in (200, 302), name
    assert done(), f"{name}: not done after confirmation"


def test_the_case_list_covers_every_confirmed_endpoint(world, app):
    cases = _cases(world)
    assert len(cases) == 14
    asking = {rule.endpoint for rule in app.url_map.iter_rules()
              if hasattr(app.view_functions[rule.endpoint], "confirmation")}
    assert asking == CONFIRMED_ENDPOINTS


def test_every_destructive_post_route_asks_first(app):
    """A new route called …/delete, …/remove, …/close, …/end… cannot forget to ask."""
    destructive = {rule.endpoint for rule in app.url_map.iter_rules()
                   if "POST" in rule.methods and DESTRUCTIVE.search(rule.rule)}
    assert destructive <= CONFIRMED_ENDPOINTS, destructive - CONFIRMED_ENDPOINTS


def test_the_confirmation_page_keeps_the_csrf_token_and_going_back_changes_nothing(world, login, app):
    client = login(world.council)
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get("/recommendations/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert 'data-confirm-title="Xóa bộ lọc “Quá hạn”?"' in page  # the dialog's words on the list page
    asked = client.post(f"/saved-filters/{world.saved.id}/delete", data={"csrf_token": token, "query": ""})
    assert asked.status_code == 200 and _reposted(asked)["csrf_token"] == token
    assert 'href="/recommendations/"' in asked.get_data(as_text=True)  # "Quay lại"
    assert _scalar(select(func.count(SavedFilter.id))) == 1
    assert client.post(f"/saved-filters/{world.saved.id}/delete", data=_reposted(asked)).status_code == 302
    assert _scalar(select(func.count(SavedFilter.id))) == 0


def test_a_move_that_is_not_final_needs_no_confirmation(world, login):
    client = login(world.member)
    response = client.post(f"/missions/{world.ending.id}/status", data={"target": "in_progress"})
    assert response.status_code == 302
    assert _scalar(select(Mission.status).where(Mission.id == world.ending.id)) == MissionStatus.IN_PROGRESS


def test_people_who_may_not_act_are_refused_before_any_question(world, login):
    officer = login(world.officer)
    assert officer.post(f"/council/sessions/{world.review.id}/close").status_code == 403
    assert officer.post(f"/nominations/findings/{world.finding.id}/dossiers/{world.linked.id}/unlink").status_code \
        == 403
    stranger = make_user(Role.UNIT_OFFICER, units=[make_unit()])
    db.session.commit()
    outsider = login(stranger)
    assert outsider.post(f"/extensions/{world.withdrawn.id}/withdraw").status_code == 403
    assert login(world.member).post(f"/saved-filters/{world.saved.id}/delete").status_code == 403


def test_the_question_follows_the_language(world, login):
    client = login(world.council)
    client.post("/language", data={"locale": "en"})
    page = _text(client.post(f"/council/sessions/{world.review.id}/close", data={}))
    assert "Confirm" in page and "Back" in page and "Xác nhận" not in page
