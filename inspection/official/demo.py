"""The demo's issuer: the provincial council's profile (inspection/demo/kiengiang.py, COUNCIL_ISSUER), loaded
after the demo data by `flask demo load` (the demo package sits below this one and cannot call it)."""

from inspection.access import SYSTEM
from inspection.demo.kiengiang import COUNCIL_ISSUER
from inspection.documents.issuer_profiles import SigningForm
from inspection.official import issuers
from inspection.units.queries import unit_by_code


def load_demo_issuer() -> None:
    values = dict(COUNCIL_ISSUER)
    unit = unit_by_code(values.pop("unit"))
    if unit is None or issuers.profile_of(unit.id) is not None:
        return
    values["signing_form"] = SigningForm(values["signing_form"])
    issuers.create_profile(SYSTEM, unit, issuers.IssuerDetails(**values))
