"""Page sections: how a higher feature adds its part to a lower feature's page without the lower one
knowing it exists (docs/architecture.md). The mission page shows the findings of the mission, the
recommendation page the units' answers, the finding page its linked dossiers, the unit page the transfer
of its open items; each of those features registers a context function for the page when its views are
imported (by the app factory), and the page's template includes the feature's partial.

The page asks for `context_for(PAGE, record, user)`: the variables of every section registered for it. The
same registry holds the mission's date checks (MISSION_DATE_CHECKS: the findings add their recommendations'
dates to missions/date_warnings.py), read with `sections_of`."""

from collections.abc import Callable

MISSION_PAGE = "mission"
RECOMMENDATION_PAGE = "recommendation"
FINDING_PAGE = "finding"
UNIT_PAGE = "unit"
#: (mission, bounds) → its records' date warnings (missions/date_warnings.py)
MISSION_DATE_CHECKS = "mission date checks"

#: a page's context function (record, user) → variables, or another point's function (MISSION_DATE_CHECKS)
SectionContext = Callable[..., object]
_SECTIONS: dict[str, list[SectionContext]] = {}


def contribute(page: str, context: SectionContext) -> None:
    """Add a section's function to a page (once: registering the same function twice is a bug)."""
    registered = _SECTIONS.setdefault(page, [])
    if context in registered:
        raise ValueError(f"{context.__qualname__} is already a section of the {page} page")
    registered.append(context)


def context_for(page: str, record, user) -> dict:
    merged: dict = {}
    for context in _SECTIONS.get(page, ()):
        merged |= context(record, user)
    return merged


def sections_of(page: str) -> tuple[SectionContext, ...]:
    return tuple(_SECTIONS.get(page, ()))
