"""The register of a province's subtree walks the unit tree once a page (its rows and its count share the
conditions) and still lists and counts the subtree's recommendations only."""

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.units.models import UnitKind
from tests.factories import make_unit
from tests.findings.builders import make_finding, make_mission, make_recommendation


def test_the_subtree_register_walks_the_tree_once_and_lists_the_subtree(client_as, count_queries):
    province = make_unit("UBND tỉnh P", code="P", kind=UnitKind.PROVINCE)
    commune = make_unit("UBND xã Q", code="P-Q", parent=province)
    other = make_unit("Sở R", code="R")
    for unit, text in ((province, "Kiến nghị của tỉnh"), (commune, "Kiến nghị của xã"), (other, "Kiến nghị của sở")):
        make_recommendation(make_finding(make_mission([unit]), unit), [unit], text=text)
    db.session.commit()
    client = client_as(Role.COUNCIL)
    with count_queries() as queries:
        page = client.get("/recommendations/?subtree=P").get_data(as_text=True)
    assert 'data-total="2"' in page
    assert "Kiến nghị của tỉnh" in page and "Kiến nghị của xã" in page and "Kiến nghị của sở" not in page
    assert sum("RECURSIVE" in statement.upper() for statement in queries.statements) == 1
    assert len(queries.statements) <= 16
