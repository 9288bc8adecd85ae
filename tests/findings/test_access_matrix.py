"""Every findings endpoint for every role, against items of an own and a foreign unit: 200, 302, 403 or
404 as expected, never 500."""

from datetime import date

import pytest

from inspection.access import SYSTEM
from inspection.findings import services
from inspection.findings.models import VerificationMethod, VerifiedStatus
from inspection.units.models import Unit

ROLES = ("member", "outsider", "council", "admin", "own_officer", "foreign_officer")


def _expect(**by_role) -> dict:
    return {role: by_role.get(role, 403) for role in ROLES}


VIEW = _expect(member=200, outsider=200, council=200, admin=200, own_officer=200)
MANAGE = _expect(member=200)
GET_PAGES = {
    "/findings/new/{mission}": MANAGE,
    "/findings/{finding}": VIEW,
    "/findings/{finding}/edit": MANAGE,
    "/findings/{finding}/recommendations/new": MANAGE,
    "/recommendations/{recommendation}": VIEW,
    "/recommendations/{recommendation}/edit": MANAGE,
    "/recommendations/": {role: 200 for role in ROLES},
    "/units/{ended}/transfer-recommendations": _expect(council=200, admin=200),
}


@pytest.fixture
def ids(world):
    from inspection.extensions import db
    from tests.factories import make_unit

    ended = make_unit("UBND huyện đã giải thể", code="GONE", valid_to=date(2020, 1, 1))
    db.session.commit()
    return {"mission": world.mission.id, "finding": world.finding.id, "recommendation": world.recommendation.id,
            "ended": ended.id}


@pytest.mark.parametrize("role", ROLES)
def test_get_pages_answer_each_role_as_expected(world, ids, login, role):
    client = login(getattr(world, role))
    for path, expected in GET_PAGES.items():
        response = client.get(path.format(**ids))
        assert response.status_code == expected[role], (role, path, response.status_code)
        missing = path.format(**{key: 987654 for key in ids})
        if missing != path.format(**ids):
            assert client.get(missing).status_code in (403, 404), (role, missing)


@pytest.mark.parametrize("role", ROLES)
def test_post_endpoints_refuse_everyone_but_members(world, ids, login, role):
    client = login(getattr(world, role))
    rec = world.recommendation.id
    posts = {f"/findings/new/{ids['mission']}": {}, f"/findings/{ids['finding']}/edit": {},
             f"/findings/{ids['finding']}/recommendations/new": {}, f"/recommendations/{rec}/edit": {},
             f"/recommendations/{rec}/verify": {"status": "implemented", "method": "on_site", "version": "1"},
             f"/recommendations/{rec}/reopen": {}}
    for path, data in posts.items():
        status = client.post(path, data=data).status_code
        assert status in ((200, 302) if role == "member" else (403,)), (role, path, status)


def test_a_member_verifies_then_reopens_and_others_cannot(world, login):
    rec = world.recommendation
    for role in ("outsider", "council", "admin", "own_officer", "foreign_officer"):
        client = login(getattr(world, role))
        assert client.post(f"/recommendations/{rec.id}/verify", data={
            "status": "implemented", "method": "on_site", "version": str(rec.version)}).status_code == 403
    member = login(world.member)
    response = member.post(f"/recommendations/{rec.id}/verify", data={
        "status": "implemented", "method": "on_site", "note": "Đã xem hồ sơ", "version": str(rec.version)})
    assert response.status_code == 302
    page = member.get(f"/recommendations/{rec.id}").get_data(as_text=True)
    assert "Đã ghi nhận kết quả xác minh: Đã thực hiện (đã xác minh)." in page
    assert "Kiểm tra tại chỗ" in page and "Lại Xuân Môn" in page and "Mở lại kiến nghị" in page
    assert member.post(f"/recommendations/{rec.id}/reopen", data={"reopen-note": "Cần bổ sung",
                                                                   "reopen-version": "2"}).status_code == 302
    page = member.get(f"/recommendations/{rec.id}").get_data(as_text=True)
    assert "Đã mở lại kiến nghị." in page and "Cần bổ sung" in page


def test_the_transfer_endpoint_is_for_the_council_and_admins_only(world, login):
    from inspection.documents.refs import parse_ref
    from inspection.extensions import db
    from inspection.units import services as units
    from tests.factories import make_unit

    successor = make_unit("UBND tỉnh An Giang", code="AG")
    units.merge_units(SYSTEM, [world.own], successor, date(2025, 7, 1), parse_ref("202/2025/QH15"))
    db.session.commit()
    data = {"to_unit": "AG", "legal_basis": "202/2025/QH15"}
    for role in ("member", "outsider", "own_officer", "foreign_officer"):
        assert login(getattr(world, role)).post(f"/units/{world.own.id}/transfer-recommendations",
                                                 data=data).status_code == 403
    assert login(world.council).post(f"/units/{world.own.id}/transfer-recommendations", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(Unit, successor.id) is not None
    assert [share.unit.code for share in world.recommendation.responsibilities] == ["AG"]


def test_nothing_answers_500_for_closed_or_verified_items(world, login):
    services.verify(SYSTEM, world.recommendation, VerifiedStatus.NOT_ACCEPTED, VerificationMethod.UNIT_WORD, None,
                    version=world.recommendation.version)
    from inspection.extensions import db

    db.session.commit()
    for role in ROLES:
        client = login(getattr(world, role))
        for path in (f"/recommendations/{world.recommendation.id}", f"/findings/{world.finding.id}",
                     "/recommendations/?verified=not_accepted", "/recommendations/?verified=bogus&due_from=31/02/2018"
                     "&unit=NOPE&mission=abc&sort=zzz&page=1"):
            assert client.get(path).status_code in (200, 403), (role, path)
