"""Moving a dissolved unit's open recommendations to its successor."""

from datetime import date

import pytest

from inspection import audit
from inspection.access import SYSTEM
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.findings import services
from inspection.findings.models import FollowUpAction, UnitStatus, VerificationMethod, VerifiedStatus
from inspection.rules import RuleViolation
from inspection.units import services as units
from tests.factories import make_unit
from tests.findings.builders import make_finding, make_mission, make_recommendation

BASIS = parse_ref("1654/NQ-UBTVQH15")


@pytest.fixture
def merger(app):
    """Two communes merged on 01/07/2025 into a new one; the old ones carried recommendations."""
    old = make_unit("UBND xã Bình An", code="BA")
    neighbour = make_unit("UBND xã Bình Trị", code="BT")
    new = make_unit("UBND xã Kiên Lương", code="KL", valid_from=date(2025, 7, 1))
    mission = make_mission([old, neighbour])
    finding = make_finding(mission, old)
    open_alone = make_recommendation(finding, [old])
    open_shared = make_recommendation(finding, [old, neighbour])
    already_new = make_recommendation(finding, [old, new], issued_on=date(2025, 7, 1), due=date(2025, 12, 31))
    closed = make_recommendation(finding, [old])
    services.verify(SYSTEM, closed, VerifiedStatus.IMPLEMENTED, VerificationMethod.ON_SITE, None,
                    version=closed.version)
    units.merge_units(SYSTEM, [old, neighbour], new, date(2025, 7, 1), BASIS)
    return old, new, open_alone, open_shared, already_new, closed


def test_open_items_move_with_their_basis_and_closed_ones_stay(merger):
    old, new, open_alone, open_shared, already_new, closed = merger
    result = services.transfer_open_recommendations(SYSTEM, old, new, BASIS, "Theo Nghị quyết sắp xếp")
    assert result.moved == [open_alone, open_shared, already_new] and result.merged == [already_new]
    share = open_alone.responsibilities[0]
    assert share.unit is new and share.transferred_from is old and str(share.transfer_basis) == "1654/NQ-UBTVQH15"
    assert share.transferred_at is not None
    assert [s.unit.code for s in open_shared.responsibilities] == ["KL", "BT"]
    assert [s.unit.code for s in closed.responsibilities] == ["BA"]  # verified: its record stays with it
    [entry] = [e for e in audit.history_of(open_alone) if e.action == "recommendation.transfer"]
    assert "Chuyển trách nhiệm thực hiện từ UBND xã Bình An sang UBND xã Kiên Lương theo 1654/NQ-UBTVQH15" \
        in entry.summary
    assert entry.before == {"responsible_units": ["BA"]}
    assert entry.after["responsible_units"] == ["KL"] and entry.after["transfer_basis"] == "1654/NQ-UBTVQH15"


def test_a_successor_already_sharing_keeps_one_share_and_the_actions(merger):
    old, new, _alone, _shared, already_new, _closed = merger
    old_share = next(s for s in already_new.responsibilities if s.unit_id == old.id)
    old_share.actions.append(FollowUpAction(what="Rà soát hồ sơ khen thưởng", progress=40))
    old_share.status = UnitStatus.IN_PROGRESS
    db.session.flush()
    services.transfer_open_recommendations(SYSTEM, old, new, BASIS, None)
    [kept] = already_new.responsibilities
    assert kept.unit is new and kept.transferred_from is old and kept.status == UnitStatus.NOT_STARTED
    assert [action.what for action in kept.actions] == ["Rà soát hồ sơ khen thưởng"]
    summary = [e for e in audit.history_of(already_new) if e.action == "recommendation.transfer"][0].summary
    assert "đã cùng chịu trách nhiệm nên chỉ giữ một phần trách nhiệm" in summary


def test_transfer_is_refused_without_basis_to_itself_from_a_living_unit_or_with_nothing_open(merger):
    old, new, *_ = merger
    living = make_unit("Sở Nội vụ", code="SNV")
    cases = [((old, new, None), "legal_basis"), ((old, old, BASIS), "to_unit"), ((old, None, BASIS), "to_unit"),
             ((new, living, BASIS), None), ((old, make_unit("Xã đã giải thể", valid_to=date(2020, 1, 1)), BASIS),
                                            "to_unit")]
    for arguments, field in cases:
        with pytest.raises(RuleViolation) as refused:
            services.transfer_open_recommendations(SYSTEM, *arguments)
        assert refused.value.field == field, arguments
    services.transfer_open_recommendations(SYSTEM, old, new, BASIS)
    with pytest.raises(RuleViolation, match="không còn kiến nghị nào chưa kết luận"):
        services.transfer_open_recommendations(SYSTEM, old, new, BASIS)
