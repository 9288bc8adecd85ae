"""The findings feature's pages: findings, recommendations and their verification, the recommendation
register, and the transfer of a dissolved unit's open items. The routes are split by sub-area."""

from inspection import sections
from inspection.findings import (  # noqa: F401  (routes; date_warnings: the mission's date checks)
    date_warnings,
    finding_views,
    recommendation_views,
    register_export_views,
    register_views,
)
from inspection.findings.blueprint import bp  # noqa: F401  (registered by the app factory)
from inspection.findings.mission_panel import mission_findings_context
from inspection.findings.queries import unit_transfer_context

# the findings' panels on the pages of the features below (inspection/sections.py)
sections.contribute(sections.MISSION_PAGE, mission_findings_context)
sections.contribute(sections.UNIT_PAGE, unit_transfer_context)
