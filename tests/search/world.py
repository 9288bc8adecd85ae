"""Two provinces' worth of records with accented names, one unit officer per unit: what the search tests
look for, in both places, so that a result leaking across units shows."""

from datetime import date

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import FindingCategory, Severity
from inspection.nominations import services as nominations
from inspection.nominations.models import DossierStatus, RecipientKind
from inspection.units.models import UnitKind
from tests.factories import make_unit, make_user
from tests.missions.builders import add_self_report, make_mission
from tests.nominations.builders import award_form


def build(app) -> dict:
    kg = make_unit("UBND tỉnh Kiên Giang", code="KG", kind=UnitKind.PROVINCE)
    pq = make_unit("Đặc khu Phú Quốc", code="KG-PQ", kind=UnitKind.COMMUNE, parent=kg)
    ag = make_unit("Sở Tư pháp tỉnh An Giang", code="AG-STP")
    inspector = make_user(Role.INSPECTOR)
    records = {"units": {"kg": kg, "pq": pq, "ag": ag}, "inspector": inspector,
               "officer_pq": make_user(Role.UNIT_OFFICER, units=[pq]),
               "officer_ag": make_user(Role.UNIT_OFFICER, units=[ag])}
    for key, unit in (("pq", pq), ("ag", ag)):
        mission = make_mission([unit], inspector, title=f"Kiểm tra công tác khen thưởng tại {unit.name}")
        add_self_report(mission, unit, app=app)
        finding = findings.create_finding(SYSTEM, mission, unit=unit, category=FindingCategory.COMMUNICATION,
                                          severity=Severity.MODERATE, title=f"Hồ sơ khen thưởng của {unit.name} thiếu")
        rec = findings.create_recommendation(SYSTEM, finding, text=f"Bổ sung hồ sơ KIÊN TRÌ tại {unit.name}",
                                             issued_on=date(2017, 12, 1), due=date(2030, 6, 30),
                                             responsible_units=[unit])
        dossier = nominations.create_dossier(
            SYSTEM, status=DossierStatus.DRAFT, unit=unit, code=f"HS-{unit.code}", year=2017,
            award_form=award_form("BKUBT"), recipient_kind=RecipientKind.INDIVIDUAL,
            recipient_name=f"Nguyễn Văn Kiên {key.upper()}")
        records[key] = {"mission": mission, "finding": finding, "recommendation": rec, "dossier": dossier}
    db.session.commit()
    return records
