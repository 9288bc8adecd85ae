"""The administrator moves a unit to another parent from a date through the unit's page: the unit counts under
its old parent before that day and under the new one after; the unit page lists both placements; a stale form,
a day before the current placement began and any other role are refused, nothing moved."""

from datetime import date

import pytest

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.units.models import UnitKind
from inspection.units.queries import subtree_ids
from tests.factories import make_unit, make_user


@pytest.fixture
def places(app):
    old = make_unit("UBND tỉnh Kiên Giang", code="MV-KG", kind=UnitKind.PROVINCE, valid_from=date(1976, 1, 1))
    new = make_unit("UBND tỉnh An Giang", code="MV-AG", kind=UnitKind.PROVINCE, valid_from=date(1976, 1, 1))
    lottery = make_unit("Công ty TNHH MTV Xổ số kiến thiết Kiên Giang", code="MV-XS", kind=UnitKind.ENTERPRISE,
                        parent=old, valid_from=date(2008, 1, 1))
    admin = make_user(Role.ADMIN)
    db.session.commit()
    return old, new, lottery, admin


def _move(client, unit, **fields):
    page = client.get(f"/units/{unit.id}/move")
    assert page.status_code == 200
    form = {"parent_code": "MV-AG", "kind": "enterprise", "effective_date": "01/07/2025", "note": "Luật 72/2025",
            "version": str(unit.version)} | fields
    return client.post(f"/units/{unit.id}/move", data=form)


def test_the_administrator_moves_a_unit_from_a_date(places, login):
    old, new, lottery, admin = places
    client = login(admin)
    detail = client.get(f"/units/{lottery.id}").get_data(as_text=True)
    assert f'href="/units/{lottery.id}/move"' in detail

    response = _move(client, lottery)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/units/{lottery.id}")
    assert lottery.id in subtree_ids({old.id}, on=date(2017, 12, 31))
    assert lottery.id not in subtree_ids({new.id}, on=date(2017, 12, 31))
    assert lottery.id in subtree_ids({new.id}, on=date(2025, 7, 1))
    page = client.get(f"/units/{lottery.id}").get_data(as_text=True)
    assert "Đã chuyển Công ty TNHH MTV Xổ số kiến thiết Kiên Giang từ ngày 01/07/2025." in page
    assert "30/06/2025" in page and "UBND tỉnh Kiên Giang" in page  # the earlier placement, dated


def test_a_stale_form_a_day_too_early_and_other_roles_are_refused(places, login):
    old, new, lottery, admin = places
    client = login(admin)
    early = _move(client, lottery, effective_date="01/01/2008")
    assert early.status_code == 200
    assert "Ngày chuyển phải sau ngày bắt đầu của vị trí hiện tại (01/01/2008)." in early.get_data(as_text=True)

    stale = _move(client, lottery, version=str(lottery.version - 1))
    assert stale.status_code == 409
    db.session.expire_all()
    assert lottery.parent_id == old.id and not lottery.placements

    others = [make_user(role) for role in (Role.COUNCIL, Role.INSPECTOR)]
    db.session.commit()
    for user in others:
        other = login(user)
        assert other.get(f"/units/{lottery.id}/move").status_code == 403
        assert other.post(f"/units/{lottery.id}/move", data={"parent_code": "MV-AG"}).status_code == 403
    db.session.expire_all()
    assert lottery.parent_id == old.id
