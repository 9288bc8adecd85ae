"""The nominations feature's pages: the award catalogue, the dossier registry and dossier pages, and (from
other modules of the package, when present) the Excel import and export, the statistics report and the
finding ↔ dossier links. Each *_views module adds its routes to the one blueprint; a module is imported
only when its file exists, so each part plugs in without editing this file."""

from importlib.util import find_spec

from inspection.nominations import catalogue_views, dossier_views, registry_views  # noqa: F401  (routes)
from inspection.nominations.blueprint import bp  # noqa: F401  (registered by the app factory)

if find_spec("inspection.nominations.import_views"):
    from inspection.nominations import import_views  # noqa: F401
if find_spec("inspection.nominations.report_views"):
    from inspection.nominations import report_views  # noqa: F401
if find_spec("inspection.nominations.link_views"):
    from inspection.nominations import link_views  # noqa: F401
