"""Award hold (tạm dừng xét khen thưởng): no award, and no nomination, while the unit or person is under
inspection (DOMAIN.md 1.6; Decree 152 Art. 4). A dossier is on hold when someone set its `award_hold` flag
by hand, or when it is linked to a shortcoming of severity "serious" or above that is not yet remedied:
a recommendation of it is still open (not verified), or none has been issued yet. Verifying every
recommendation lifts the hold by itself; reopening one puts it back. Nothing is stored: the hold is worked
out from the findings each time, so it can never go stale.

`held_clause()` is the SQL form (the registry's filter and column, the export, the report);
`hold_reasons()` the Python form for pages, from the same condition, so the two always agree."""

from collections.abc import Iterable

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import joinedload

from inspection.extensions import db
from inspection.findings.models import Finding, FindingKind, Recommendation, Severity, VerifiedStatus
from inspection.nominations.models import Dossier, finding_dossiers

#: severities "serious" and above hold back the awards of the dossiers they concern
HOLDING_SEVERITIES = (Severity.SERIOUS, Severity.CRITICAL)


def holding_finding_clause():
    """SQL condition over Finding: a shortcoming, serious or above, not yet remedied. A strength (ưu điểm)
    never holds anything back, whatever severity it was given."""
    recommendations = select(Recommendation.id).where(Recommendation.finding_id == Finding.id)
    still_open = exists(recommendations.where(Recommendation.verified_status == VerifiedStatus.OPEN)
                        .correlate_except(Recommendation))
    none_yet = ~exists(recommendations.correlate_except(Recommendation))
    return and_(Finding.kind == FindingKind.SHORTCOMING, Finding.severity.in_(HOLDING_SEVERITIES),
                or_(still_open, none_yet))


def held_dossier_ids():
    """SELECT of the ids of the dossiers held back by findings. It stands alone (never correlated with
    an outer query, even one that joins findings too), so the database works it out once — a small set,
    since few dossiers are linked to findings — rather than once per dossier of a million-row registry."""
    return (select(finding_dossiers.c.dossier_id)
            .join(Finding, Finding.id == finding_dossiers.c.finding_id)
            .where(holding_finding_clause())
            .correlate(None))


def held_clause():
    """SQL condition over Dossier: on hold because of a linked serious finding not yet remedied (the
    manual flag is `Dossier.award_hold`; `on_hold_clause()` is both)."""
    return Dossier.id.in_(held_dossier_ids())


def on_hold_clause():
    """On hold for any reason: by hand or by a finding (what the registry's "hold=yes" means)."""
    return or_(Dossier.award_hold.is_(True), held_clause())


def held_among(dossier_ids: Iterable[int]) -> set[int]:
    """Which of these dossiers (a page of them) findings hold back: their links first, then the condition, so
    the query touches only the page's links, not every held dossier in the country."""
    ids = sorted(set(dossier_ids))
    if not ids:
        return set()
    query = (select(finding_dossiers.c.dossier_id).join(Finding, Finding.id == finding_dossiers.c.finding_id)
             .where(finding_dossiers.c.dossier_id.in_(ids), holding_finding_clause()))
    return set(db.session.scalars(query))


def hold_reasons(dossier_ids: Iterable[int]) -> dict[int, list[Finding]]:
    """The findings that hold each dossier back, with their missions loaded, in one query. Dossiers not
    held by any finding are absent (a dossier may still be on hold by hand: see `is_on_hold`)."""
    ids = sorted(set(dossier_ids))
    if not ids:
        return {}
    query = (select(finding_dossiers.c.dossier_id, Finding)
             .join(Finding, Finding.id == finding_dossiers.c.finding_id)
             .where(finding_dossiers.c.dossier_id.in_(ids), holding_finding_clause())
             .options(joinedload(Finding.mission))
             .order_by(Finding.id))
    reasons: dict[int, list[Finding]] = {}
    for dossier_id, finding in db.session.execute(query):
        reasons.setdefault(dossier_id, []).append(finding)
    return reasons


def holding_findings(dossier: Dossier) -> list[Finding]:
    """For one dossier: the findings that hold it back (one query)."""
    return hold_reasons([dossier.id]).get(dossier.id, [])


def is_on_hold(dossier: Dossier, reasons: dict[int, list[Finding]]) -> bool:
    """On hold by hand or by a finding; `reasons` from hold_reasons() over the dossiers on the page."""
    return bool(dossier.award_hold or reasons.get(dossier.id))
