"""Every feature's routes are registered: each module that declares routes contributes view functions to the
app, so dropping a views module from its feature's import list (or a blueprint from the factory) fails here."""

import re
from pathlib import Path

import inspection

ROUTE_DECORATOR = re.compile(r"^@bp\.(route|get|post)\(|add_url_rule\(", re.MULTILINE)


def _route_modules():
    """Dotted names of the inspection modules whose source declares at least one route."""
    root = Path(inspection.__file__).parent
    for path in sorted(root.rglob("*views*.py")):
        if ROUTE_DECORATOR.search(path.read_text(encoding="utf-8")):
            yield ".".join(("inspection", *path.relative_to(root).with_suffix("").parts))


def test_every_module_that_declares_routes_has_them_registered(app):
    modules = list(_route_modules())
    assert len(modules) >= 25  # the scan itself found the views modules
    registered = {view.__module__ for view in app.view_functions.values()}
    missing = [name for name in modules if name not in registered]
    assert missing == []


def test_nominations_import_report_and_link_routes_are_registered(app):
    endpoints = set(app.view_functions)
    for endpoint in ("nominations.import_upload", "nominations.import_confirm", "nominations.import_template",
                     "nominations.export_start", "nominations.report", "nominations.self_report_figures",
                     "nominations.self_report_reconcile", "nominations.search_dossiers",
                     "nominations.link_dossier", "nominations.link_finding", "nominations.unlink",
                     "nominations.catalogue", "nominations.registry", "nominations.dossier"):
        assert endpoint in endpoints, endpoint
