"""Admins manage accounts: create, edit, deactivate, assign units; and the first admin from the CLI."""

from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.audit import AuditEntry
from inspection.auth.models import Role, User
from inspection.extensions import db
from tests.factories import make_unit, make_user


def test_admin_creates_a_unit_officer_tied_to_units(app, client_as, login):
    make_unit("UBND đặc khu Phú Quốc", code="AG-DK-PQ")
    db.session.commit()
    client = client_as(Role.ADMIN)
    response = client.post("/admin/users/new", data={
        "username": "CanBo.PQ", "full_name": "Lê Văn Đầu Mối", "role": "unit_officer",
        "unit_codes": "AG-DK-PQ", "password": "mat-khau-du-dai", "active": "y"})
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.username == "canbo.pq"))
    assert [u.code for u in user.units] == ["AG-DK-PQ"] and user.role == Role.UNIT_OFFICER
    assert "Việc cần làm" in login(user, "mat-khau-du-dai").get("/").get_data(as_text=True)


def test_unit_officer_without_unit_and_short_password_are_refused(app, client_as):
    client = client_as(Role.ADMIN)
    page = client.post("/admin/users/new", data={"username": "x", "full_name": "X", "role": "unit_officer",
                                                 "password": "ngan"}).get_data(as_text=True)
    assert "Mật khẩu: " in page
    page = client.post("/admin/users/new", data={"username": "x", "full_name": "X", "role": "unit_officer",
                                                 "password": "du-dai-roi-nhe"}).get_data(as_text=True)
    assert "Cán bộ đầu mối phải được gán ít nhất một đơn vị." in page
    assert db.session.scalar(select(User).where(User.username == "x")) is None


def test_admin_edits_and_deactivates_an_account(app, client_as):
    user = make_user(Role.INSPECTOR, full_name="Cũ")
    db.session.commit()
    client = client_as(Role.ADMIN)
    client.post(f"/admin/users/{user.id}/edit", data={"username": "ignored", "full_name": "Nguyễn Thị Mới",
                                                       "role": "council", "active": "y", "version": str(user.version)})
    db.session.expire_all()
    assert (user.full_name, user.role, user.username) == ("Nguyễn Thị Mới", Role.COUNCIL, user.username)
    client.post(f"/admin/users/{user.id}/deactivate", data={"confirmed": "1"})
    db.session.expire_all()
    assert not user.is_active_account
    actions = list(db.session.scalars(select(AuditEntry.action).where(AuditEntry.target_id == user.id)))
    assert actions == ["user.update", "user.deactivate"]


def test_admin_cannot_lock_themself_out(app, login):
    admin = make_user(Role.ADMIN)
    db.session.commit()
    client = login(admin)
    page = client.post(f"/admin/users/{admin.id}/deactivate", data={"confirmed": "1"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Bạn không thể tự khóa tài khoản của chính mình." in page
    db.session.expire_all()
    assert admin.is_active_account


def test_user_list_is_paginated_with_fixed_queries(app, client_as, count_queries):
    client = client_as(Role.ADMIN)
    unit = make_unit()
    make_user(Role.UNIT_OFFICER, units=[unit])
    db.session.commit()
    with count_queries() as few:
        client.get("/admin/users")
    for _ in range(30):
        make_user(Role.UNIT_OFFICER, units=[make_unit()])
    db.session.commit()
    with count_queries() as many:
        page = client.get("/admin/users").get_data(as_text=True)
    assert many.count == few.count
    # Ceiling = the page's fixed query budget (measured 6 on SQLite, plus a small margin).
    assert many.count <= 7
    assert "Tổng số: 32" in page and "?page=2" in page


def test_cli_creates_the_first_admin(app, runner):
    result = runner.invoke(args=["users", "create", "--username", "quantri", "--full-name", "Quản trị",
                                 "--role", "admin", "--password", "mot-mat-khau-dai"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.username == "quantri"))
    assert user.role == Role.ADMIN and user.check_password("mot-mat-khau-dai")


def test_cli_refuses_a_duplicate_and_unknown_units(app, runner):
    make_user(username="trung")
    db.session.commit()
    duplicate = runner.invoke(args=["users", "create", "--username", "trung", "--full-name", "T",
                                    "--role", "admin", "--password", "mot-mat-khau-dai"])
    assert duplicate.exit_code != 0 and "đã có" in duplicate.output
    unknown = runner.invoke(args=["users", "create", "--username", "moi", "--full-name", "M",
                                  "--role", "unit_officer", "--unit", "KHONG", "--password", "mot-mat-khau-dai"])
    assert unknown.exit_code != 0 and "KHONG" in unknown.output


def test_audit_log_page_for_council_not_for_inspector(app, client_as):
    make_user(Role.INSPECTOR)
    db.session.commit()
    assert client_as(Role.COUNCIL).get("/admin/audit").status_code == 200
    assert client_as(Role.INSPECTOR).get("/admin/audit").status_code == 403


def test_audit_shows_user_names_as_typed_and_roles_as_words(app, client_as):
    from inspection.admin.services import create_user

    create_user(SYSTEM, username="admin2", full_name="Quản trị 2", role=Role.ADMIN, password="mot-mat-khau-dai")
    db.session.commit()
    page = client_as(Role.ADMIN).get("/admin/audit").get_data(as_text=True)
    assert "Tên đăng nhập:</dt> <dd class=\"d-inline\">admin2" in page
    assert "Vai trò:</dt> <dd class=\"d-inline\">Quản trị hệ thống" in page


def test_a_stale_account_form_is_refused(app, client_as):
    user = make_user(Role.INSPECTOR, full_name="Tên cũ")
    db.session.commit()
    opened_with = user.version
    user.full_name = "Người khác đã sửa"
    db.session.commit()
    response = client_as(Role.ADMIN).post(f"/admin/users/{user.id}/edit", data={
        "full_name": "Tôi sửa", "role": "inspector", "active": "y", "version": opened_with})
    assert response.status_code == 409 and "Người khác đã sửa" in response.get_data(as_text=True)
    db.session.expire_all()
    assert user.full_name == "Người khác đã sửa"


def test_an_email_address_is_accepted_and_a_bad_one_named(app, client_as):
    client = client_as(Role.ADMIN)
    bad = client.post("/admin/users/new", data={"username": "mail", "full_name": "M", "role": "council",
                                                "email": "khong-phai-email", "password": "mot-mat-khau-dai"})
    assert bad.status_code == 200 and "Thư điện tử: " in bad.get_data(as_text=True)
    good = client.post("/admin/users/new", data={"username": "mail", "full_name": "M", "role": "council",
                                                 "email": "canbo@angiang.gov.vn", "password": "mot-mat-khau-dai"})
    assert good.status_code == 302


def test_locking_a_locked_account_says_so(app, client_as):
    user = make_user(active=False)
    db.session.commit()
    page = client_as(Role.ADMIN).post(f"/admin/users/{user.id}/deactivate", data={"confirmed": "1"},
                                      follow_redirects=True)
    assert "đã bị khóa từ trước" in page.get_data(as_text=True)
