"""The layers of `inspection/` (docs/architecture.md): a module imports only from its own layer or the layers
below, at module level or inside a function. The import graph is read with `ast`, not by importing."""

import ast
from pathlib import Path

#: lowest first; a module belongs to the most specific prefix listed (the rest is the core)
LAYERS = (
    ("core", ()),  # extensions, rules, workflow, audit, access, permissions, forms_util, documents, calendar, files…
    ("units", ("units", "groups")),
    ("imports", ("imports",)),
    ("notifications", ("notifications",)),
    ("missions", ("missions",)),
    ("findings", ("findings",)),
    ("responses", ("responses",)),
    ("nominations", ("nominations",)),
    ("reading", ("council", "dashboard", "saved_filters", "home", "admin", "demo",
                 "reminders", "search")),
    # official documents (Văn bản) are built from every feature's data
    ("official", ("official",)),
)
#: the composition root: the app factory, the CLI group and the model registry for migrations see everything
ROOTS = frozenset({"inspection", "inspection.models", "inspection.cli", "inspection.tasks"})

def layer_of(module: str) -> int:
    rest = module.split(".")[1:]
    best, best_length = 0, 0
    for index, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            parts = prefix.split(".")
            if rest[:len(parts)] == parts and len(parts) > best_length:
                best, best_length = index, len(parts)
    return best


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every inspection module a file imports, also inside functions; `from x import y` counts as x.y too
    (y may be a module)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name.split(".")[0] == "inspection"}


def feature_of(target: str) -> str:
    """How an upward import is named: the package (or the listed module) it reaches into."""
    parts = target.split(".")
    prefixes = [prefix for _name, group in LAYERS for prefix in group]
    longest = max((p for p in prefixes if parts[1:1 + len(p.split("."))] == p.split(".")), key=len, default=None)
    return "inspection." + longest if longest else target


def upward_imports(root: Path) -> set[tuple[str, str]]:
    found = set()
    for path in sorted(root.rglob("*.py")):
        module = module_name(path, root)
        if module in ROOTS:
            continue
        for target in imported(path):
            if layer_of(target) > layer_of(module):
                found.add((module, feature_of(target)))
    return found


def test_no_module_imports_a_layer_above_its_own():
    found = upward_imports(Path(__file__).parent.parent / "inspection")
    assert found == set(), "imports against the layer order (docs/architecture.md)"


def test_the_check_catches_a_wrong_import_inside_a_function(tmp_path):
    """A small tree in which the core reaches into a feature, inside a function, and a feature imports the
    one above it at module level: both are found; downward imports are not."""
    root = tmp_path / "inspection"
    for package in ("", "units", "missions", "findings"):
        (root / package).mkdir(parents=True, exist_ok=True)
        (root / package / "__init__.py").write_text("")
    (root / "rules.py").write_text("def label():\n    from inspection.findings.models import LABELS\n")
    (root / "missions" / "views.py").write_text("from inspection.findings import queries\n")
    (root / "findings" / "services.py").write_text("from inspection.missions.models import Mission\n"
                                                   "from inspection.units import queries\n")
    assert upward_imports(root) == {("inspection.rules", "inspection.findings"),
                                    ("inspection.missions.views", "inspection.findings")}


def test_higher_features_contribute_their_panels_to_the_pages_below(app):
    """The panels a lower page shows come from the registry (inspection/sections.py), filled when the app
    factory imports the features' views: dropping a registration would empty a panel without an error."""
    from inspection import sections

    names = {page: {context.__qualname__ for context in sections.sections_of(page)}
             for page in (sections.MISSION_PAGE, sections.RECOMMENDATION_PAGE, sections.FINDING_PAGE,
                          sections.UNIT_PAGE, sections.MISSION_DATE_CHECKS)}
    assert names == {sections.MISSION_PAGE: {"mission_findings_context", "waiting_on_inspector"},
                     sections.RECOMMENDATION_PAGE: {"panel_context"},
                     sections.FINDING_PAGE: {"finding_dossiers_context"},
                     sections.UNIT_PAGE: {"unit_transfer_context"},
                     sections.MISSION_DATE_CHECKS: {"recommendation_warnings"}}
