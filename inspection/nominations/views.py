"""The nominations feature's pages: the award catalogue, the dossier registry and dossier pages, the Excel
import and export, the statistics report and the finding ↔ dossier links. Each *_views module adds its
routes to the one blueprint; they are imported here from an explicit list, so a missing module raises
ImportError when the app is created instead of silently dropping its routes."""

from inspection import sections
from inspection.nominations import (  # noqa: F401  (each module adds its routes to bp)
    catalogue_views,
    dossier_views,
    import_views,
    link_views,
    registry_views,
    report_views,
)
from inspection.nominations.blueprint import bp  # noqa: F401  (registered by the app factory)
from inspection.nominations.links import finding_dossiers_context

# the linked dossiers on the finding page (inspection/sections.py)
sections.contribute(sections.FINDING_PAGE, finding_dossiers_context)
