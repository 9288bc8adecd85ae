"""The words pages show: cluster and block titles by the group's kind, English names only in English."""

import pytest
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.audit import AuditEntry
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.groups.models import MemberRole
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.models import AwardForm
from inspection.units.models import Unit
from tests.factories import make_group, make_unit


@pytest.fixture
def groups(app):
    leader, deputy, member = (make_unit(f"UBND xã {name}", code=code) for name, code in
                              (("Vĩnh Thuận", "VT"), ("Gò Quao", "GQ"), ("Giồng Riềng", "GR")))
    cluster = make_group(kind="cluster", name="Cụm thi đua số 1",
                         members=[(leader, "leader"), (deputy, "deputy"), (member, "member")])
    block = make_group(kind="block", name="Khối các sở", members=[(leader, "leader"), (deputy, "deputy")])
    db.session.commit()
    return cluster, block


def _cells(html: str) -> str:
    return " ".join(html.split())


def test_a_cluster_has_a_cum_truong_and_a_block_a_khoi_truong(groups, client_as):
    cluster, block = groups
    client = client_as(Role.ADMIN)
    cluster_page = _cells(client.get(f"/groups/{cluster.id}").get_data(as_text=True))
    block_page = _cells(client.get(f"/groups/{block.id}").get_data(as_text=True))
    assert "<tr><td>Cụm trưởng</td>" in cluster_page and "<tr><td>Cụm phó</td>" in cluster_page
    assert "<tr><td>Khối trưởng</td>" in block_page and "<tr><td>Khối phó</td>" in block_page
    assert "<tr><td>Trưởng</td>" not in cluster_page + block_page
    # the form offers the titles of this group's kind
    assert '<option value="leader">Khối trưởng</option>' in block_page
    assert '<option value="deputy">Cụm phó</option>' in cluster_page


def test_a_units_page_names_its_role_by_the_groups_kind(groups, client_as):
    unit = db.session.scalar(select(Unit).filter_by(code="VT"))
    page = _cells(client_as(Role.ADMIN).get(f"/units/{unit.id}").get_data(as_text=True))
    assert "Cụm thi đua số 1</a> — Cụm trưởng" in page and "Khối các sở</a> — Khối trưởng" in page


def test_the_audit_summary_of_a_new_member_says_its_title(groups, client_as):
    cluster, _block = groups
    make_unit("UBND xã Định An", code="DA")
    db.session.commit()
    client_as(Role.ADMIN).post(f"/groups/{cluster.id}/members", data={"unit_code": "DA", "role": "deputy"})
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "group.member")
                               .order_by(AuditEntry.id.desc())).first()
    assert entry.summary == "UBND xã Định An: Cụm phó"


def test_a_second_block_leader_is_refused_naming_the_khoi_truong(groups, client_as):
    _cluster, block = groups
    response = client_as(Role.ADMIN).post(f"/groups/{block.id}/members",
                                          data={"unit_code": "GR", "role": MemberRole.LEADER.value})
    assert response.status_code == 400
    assert "Khối các sở đã có khối trưởng: UBND xã Vĩnh Thuận." in response.get_data(as_text=True)


@pytest.fixture
def catalogue(app):
    seed_catalogue(SYSTEM)
    db.session.commit()
    return db.session.scalar(select(AwardForm).filter_by(code="HCLD3"))


def test_the_vietnamese_catalogue_shows_no_english_name(catalogue, client_as):
    client = client_as(Role.UNIT_OFFICER)
    vietnamese = client.get("/nominations/catalogue").get_data(as_text=True)
    assert catalogue.name_vi in vietnamese and catalogue.name_en not in vietnamese
    shown = [form.name_en for form in db.session.scalars(select(AwardForm)) if form.name_en in vietnamese]
    assert not shown
    client.post("/language", data={"locale": "en", "next": "/"})
    english = client.get("/nominations/catalogue").get_data(as_text=True)
    assert catalogue.name_en in english
