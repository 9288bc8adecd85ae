"""Read queries for findings and recommendations (filled in by the findings feature)."""


def mission_findings_context(mission, user) -> dict:
    """Variables for templates/findings/_mission_findings.html in the mission workspace."""
    return {}


def unit_transfer_context(unit, user) -> dict:
    """Variables for templates/findings/_unit_transfer.html on the unit page."""
    return {}
