"""Context for the parts of other features' pages that show responses (filled in by the responses feature)."""


def panel_context(recommendation, user) -> dict:
    """Variables for templates/responses/_panel.html on the recommendation page."""
    return {}


def waiting_on_inspector(mission, user) -> dict:
    """Variables for templates/responses/_waiting_on_inspector.html in the mission workspace."""
    return {}
