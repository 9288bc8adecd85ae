"""The clusters and blocks of the pick lists, kept per process (groups/choices.py): a new group, a renamed one
and one moved to another year show at once in the register's and the dashboard's filter."""

import re

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.groups.models import GroupKind
from tests.factories import make_group


def _options(client, path: str) -> dict[str, str]:
    """The filter's cluster/block options: value → name, within their year's optgroup (year|value → name)."""
    page = client.get(path).get_data(as_text=True)
    select = re.search(r'<select[^>]*name="group"[^>]*>(.*?)</select>', page, re.S).group(1)
    found = {}
    for year, options in re.findall(r'<optgroup label="(\d+)">(.*?)</optgroup>', select, re.S):
        for value, name in re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', options):
            found[f"{year}|{value}"] = name
    return found


def test_a_new_a_renamed_and_a_moved_group_show_at_once(app, client_as):
    first = make_group(kind=GroupKind.CLUSTER, year=2025, name="Cụm thi đua số 1")
    db.session.commit()
    client = client_as(Role.ADMIN)
    assert _options(client, "/recommendations/") == {f"2025|{first.id}": "Cụm thi đua số 1"}
    second = make_group(year=2026, name="Khối các sở")
    db.session.commit()
    assert _options(client, "/dashboard/") == {f"2025|{first.id}": "Cụm thi đua số 1",
                                               f"2026|{second.id}": "Khối các sở"}
    response = client.post(f"/groups/{first.id}/edit", data={
        "kind": "cluster", "name": "Cụm thi đua các huyện", "year": "2026", "version": str(first.version)})
    assert response.status_code == 302
    assert _options(client, "/recommendations/") == {f"2026|{first.id}": "Cụm thi đua các huyện",
                                                     f"2026|{second.id}": "Khối các sở"}
