"""The findings feature's pages: findings, recommendations and their verification, the recommendation
register, and the transfer of a dissolved unit's open items. The routes are split by sub-area."""

from inspection.findings import finding_views, recommendation_views, register_views  # noqa: F401  (routes)
from inspection.findings.blueprint import bp  # noqa: F401  (registered by the app factory)
