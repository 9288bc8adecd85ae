"""Default deny: every endpoint is public-listed or guarded, and anonymous visitors are sent to login."""

import re

import pytest

from inspection.auth.models import Role
from inspection.permissions import PUBLIC_ENDPOINTS
from tests import factories

ADMIN_ONLY_PAGES = ["/admin/users", "/admin/users/new", "/units/new", "/groups/new", "/import/"]


def _concrete_path(rule) -> str:
    """A URL that matches the rule: the first choice of an any(...) converter, else 1."""
    path = re.sub(r"<any\(([^,)]+)[^>]*>", lambda match: match.group(1).strip(), rule.rule)
    return re.sub(r"<(?:[^:>]+:)?[^>]+>", "1", path)


def test_every_endpoint_is_public_or_declares_its_guard(app):
    unguarded = [
        rule.endpoint for rule in app.url_map.iter_rules()
        if rule.endpoint not in PUBLIC_ENDPOINTS
        and not hasattr(app.view_functions[rule.endpoint], "allowed_roles")
    ]
    assert unguarded == []


def test_public_list_is_short(app):
    assert {"auth.login", "auth.set_language", "static", "health.healthz"} == PUBLIC_ENDPOINTS


def test_anonymous_visitor_is_sent_to_login_from_every_guarded_endpoint(app, client):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(_concrete_path(rule), method=method)
        assert response.status_code == 302, rule.rule
        assert response.headers["Location"].startswith("/login"), rule.rule


@pytest.mark.fresh_app
def test_an_endpoint_without_a_guard_is_refused_even_when_logged_in(app, client_as):
    app.add_url_rule("/forgotten", "forgotten", lambda: "secret")
    client = client_as(Role.ADMIN)
    assert client.get("/forgotten").status_code == 403


@pytest.mark.parametrize("role", [Role.COUNCIL, Role.INSPECTOR, Role.UNIT_OFFICER])
def test_admin_pages_are_refused_to_other_roles(role, client_as, app):
    units = [factories.make_unit()] if role == Role.UNIT_OFFICER else []
    client = client_as(role, units=units)
    for path in ADMIN_ONLY_PAGES:
        assert client.get(path).status_code == 403, path


def test_admin_reaches_admin_pages(client_as):
    client = client_as(Role.ADMIN)
    for path in ADMIN_ONLY_PAGES:
        assert client.get(path).status_code == 200, path


def test_no_guarded_get_page_fails_for_any_role(app, client_as):
    """Every GET endpoint answers 200, 302, 403 or 404 for every role: never a 500."""
    unit = factories.make_unit()
    factories.make_group(members=[(unit, "leader")])
    for role in Role:
        client = client_as(role, units=[unit] if role == Role.UNIT_OFFICER else [])
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint == "static":
                continue
            status = client.get(_concrete_path(rule)).status_code
            # /healthz answers 503 when a check is not fine (here: no backup yet): its report, not a crash
            allowed = (200, 302, 403, 404) + ((503,) if rule.endpoint == "health.healthz" else ())
            assert status in allowed, (role, rule.rule, status)
