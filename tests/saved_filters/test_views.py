"""The saved filters panel on the register: save the current filters by name, open them again by a link, rename,
delete; a refused name is said beside the field; nobody sees or touches another user's filters."""

import re
from datetime import date, timedelta

import pytest

from inspection.extensions import db
from inspection.findings.models import Severity
from inspection.saved_filters.models import SavedFilter
from inspection.timeutil import today_vn
from tests.findings.builders import make_finding, make_recommendation


@pytest.fixture
def critical(world):
    """A critical recommendation due next month, beside the world's overdue one."""
    finding = make_finding(world.mission, world.own, title="Tiêu chuẩn khen thưởng", severity=Severity.CRITICAL)
    rec = make_recommendation(finding, text="Rà soát hồ sơ còn thời hạn", issued_on=date(2018, 1, 5),
                              due=today_vn() + timedelta(days=30))
    db.session.commit()
    return rec


def save(client, name: str, query: str, **extra):
    return client.post("/saved-filters/register/", data={"name": name, "query": query, **extra})


def panel(html: str) -> str:
    """From the saved-filters panel to the filter form after it (the navigation's search box comes before)."""
    start = html.index('aria-labelledby="saved-filters-title"')
    return html[start:html.index('role="search"', start)]


def test_the_register_offers_to_save_its_filters_without_the_page(world, login):
    html = login(world.council).get("/recommendations/?severity=critical&page=1&unit=").get_data(as_text=True)

    assert "Bộ lọc đã lưu" in html and "Lưu bộ lọc hiện tại" in html
    assert '<input type="hidden" name="query" value="severity=critical">' in panel(html)
    assert "Chưa có. Lọc danh sách rồi đặt tên để lưu lại." in panel(html)


def test_a_saved_filter_is_a_link_to_the_register_with_its_filters(world, critical, login):
    council = login(world.council)

    response = save(council, "  Rất nghiêm trọng ", "severity=critical&page=2&bogus=1")

    assert response.status_code == 302 and response.headers["Location"] == "/recommendations/?severity=critical"
    html = council.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã lưu bộ lọc “Rất nghiêm trọng”." in html
    link = re.search(r'<a class="btn btn-dark" href="([^"]+)"\s+aria-current="true"[^>]*>Rất nghiêm trọng</a>',
                     panel(html))
    assert link and link.group(1) == "/recommendations/?severity=critical"
    applied = council.get(link.group(1)).get_data(as_text=True)
    assert "Rà soát hồ sơ còn thời hạn" in applied and "Đẩy mạnh nhân rộng" not in applied


def test_on_other_filters_the_saved_link_is_not_marked_current(world, login):
    council = login(world.council)
    save(council, "Quá hạn", "overdue=y")

    html = panel(council.get("/recommendations/?severity=critical").get_data(as_text=True))

    assert 'href="/recommendations/?overdue=y"' in html and 'aria-current="true"' not in html


@pytest.mark.parametrize(("name", "message"), [("", "Tên bộ lọc: Hãy nhập tên cho bộ lọc."),
                                               ("x" * 121, "Tên bộ lọc: Tên bộ lọc dài tối đa 120 ký tự.")])
def test_a_refused_name_is_said_beside_the_field_and_nothing_is_saved(world, login, name, message):
    response = save(login(world.council), name, "overdue=y&page=4")

    html = response.get_data(as_text=True)
    assert response.status_code == 200 and message in html
    assert 'href="/recommendations/?overdue=y"' in html  # back to the list, with the filters
    assert db.session.query(SavedFilter).count() == 0


def test_a_duplicate_name_is_refused_then_overwritten_when_asked(world, login):
    council = login(world.council)
    save(council, "Của tôi", "overdue=y")

    refused = save(council, "Của tôi", "severity=critical").get_data(as_text=True)
    assert "Tên bộ lọc: Bạn đã có bộ lọc tên “Của tôi”." in refused and "Ghi đè bộ lọc cùng tên" in refused
    assert 'value="severity=critical"' in refused  # the filters wait in the form

    assert save(council, "Của tôi", "severity=critical", overwrite="y").status_code == 302
    assert [(saved.name, saved.query_string) for saved in db.session.query(SavedFilter)] == [
        ("Của tôi", "severity=critical")]


def test_delete_and_return_to_the_same_filters(world, login):
    council = login(world.council)
    save(council, "Quá hạn", "overdue=y")
    saved = db.session.query(SavedFilter).one()

    response = council.post(f"/saved-filters/{saved.id}/delete",
                           data={"query": "severity=critical&page=2", "confirmed": "1"})

    assert response.status_code == 302 and response.headers["Location"] == "/recommendations/?severity=critical"
    assert "Đã xóa bộ lọc “Quá hạn”." in council.get(response.headers["Location"]).get_data(as_text=True)
    assert db.session.query(SavedFilter).count() == 0


def test_rename(world, login):
    council = login(world.council)
    save(council, "Quá hạn", "overdue=y")
    save(council, "Nghiêm trọng", "severity=serious")
    saved = db.session.query(SavedFilter).filter_by(name="Quá hạn").one()

    form = council.get(f"/saved-filters/{saved.id}/rename").get_data(as_text=True)
    assert 'value="Quá hạn"' in form
    clash = council.post(f"/saved-filters/{saved.id}/rename", data={"name": "Nghiêm trọng"}).get_data(as_text=True)
    assert "Tên mới: Bạn đã có bộ lọc khác tên “Nghiêm trọng”." in clash
    response = council.post(f"/saved-filters/{saved.id}/rename", data={"name": "Quá hạn ở KG"})
    assert response.headers["Location"] == "/recommendations/?overdue=y"
    db.session.refresh(saved)
    assert saved.name == "Quá hạn ở KG"


def test_nobody_sees_or_touches_another_users_filters(world, login):
    save(login(world.council), "Của Hội đồng", "overdue=y")
    saved = db.session.query(SavedFilter).one()
    admin = login(world.admin)

    assert "Của Hội đồng" not in admin.get("/recommendations/").get_data(as_text=True)
    assert admin.post(f"/saved-filters/{saved.id}/delete", data={}).status_code == 403
    assert admin.get(f"/saved-filters/{saved.id}/rename").status_code == 403
    assert admin.post(f"/saved-filters/{saved.id}/rename", data={"name": "Của tôi"}).status_code == 403
    assert admin.post(f"/saved-filters/{saved.id + 1}/delete", data={}).status_code == 404
    assert db.session.get(SavedFilter, saved.id).name == "Của Hội đồng"


def test_an_unknown_list_is_not_found(world, login):
    assert login(world.council).post("/saved-filters/not-a-list/", data={"name": "Thử"}).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.post("/saved-filters/register/", data={"name": "Thử"})

    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_saving_and_deleting_need_the_csrf_token(world, login, app):
    council = login(world.council)
    save(council, "Quá hạn", "overdue=y")
    saved = db.session.query(SavedFilter).one()
    app.config["WTF_CSRF_ENABLED"] = True

    assert save(council, "Khác", "").status_code == 400
    assert council.post(f"/saved-filters/{saved.id}/delete", data={"confirmed": "1"}).status_code == 400
    assert db.session.query(SavedFilter).count() == 1
