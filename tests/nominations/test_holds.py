"""Award hold (DOMAIN.md 1.6; Decree 152 Art. 4): a dossier linked to a serious or critical shortcoming that
is not yet remedied is on hold; verifying every recommendation lifts it, reopening one brings it back.
The SQL clause (registry filter and column) and the Python helper (pages) agree."""

import pytest
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import Finding, FindingKind, Severity, VerificationMethod, VerifiedStatus
from inspection.nominations import filters, holds
from inspection.nominations.filters import DossierFilter
from inspection.nominations.models import Dossier, finding_dossiers
from tests.findings.builders import make_finding, make_recommendation, make_world
from tests.nominations.test_links import link_rows, make_dossier, page


@pytest.fixture
def world(app):
    return make_world()


def held_ids(query=None) -> set[int]:
    query = select(Dossier.id) if query is None else query
    return set(db.session.scalars(query.where(holds.held_clause())))


def verify(recommendation, status=VerifiedStatus.IMPLEMENTED):
    findings.verify(SYSTEM, recommendation, status, VerificationMethod.DESK_REVIEW, "Đã kiểm tra hồ sơ minh chứng",
                    version=recommendation.version)
    db.session.commit()


@pytest.fixture
def serious(world):
    """A serious finding on the world's unit with two open recommendations, linked to one dossier."""
    finding = make_finding(world.mission, world.own, title="Khen thưởng sai đối tượng", severity=Severity.SERIOUS)
    first, second = make_recommendation(finding), make_recommendation(finding)
    dossier = make_dossier(world.own, "KG-2017-0100", recipient="Đỗ Văn Hùng")
    link_rows(finding, dossier)
    return finding, dossier, first, second


def test_a_serious_finding_with_open_recommendations_holds_its_dossiers(world, serious, login):
    finding, dossier, _first, _second = serious
    bystander = make_dossier(world.own, "KG-2017-0101")
    db.session.commit()

    assert held_ids() == {dossier.id}
    assert holds.hold_reasons([dossier.id, bystander.id]) == {dossier.id: [finding]}

    html = page(login(world.own_officer), f"/nominations/dossiers/{dossier.id}")
    assert 'id="tam-dung-xet-khen-thuong"' in html and "Tạm dừng xét khen thưởng" in html
    banner = html[html.index('id="tam-dung-xet-khen-thuong"'):html.index('id="phat-hien-lien-quan-tieu-de"')]
    assert "Khen thưởng sai đối tượng" in banner and world.mission.title in banner  # the reason: finding, mission
    assert "Nghiêm trọng" in banner


def test_a_moderate_finding_holds_nothing(world, login):
    dossier = make_dossier(world.own)
    link_rows(world.finding, dossier)  # the world's finding is moderate, with an open recommendation

    assert held_ids() == set()
    assert holds.hold_reasons([dossier.id]) == {}
    assert 'id="tam-dung-xet-khen-thuong"' not in page(login(world.member), f"/nominations/dossiers/{dossier.id}")


def test_a_critical_finding_without_recommendations_yet_holds(world):
    finding = make_finding(world.mission, world.own, severity=Severity.CRITICAL)
    dossier = make_dossier(world.own)
    link_rows(finding, dossier)

    assert held_ids() == {dossier.id}


def test_a_strength_never_holds_whatever_its_severity(world):
    finding = make_finding(world.mission, world.own, severity=Severity.CRITICAL)
    finding.kind = FindingKind.STRENGTH
    dossier = make_dossier(world.own)
    link_rows(finding, dossier)

    assert held_ids() == set()


def test_the_hold_is_lifted_when_every_recommendation_is_verified(world, serious, login):
    finding, dossier, first, second = serious

    verify(first)
    assert held_ids() == {dossier.id}  # one still open

    verify(second, VerifiedStatus.NOT_IMPLEMENTED)  # any verdict closes it
    assert held_ids() == set()
    assert holds.holding_findings(dossier) == []
    html = page(login(world.member), f"/nominations/dossiers/{dossier.id}")
    assert 'id="tam-dung-xet-khen-thuong"' not in html
    assert "2/2 kiến nghị đã xác minh" in html


def test_the_hold_comes_back_when_a_recommendation_is_reopened(world, serious):
    finding, dossier, first, second = serious
    verify(first)
    verify(second)
    assert held_ids() == set()

    findings.reopen(SYSTEM, second, "Đơn vị chưa thu hồi hiện vật", version=second.version)
    db.session.commit()

    assert held_ids() == {dossier.id}
    assert holds.holding_findings(dossier) == [finding]


def test_the_manual_flag_is_a_hold_too(world):
    by_hand = make_dossier(world.own, award_hold=True)
    free = make_dossier(world.own)
    db.session.commit()

    on_hold = set(db.session.scalars(select(Dossier.id).where(holds.on_hold_clause())))
    assert on_hold == {by_hand.id}
    assert holds.is_on_hold(by_hand, {}) and not holds.is_on_hold(free, {})
    assert held_ids() == set()  # held_clause is the findings' part only


def test_the_clause_keeps_its_own_tables_inside_a_query_that_joins_findings(world, serious):
    finding, dossier, _first, _second = serious
    moderate_link = make_dossier(world.own)
    link_rows(world.finding, moderate_link, dossier)
    query = (select(Dossier.id).join(finding_dossiers, finding_dossiers.c.dossier_id == Dossier.id)
             .join(Finding, Finding.id == finding_dossiers.c.finding_id).where(Finding.id == world.finding.id))

    # both dossiers are reached through the moderate finding; only one is held (by the serious one)
    assert held_ids(query) == {dossier.id}


def test_the_registry_filter_hold_yes_lists_exactly_the_dossiers_shown_as_held(world, serious, login):
    _finding, dossier, _first, _second = serious
    by_hand = make_dossier(world.own, "KG-2017-0200", award_hold=True)
    free = make_dossier(world.own, "KG-2017-0300")
    moderate = make_dossier(world.own, "KG-2017-0400")
    link_rows(world.finding, moderate)
    everything = [dossier, by_hand, free, moderate]

    reasons = holds.hold_reasons([d.id for d in everything])
    shown_as_held = {d.id for d in everything if holds.is_on_hold(d, reasons)}
    query = filters.apply(select(Dossier.id), DossierFilter(hold="yes"), None, holds.held_clause())
    assert set(db.session.scalars(query)) == shown_as_held == {dossier.id, by_hand.id}

    html = page(login(world.member), "/nominations/?hold=yes")
    assert "KG-2017-0100" in html and "KG-2017-0200" in html
    assert "KG-2017-0300" not in html and "KG-2017-0400" not in html


def test_hold_reasons_is_one_query_whatever_the_number_of_dossiers(world, count_queries):
    few, many = [], []
    for number in range(12):
        finding = make_finding(world.mission, world.own, severity=Severity.SERIOUS)
        make_recommendation(finding)
        dossiers = [make_dossier(world.own) for _ in range(2)]
        link_rows(finding, *dossiers)
        (few if number < 1 else many).extend(dossier.id for dossier in dossiers)
    db.session.expire_all()

    with count_queries() as counter:
        assert len(holds.hold_reasons(few)) == 2
    assert counter.count == 1
    with count_queries() as counter:
        reasons = holds.hold_reasons(few + many)
    assert counter.count == 1
    assert len(reasons) == 24
    with count_queries() as counter:
        titles = {finding.mission.title for found in reasons.values() for finding in found}  # missions came along
    assert counter.count == 0 and titles == {world.mission.title}
    assert holds.hold_reasons([]) == {}


def test_the_finding_page_says_it_holds_its_dossiers_and_badges_them(world, serious, login):
    finding, dossier, _first, _second = serious

    html = page(login(world.member), f"/findings/{finding.id}")

    assert "các hồ sơ đề nghị khen thưởng liên quan đang bị tạm dừng xét khen thưởng" in html
    row = html[html.index("KG-2017-0100"):]
    assert "Tạm dừng xét khen thưởng" in row[:row.index("</tr>")]
