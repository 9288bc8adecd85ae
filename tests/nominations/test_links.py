"""Findings ↔ dossiers: linking from the finding page and from the dossier page, unlinking, the audit,
who may do what, and the dossier search behind the autocomplete."""

import pytest
from sqlalchemy import select

from inspection.audit import AuditEntry
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings.models import Severity
from inspection.missions.models import MissionStatus
from inspection.nominations.models import Dossier, DossierStatus, finding_dossiers
from tests.factories import make_user
from tests.findings.builders import make_finding, make_mission, make_world
from tests.nominations import builders

# --- builders -------------------------------------------------------------------------------------------------


def make_dossier(unit, code: str | None = None, *, recipient: str = "Nguyễn Văn An", form: str = "BKUBT",
                 year: int = 2017, award_hold: bool = False) -> Dossier:
    """A submitted dossier (a Bằng khen của Chủ tịch UBND tỉnh unless told otherwise), through the real service."""
    dossier = builders.make_dossier(unit, form=form, code=code, year=year, recipient_name=recipient,
                                    status=DossierStatus.SUBMITTED)
    dossier.award_hold = award_hold
    db.session.flush()
    return dossier


def linked_ids(finding) -> set[int]:
    return set(db.session.scalars(select(finding_dossiers.c.dossier_id)
                                  .where(finding_dossiers.c.finding_id == finding.id)))


def link_rows(finding, *dossiers) -> None:
    db.session.execute(finding_dossiers.insert(), [{"finding_id": finding.id, "dossier_id": d.id} for d in dossiers])
    db.session.commit()


@pytest.fixture
def world(app):
    return make_world()


@pytest.fixture
def dossier(world):
    made = make_dossier(world.own, "KG-2017-0042", recipient="Trần Thị Bích")
    db.session.commit()
    return made


def post_link(client, finding, unit: str, code: str):
    """The finding page's link form, as a browser without JavaScript sends it."""
    return client.post(f"/nominations/findings/{finding.id}/dossiers", data={"link-unit": unit, "link-code": code})


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


# --- linking from the finding page -------------------------------------------------------------------------------


def test_member_links_a_dossier_from_the_finding_page(world, dossier, login):
    client = login(world.member)
    url = f"/findings/{world.finding.id}"
    assert "Liên kết thêm hồ sơ" in page(client, url)

    response = post_link(client, world.finding, "KG", "KG-2017-0042")

    assert response.status_code == 302 and response.headers["Location"].endswith(f"{url}#ho-so-khen-thuong")
    assert linked_ids(world.finding) == {dossier.id}
    html = page(client, url)
    assert "Đã liên kết hồ sơ KG-2017-0042 (KG) với tồn tại, hạn chế." in html
    assert "KG-2017-0042" in html and "Trần Thị Bích" in html and "Bằng khen của Chủ tịch UBND tỉnh" in html
    assert "Đã trình" in html


def test_linking_is_audited_on_the_finding_with_dossier_codes_before_and_after(world, dossier, login):
    other = make_dossier(world.own, "KG-2017-0007")
    link_rows(world.finding, other)
    client = login(world.member)

    post_link(client, world.finding, "KG", dossier.code)

    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "finding.link_dossier"))
    assert entry.target_type == "finding" and entry.target_id == world.finding.id
    assert entry.actor_id == world.member.id
    assert entry.before == {"dossiers": ["KG-2017-0007 (KG)"]}
    assert entry.after == {"dossiers": ["KG-2017-0007 (KG)", "KG-2017-0042 (KG)"]}
    assert "KG-2017-0042 (KG)" in entry.summary
    on_dossier = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "dossier.link_finding"))
    assert on_dossier.target_id == dossier.id and world.finding.title in on_dossier.summary
    assert "Liên kết hồ sơ đề nghị khen thưởng KG-2017-0042 (KG)" in page(client, f"/findings/{world.finding.id}")


def test_linking_twice_changes_nothing(world, dossier, login):
    link_rows(world.finding, dossier)
    client = login(world.member)

    post_link(client, world.finding, "KG", dossier.code)

    assert "đã được liên kết từ trước" in page(client, f"/findings/{world.finding.id}")
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "finding.link_dossier")) is None


def test_an_unknown_dossier_code_is_refused_beside_the_field_and_kept(world, dossier, login):
    client = login(world.member)

    response = post_link(client, world.finding, "KG", "KG-2017-9999")

    assert response.status_code == 302
    html = page(client, f"/findings/{world.finding.id}")
    assert "Mã hồ sơ: Không có hồ sơ mang mã “KG-2017-9999” của đơn vị KG." in html
    assert 'value="KG-2017-9999"' in html  # what the user typed comes back
    assert linked_ids(world.finding) == set()


def test_a_dossier_code_of_another_unit_is_not_found_under_this_one(world, login):
    make_dossier(world.foreign, "CM-01")
    db.session.commit()
    client = login(world.member)

    post_link(client, world.finding, "KG", "CM-01")

    assert "Không có hồ sơ mang mã “CM-01” của đơn vị KG." in page(client, f"/findings/{world.finding.id}")
    assert linked_ids(world.finding) == set()


@pytest.mark.parametrize("data, message", [
    ({"link-unit": "XYZ", "link-code": "KG-2017-0042"}, "Mã đơn vị: Không có đơn vị mang mã: XYZ"),
    ({"link-unit": "KG", "link-code": ""}, "Mã hồ sơ: "),
])
def test_bad_input_is_named_by_its_field(world, dossier, login, data, message):
    client = login(world.member)

    client.post(f"/nominations/findings/{world.finding.id}/dossiers", data=data)

    assert message in page(client, f"/findings/{world.finding.id}")
    assert linked_ids(world.finding) == set()


def test_a_dossier_of_another_unit_can_be_linked_from_the_finding_page(world, login):
    other = make_dossier(world.foreign, "CM-01")
    db.session.commit()
    client = login(world.member)

    post_link(client, world.finding, "CM", " CM-01 ")

    assert linked_ids(world.finding) == {other.id}


# --- linking from the dossier page -------------------------------------------------------------------------------


def test_member_links_one_of_their_findings_from_the_dossier_page(world, dossier, login):
    client = login(world.member)
    url = f"/nominations/dossiers/{dossier.id}"
    html = page(client, url)
    assert "Liên kết với một tồn tại, hạn chế do đoàn của bạn ghi nhận" in html
    assert f'<option value="{world.finding.id}">{world.finding.title} — {world.mission.title}</option>' in html

    response = client.post(f"{url}/findings", data={"link-finding": str(world.finding.id)})

    assert response.status_code == 302 and response.headers["Location"].endswith(f"{url}#phat-hien-lien-quan")
    assert linked_ids(world.finding) == {dossier.id}
    html = page(client, url)
    assert f"Đã liên kết tồn tại, hạn chế “{world.finding.title}” với hồ sơ." in html
    assert world.mission.title in html and "Trung bình" in html  # the mission and the severity
    assert "0/1 kiến nghị đã xác minh" in html and "Chưa kết luận" in html  # the remediation status


def test_the_dossier_page_offers_only_the_users_open_findings_on_the_dossiers_unit(world, dossier, login):
    closed = make_mission([world.own], [world.member], status=MissionStatus.CLOSED, title="Đoàn đã đóng")
    old = make_finding(make_mission([world.own], [world.member]), world.own, title="Phát hiện sẽ thuộc đoàn đóng")
    old.mission = closed
    foreign_mission = make_mission([world.foreign], [world.member])
    make_finding(foreign_mission, world.foreign, title="Phát hiện ở Cà Mau")
    make_finding(make_mission([world.own], [world.outsider]), world.own, title="Phát hiện của đoàn khác")
    db.session.commit()

    html = page(login(world.member), f"/nominations/dossiers/{dossier.id}")

    assert world.finding.title in html
    for absent in ("Phát hiện sẽ thuộc đoàn đóng", "Phát hiện ở Cà Mau", "Phát hiện của đoàn khác"):
        assert absent not in html


def test_a_finding_the_user_does_not_manage_cannot_be_posted_from_the_dossier_page(world, dossier, login):
    client = login(world.outsider)
    assert "Liên kết với một tồn tại, hạn chế do đoàn của bạn ghi nhận" not in page(
        client, f"/nominations/dossiers/{dossier.id}")

    client.post(f"/nominations/dossiers/{dossier.id}/findings", data={"link-finding": str(world.finding.id)})

    assert "Tồn tại, hạn chế do đoàn ghi nhận: Lựa chọn không hợp lệ." in page(
        client, f"/nominations/dossiers/{dossier.id}")
    assert linked_ids(world.finding) == set()


# --- unlinking ---------------------------------------------------------------------------------------------------


def test_member_unlinks_from_the_finding_page(world, dossier, login):
    link_rows(world.finding, dossier)
    client = login(world.member)

    response = client.post(f"/nominations/findings/{world.finding.id}/dossiers/{dossier.id}/unlink",
                           data={"back": "finding", "confirmed": "1"})

    assert response.headers["Location"].endswith(f"/findings/{world.finding.id}#ho-so-khen-thuong")
    assert linked_ids(world.finding) == set()
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "finding.unlink_dossier"))
    assert entry.before == {"dossiers": ["KG-2017-0042 (KG)"]} and entry.after == {"dossiers": []}
    assert "Chưa liên kết hồ sơ đề nghị khen thưởng nào." in page(client, f"/findings/{world.finding.id}")


def test_member_unlinks_from_the_dossier_page(world, dossier, login):
    link_rows(world.finding, dossier)
    client = login(world.member)
    assert "Bỏ liên kết" in page(client, f"/nominations/dossiers/{dossier.id}")

    response = client.post(f"/nominations/findings/{world.finding.id}/dossiers/{dossier.id}/unlink",
                           data={"back": "dossier", "confirmed": "1"})

    assert response.headers["Location"].endswith(f"/nominations/dossiers/{dossier.id}#phat-hien-lien-quan")
    assert linked_ids(world.finding) == set()
    html = page(client, f"/nominations/dossiers/{dossier.id}")
    assert "Chưa có tồn tại, hạn chế qua kiểm tra nào liên quan đến hồ sơ này." in html
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "dossier.unlink_finding"))
    assert entry.target_id == dossier.id and entry.before["finding"] == world.finding.title


def test_links_of_a_closed_mission_no_longer_change(world, dossier, login):
    link_rows(world.finding, dossier)
    world.mission.status = MissionStatus.CLOSED
    db.session.commit()
    client = login(world.member)
    assert "Liên kết thêm hồ sơ" not in page(client, f"/findings/{world.finding.id}")

    client.post(f"/nominations/findings/{world.finding.id}/dossiers/{dossier.id}/unlink",
                data={"back": "finding", "confirmed": "1"})

    assert "Đoàn kiểm tra đã kết thúc" in page(client, f"/findings/{world.finding.id}")
    assert linked_ids(world.finding) == {dossier.id}


# --- access --------------------------------------------------------------------------------------------------


def test_unit_officers_see_the_links_of_their_own_dossiers_but_cannot_link(world, dossier, login):
    link_rows(world.finding, dossier)
    client = login(world.own_officer)

    html = page(client, f"/nominations/dossiers/{dossier.id}")
    assert world.finding.title in html and world.mission.title in html
    assert "Liên kết với một tồn tại, hạn chế" not in html and "Bỏ liên kết" not in html
    finding_page = page(client, f"/findings/{world.finding.id}")
    assert "KG-2017-0042" in finding_page and "Liên kết thêm hồ sơ" not in finding_page

    assert post_link(client, world.finding, "KG", dossier.code).status_code == 403
    assert client.post(f"/nominations/dossiers/{dossier.id}/findings",
                       data={"link-finding": str(world.finding.id)}).status_code == 403
    assert client.post(f"/nominations/findings/{world.finding.id}/dossiers/{dossier.id}/unlink").status_code == 403
    assert linked_ids(world.finding) == {dossier.id}


def test_inspectors_outside_the_mission_cannot_link_or_unlink(world, dossier, login):
    other = make_dossier(world.own)
    link_rows(world.finding, other)
    client = login(world.outsider)
    assert "Liên kết thêm hồ sơ" not in page(client, f"/findings/{world.finding.id}")

    assert post_link(client, world.finding, "KG", dossier.code).status_code == 403
    assert client.post(f"/nominations/findings/{world.finding.id}/dossiers/{other.id}/unlink").status_code == 403
    assert linked_ids(world.finding) == {other.id}


def test_a_foreign_unit_officer_cannot_see_the_dossier_nor_its_links(world, dossier, login):
    link_rows(world.finding, dossier)
    client = login(world.foreign_officer)

    assert client.get(f"/nominations/dossiers/{dossier.id}").status_code == 403
    answer = client.get("/nominations/dossiers/search?unit=KG&q=KG").get_json()
    assert answer["results"] == []


def test_the_finding_page_hides_dossiers_of_units_the_officer_may_not_see(world, dossier, login):
    foreign = make_dossier(world.foreign, "CM-77")
    link_rows(world.finding, dossier, foreign)

    html = page(login(world.own_officer), f"/findings/{world.finding.id}")

    assert "KG-2017-0042" in html and "CM-77" not in html


def test_links_need_a_csrf_token(world, dossier, login, app):
    client = login(world.member)
    app.config["WTF_CSRF_ENABLED"] = True
    post_link(client, world.finding, "KG", dossier.code)
    assert linked_ids(world.finding) == set()


# --- the dossier search ------------------------------------------------------------------------------------------


def search(client, **args):
    response = client.get("/nominations/dossiers/search", query_string=args)
    assert response.status_code == 200 and response.is_json
    return response.get_json()


def test_search_by_code_prefix_and_by_part_of_the_name_within_a_unit(world, client_as):
    make_dossier(world.own, "KG-2017-0001", recipient="Lê Văn Cường", form="CSTDT_OLD")
    make_dossier(world.own, "KG-2018-0001", recipient="Phạm Thị Dung", form="CSTDT_OLD", year=2018)
    make_dossier(world.foreign, "KG-2017-0002", recipient="Lê Văn Cường", form="CSTDT_OLD")
    db.session.commit()
    client = client_as(Role.INSPECTOR)

    by_code = search(client, unit="KG", q="kg-2017")
    by_name = search(client, unit="KG", q="Thị Dung")

    assert by_code["results"] == [{"id": by_code["results"][0]["id"], "code": "KG-2017-0001", "unit": "KG",
                                   "recipient": "Lê Văn Cường", "award_form": "Chiến sĩ thi đua cấp tỉnh",
                                   "year": 2017}]
    assert [item["code"] for item in by_name["results"]] == ["KG-2018-0001"]
    assert search(client, unit="KG", q="2017")["results"] == []  # codes match from their start only
    assert search(client, unit="KG", q="50%")["results"] == []  # wildcards are plain text


def test_search_returns_at_most_twenty_in_code_order(world, client_as):
    for number in range(25, 0, -1):
        make_dossier(world.own, f"KG-{number:03d}")
    db.session.commit()

    answer = search(client_as(Role.INSPECTOR), unit="KG", q="KG-")

    assert [item["code"] for item in answer["results"]] == [f"KG-{number:03d}" for number in range(1, 21)]


def test_search_needs_a_unit_and_is_scoped_to_what_the_user_sees(world, dossier, client_as):
    inspector = client_as(Role.INSPECTOR)
    assert search(inspector, q="KG-2017")["results"] == []
    assert search(inspector, q="KG-2017")["message"] == "Nhập mã đơn vị để tìm hồ sơ."
    assert search(inspector, unit="NOPE", q="KG")["message"] == "Không có đơn vị mang mã: NOPE"

    own_officer = client_as(Role.UNIT_OFFICER, units=[world.own])
    foreign_officer = client_as(Role.UNIT_OFFICER, units=[world.foreign])
    assert [item["code"] for item in search(own_officer, unit="KG", q="KG")["results"]] == ["KG-2017-0042"]
    hidden = search(foreign_officer, unit="KG", q="KG")
    assert hidden == {"results": [], "message": "Không có đơn vị mang mã: KG"}  # as if it did not exist


def test_search_matches_a_name_typed_in_decomposed_unicode(world, dossier, client_as):
    import unicodedata

    answer = search(client_as(Role.INSPECTOR), unit="KG", q=unicodedata.normalize("NFD", "Thị Bích"))

    assert [item["code"] for item in answer["results"]] == ["KG-2017-0042"]


def test_search_runs_a_fixed_number_of_queries(world, client_as, count_queries):
    client = client_as(Role.INSPECTOR)
    make_dossier(world.own, "KG-A-1")
    db.session.commit()
    with count_queries() as few:
        search(client, unit="KG", q="KG")
    for number in range(30):
        make_dossier(world.own, f"KG-B-{number}", form=("BKUBT", "CSTDT_OLD", "CSTDCS")[number % 3])
    db.session.commit()
    with count_queries() as many:
        assert len(search(client, unit="KG", q="KG")["results"]) == 20
    assert many.count == few.count
    # Ceiling = the search's fixed query budget (measured 3 on SQLite, no margin: +20% rounds down).
    assert many.count <= 3


# --- fixed query counts on both pages -------------------------------------------------------------------------


def test_the_finding_page_runs_a_fixed_number_of_queries_whatever_the_links(world, login, count_queries):
    client = login(world.member)
    link_rows(world.finding, make_dossier(world.own))
    with count_queries() as one:
        page(client, f"/findings/{world.finding.id}")
    serious = make_finding(world.mission, world.own, severity=Severity.SERIOUS)
    others = [make_dossier(unit) for unit in (world.own, world.foreign) * 4]
    link_rows(world.finding, *others)
    link_rows(serious, *others[:3])
    with count_queries() as nine:
        html = page(client, f"/findings/{world.finding.id}")
    assert html.count("Tạm dừng xét khen thưởng") >= 3
    assert nine.count == one.count
    # Ceiling = the page's fixed query budget (measured 16 on SQLite, plus a small margin).
    assert nine.count <= 18


def test_the_dossier_page_runs_a_fixed_number_of_queries_whatever_the_links(world, dossier, login, count_queries):
    client = login(world.member)
    link_rows(world.finding, dossier)
    with count_queries() as one:
        page(client, f"/nominations/dossiers/{dossier.id}")
    for number in range(5):
        mission = make_mission([world.own], [world.member, world.outsider])
        make_finding(mission, world.own, severity=Severity.SERIOUS)  # offered in the form, not linked
        finding = make_finding(mission, world.own, severity=Severity.CRITICAL, title=f"Phát hiện liên kết {number}")
        link_rows(finding, dossier)
    with count_queries() as six:
        html = page(client, f"/nominations/dossiers/{dossier.id}")
    assert "Phát hiện liên kết 4" in html
    assert six.count == one.count
    # Ceiling = the page's fixed query budget (measured 14 on SQLite, plus a small margin).
    assert six.count <= 16


def test_a_new_user_sees_a_dossier_page_without_links(world, dossier, app, login):
    council = make_user(Role.COUNCIL)
    db.session.commit()
    html = page(login(council), f"/nominations/dossiers/{dossier.id}")
    assert "Chưa có tồn tại, hạn chế qua kiểm tra nào liên quan đến hồ sơ này." in html
    assert 'id="tam-dung-xet-khen-thuong"' not in html  # no hold banner
