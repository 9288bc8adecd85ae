"""Each user sets how their notices are e-mailed on their own account page (/account/notices): saved with the
edit-conflict check and the audit log, a bad value named beside the field, nobody else's account reachable."""

import re

from sqlalchemy import select

from inspection.audit import AuditEntry
from inspection.auth.models import MailPreference, Role
from inspection.extensions import db
from tests.factories import make_user


def _version(page: str) -> str:
    return re.search(r'name="version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version"', page).group(1)


def _form(client) -> str:
    response = client.get("/account/notices")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_every_choice_is_offered_and_the_current_one_checked(app, login):
    user = make_user(Role.UNIT_OFFICER)
    db.session.commit()
    page = _form(login(user))
    for label in ("Gửi ngay từng thông báo", "Gộp thành một thư tóm tắt mỗi ngày", "Không gửi thư (chỉ xem trên Cổng)"):
        assert label in page
    assert re.search(r'<input[^>]*checked[^>]*value="immediately"|<input[^>]*value="immediately"[^>]*checked', page)
    assert "chưa có địa chỉ thư điện tử" in page  # no address: said plainly


def test_saving_a_choice_keeps_it_and_records_it(app, login):
    user = make_user(Role.INSPECTOR)
    user.email = "tra@example.vn"
    db.session.commit()
    client = login(user)
    response = client.post("/account/notices", data={"mail_preference": "digest", "version": _version(_form(client))},
                           follow_redirects=True)
    assert "Đã lưu cách nhận thư thông báo." in response.get_data(as_text=True)
    db.session.expire_all()
    assert user.mail_preference == MailPreference.DIGEST
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "user.mail_preference")).one()
    assert entry.summary == "Đổi cách nhận thư thông báo: Gửi ngay từng thông báo → Gộp thành một thư tóm tắt mỗi ngày"
    assert "Nhận thư thông báo: Gộp thành một thư tóm tắt mỗi ngày" in client.get("/notifications/").get_data(
        as_text=True)


def test_a_stale_form_is_refused_with_the_conflict_shown(app, login):
    user = make_user(Role.COUNCIL)
    db.session.commit()
    client = login(user)
    stale = _version(_form(client))
    client.post("/account/notices", data={"mail_preference": "never", "version": stale})  # another tab
    response = client.post("/account/notices", data={"mail_preference": "digest", "version": stale})
    assert response.status_code == 409
    db.session.expire_all()
    assert user.mail_preference == MailPreference.NEVER


def test_a_bad_value_is_named_beside_the_field(app, login):
    user = make_user(Role.ADMIN)
    db.session.commit()
    client = login(user)
    response = client.post("/account/notices", data={"mail_preference": "hourly", "version": _version(_form(client))})
    assert response.status_code == 200 and "Lựa chọn không hợp lệ" in response.get_data(as_text=True)
    db.session.expire_all()
    assert user.mail_preference == MailPreference.IMMEDIATELY


def test_the_page_needs_a_login(client):
    response = client.get("/account/notices")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_admin_sees_the_choice_on_the_users_form(app, login):
    admin, reader = make_user(Role.ADMIN), make_user(Role.INSPECTOR)
    reader.mail_preference = MailPreference.NEVER
    db.session.commit()
    page = login(admin).get(f"/admin/users/{reader.id}/edit").get_data(as_text=True)
    assert re.search(r'id="mail-preference">Nhận thư thông báo: Không gửi thư \(chỉ xem trên Cổng\)', page)
