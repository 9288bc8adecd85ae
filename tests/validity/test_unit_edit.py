"""The unit edit form saves every demo unit unchanged: the 27 bodies and communes founded on 01/07/2025 by the
merger that made them used to be refused ("Ngày bắt đầu phải trước sự kiện đầu tiên")."""

from datetime import date

from sqlalchemy import select

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.units.models import Unit
from tests.security.conflicts_web import form_with, text_of


def _as_sent(page: str) -> dict:
    """The edit form's fields as a browser sends them (it drops the newline that opens a textarea)."""
    fields = form_with(page, "code")
    return fields | {"note": fields["note"].removeprefix("\r\n").removeprefix("\n")}


def _state(unit: Unit) -> tuple:
    return (unit.code, unit.kind, unit.parent_id, unit.valid_from, unit.valid_to, unit.note,
            [(name.name, name.valid_from, name.valid_to) for name in unit.names])


def test_every_demo_unit_saves_unchanged_through_its_edit_form(app, runner, client_as):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    units = list(db.session.scalars(select(Unit).order_by(Unit.code)))
    founded_by_merger = [unit for unit in units if unit.valid_from == date(2025, 7, 1)]
    assert len(founded_by_merger) >= 27
    before = {unit.id: _state(unit) for unit in units}
    admin = client_as(Role.ADMIN)
    refused = {}
    for unit in units:
        page = admin.get(f"/units/{unit.id}/edit")
        assert page.status_code == 200, unit.code
        response = admin.post(f"/units/{unit.id}/edit", data=_as_sent(page.get_data(as_text=True)))
        if response.status_code != 302:
            refused[unit.code] = text_of(response.get_data(as_text=True))
        else:
            assert response.headers["Location"].endswith(f"/units/{unit.id}"), unit.code
    assert not refused, sorted(refused)
    db.session.expire_all()
    assert {unit.id: _state(unit) for unit in db.session.scalars(select(Unit))} == before
    _a_start_contradicting_the_units_events_is_still_refused(admin)


def _a_start_contradicting_the_units_events_is_still_refused(admin) -> None:
    """(the same demo: loading it takes a while) after the merger that founded it, or on its rename"""
    commune = db.session.scalar(select(Unit).where(Unit.code == "AG-X-KL"))
    fields = _as_sent(admin.get(f"/units/{commune.id}/edit").get_data(as_text=True))
    response = admin.post(f"/units/{commune.id}/edit", data=fields | {"valid_from": "02/07/2025"})
    assert response.status_code == 200
    assert "Ngày bắt đầu không được sau sự kiện đầu tiên của đơn vị (01/07/2025)" in text_of(
        response.get_data(as_text=True))
    district = db.session.scalar(select(Unit).where(Unit.code == "KG-HT"))
    fields = _as_sent(admin.get(f"/units/{district.id}/edit").get_data(as_text=True))
    response = admin.post(f"/units/{district.id}/edit", data=fields | {"valid_from": "01/11/2018"})  # its rename
    assert "Ngày bắt đầu phải trước sự kiện đầu tiên của đơn vị (01/11/2018)" in text_of(
        response.get_data(as_text=True))
