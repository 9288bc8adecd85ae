"""Issue #9, "integers ≥ 2^63 in ids or page/mission/group/year, /missions/?year=-1, a blank group_rank,
add-numbers=99999999999999999999: 198 × 500": each case retried; a 404 or a message beside the field, never a 500."""

import pytest
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.models import Dossier
from tests.council.builders import make_scene
from tests.factories import make_group, make_unit, make_user
from tests.jobs.run_here import export_file
from tests.nominations.builders import make_dossier

HUGE = [2**63, 2**64, 10**20]


@pytest.fixture
def scene(app):
    scene = make_scene()
    scene.recommendation = scene.rec(scene.open_session().held_on)
    scene.group = make_group(members=[(scene.unit, "leader")])
    scene.dossier = make_dossier(scene.unit)
    db.session.commit()
    return scene


@pytest.fixture
def admin(scene, login):
    return login(scene.admin)


OBJECT_URLS = ["/missions/{}", "/recommendations/{}", "/findings/{}", "/units/{}/edit", "/nominations/dossiers/{}",
               "/groups/{}", "/council/sessions/{}", "/admin/users/{}/edit", "/evidence/{}/download",
               "/notifications/{}/open", "/missions/sessions/{}", "/plans/{}"]


@pytest.mark.parametrize("number", HUGE)
def test_an_id_past_2_63_in_an_object_url_is_not_found(admin, number):
    for pattern in OBJECT_URLS:
        # /notifications/<id>/open has a GET and a POST rule: werkzeug answers 405 when one rule's method
        # differs and the other's id is refused, which is still a refusal and never a 5xx
        expected = (404, 405) if pattern.endswith("/open") else (404,)
        assert admin.get(pattern.format(number)).status_code in expected, pattern


@pytest.mark.parametrize("number", HUGE)
def test_an_id_past_2_63_in_a_post_url_is_not_found(admin, scene, number):
    assert admin.post(f"/council/sessions/{number}/close").status_code == 404
    assert admin.post(f"/council/sessions/1/items/{number}/remove").status_code == 404
    assert admin.post(f"/nominations/dossiers/{number}/hold").status_code == 404


@pytest.mark.parametrize("number", [2**31 - 1, 2**31, 2**63 - 1])
def test_ids_at_the_bounds_of_postgresql_integer_are_not_found(admin, number):
    """2^31 - 1 is the largest id the id columns hold on PostgreSQL; past it the query failed there."""
    for pattern in OBJECT_URLS:
        # /notifications/<id>/open has a GET and a POST rule: werkzeug answers 405 when one rule's method
        # differs and the other's id is refused, which is still a refusal and never a 5xx
        expected = (404, 405) if pattern.endswith("/open") else (404,)
        assert admin.get(pattern.format(number)).status_code in expected, pattern


@pytest.mark.parametrize("year", ["-1", "0", str(2**63), "99999999999999999999", "²"])
def test_a_year_that_cannot_be_is_ignored_on_the_lists(admin, scene, year):
    missions = admin.get("/missions/", query_string={"year": year})
    assert missions.status_code == 200 and scene.mission.title in missions.get_data(as_text=True)
    for path in ("/groups/", "/plans/", "/groups/new"):
        assert admin.get(path, query_string={"year": year}).status_code == 200, path


@pytest.mark.parametrize("page", [str(2**63), str(2**64), "-1", "0", "abc", "²"])
def test_a_page_that_cannot_exist_is_not_found(admin, page):
    for path in ("/missions/", "/recommendations/", "/nominations/", "/units/", "/notifications/", "/admin/users",
                 "/admin/audit", "/council/sessions/"):
        assert admin.get(path, query_string={"page": page}).status_code == 404, path


@pytest.mark.parametrize("number", [str(2**63), "99999999999999999999", str(10**20), "-1", "²"])
@pytest.mark.parametrize(("name", "page"), [("mission", "/recommendations/"), ("group", "/recommendations/"),
                                            ("group", "/dashboard/")])
def test_a_mission_or_group_filter_past_any_id_is_refused_beside_the_field(admin, name, page, number):
    response = admin.get(page, query_string={name: number})
    assert response.status_code == 200
    assert f'<div class="invalid-feedback d-block" id="{name}-error">' in response.get_data(as_text=True)
    if page == "/recommendations/":
        assert export_file(admin, "/recommendations/export", query_string={name: number}).status_code == 200


@pytest.mark.parametrize("value", [" ", "\x0b", "\t"])
def test_a_blank_group_rank_means_no_rank(scene, login, value):
    seed_catalogue(SYSTEM)
    db.session.commit()
    data = {"unit": scene.unit.code, "code": "HS-BLANK", "year": "2017", "award_form": "BKUBT",
            "recipient_kind": "individual", "recipient_name": "Phạm Thị Dung", "group_rank": value}
    response = login(scene.council).post("/nominations/dossiers/new", data=data)
    assert response.status_code == 302
    assert db.session.scalar(select(Dossier.group_rank).where(Dossier.code == "HS-BLANK")) is None


@pytest.mark.parametrize("value", ["\x0b", " "])
@pytest.mark.parametrize("query", ["status", "rank", "form"])
def test_a_blank_registry_filter_is_no_filter(admin, scene, query, value):
    assert admin.get("/nominations/", query_string={query: value}).status_code == 200
    assert export_file(admin, "/nominations/export", query_string={query: value}).status_code == 200


@pytest.mark.parametrize("name", ["severity", "category", "unit_status", "aging", "group"])
def test_a_blank_register_filter_is_no_filter(admin, scene, name):
    assert admin.get("/recommendations/", query_string={name: "\x0b"}).status_code == 200
    assert export_file(admin, "/recommendations/export", query_string={name: "\x0b"}).status_code == 200


@pytest.mark.parametrize("numbers", ["99999999999999999999", str(2**63), "12, 18446744073709551616",
                                     "/recommendations/99999999999999999999"])
def test_add_numbers_past_any_id_are_named_beside_the_field(scene, login, numbers):
    session_id = db.session.scalar(select(db.metadata.tables["review_session"].c.id))
    response = login(scene.council).post(f"/council/sessions/{session_id}/items", data={"add-numbers": numbers})
    assert response.status_code == 200
    assert "không phải số kiến nghị" in response.get_data(as_text=True)


@pytest.mark.parametrize(("value", "message"), [("99999999999999999999", "số quá lớn"),
                                                ("-5", "không được là số âm")])
def test_every_integer_field_is_bounded_with_its_name(scene, login, value, message):
    """A hidden version out of range is a stale form (forms_util.VersionField, rules.require_version): the
    conflict page, never a 5xx."""
    response = login(scene.admin).post(f"/groups/{scene.group.id}/edit", data={
        "kind": "block", "name": "Khối thi đua mới", "year": "2017", "version": value})
    assert response.status_code == 409
    assert "Bản ghi đã được người khác sửa sau khi bạn mở biểu mẫu" in response.get_data(as_text=True)


@pytest.mark.parametrize("text", ["31/02/2017", "00/00/0000", "1/1/99999", "01/01/0001", "31/12/9999"])
def test_an_impossible_or_far_date_is_named_beside_the_field(scene, login, text):
    response = login(scene.council).post("/council/sessions/new", data={
        "title": "Phiên họp", "held_on": text, "participants": "Nguyễn Văn A", "overdue_days": "30"})
    assert response.status_code == 200
    assert f"“{text}” không phải ngày hợp lệ" in response.get_data(as_text=True)


def test_a_unit_officer_gets_the_same_bounds(app, login):
    unit = make_unit()
    officer = make_user(Role.UNIT_OFFICER, units=[unit])
    db.session.commit()
    client = login(officer)
    assert client.get(f"/recommendations/{2**63}").status_code == 404
    assert client.get("/recommendations/", query_string={"page": str(2**63)}).status_code == 404


def test_control_characters_are_removed_from_searches_and_forms(scene, login):
    """NUL in a search or a form reached PostgreSQL, which refuses it in text (a 500); Word's \\x0b broke exports."""
    client = login(scene.council)
    for path in ("/units/", "/admin/audit", "/recommendations/", "/nominations/"):
        assert client.get(path, query_string={"q": "Sở\x00", "unit": "KG\x00", "subtree": "\x00"}).status_code in (
            200, 403), path
    response = client.post("/council/sessions/new", data={
        "title": "Phiên\x00 họp\x0b quý I", "held_on": "20/03/2019", "participants": "Nguyễn Văn A\x00\r\nTrần Thị B",
        "overdue_days": "30"})
    assert response.status_code == 302
    title, participants = db.session.execute(select(db.metadata.tables["review_session"].c.title,
                                                     db.metadata.tables["review_session"].c.participants)
                                             .order_by(db.metadata.tables["review_session"].c.id.desc())).first()
    # NUL goes; Word's soft break \x0b becomes a line feed (plaintext.strip_controls), never glued words
    assert (title, participants.replace("\r", "")) == ("Phiên họp\n quý I", "Nguyễn Văn A\nTrần Thị B")
