"""Every response carries the security headers: every route of the URL map (its arguments "1", which in the
emptied database are the world's first objects), as a visitor and as every role, GET and POST, errors
included. Pages hold no inline script, event handler, style attribute or javascript: address (the policy
would block them); anything that is not a page is a download: an attachment with a sandboxing policy."""

import re

import pytest

from inspection.auth.models import Role
from tests.security.headers_world import build_world

PAGE_TYPES = ("text/html", "application/json")
#: what a download's policy must say: load nothing, run nothing (inspection/security_headers.py)
DOWNLOAD_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'"
INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>|<style\b|\son[a-z]+\s*="
                    r"|\sstyle\s*=|\s(?:href|src|action|formaction)\s*=\s*[\"']?\s*javascript:", re.IGNORECASE)
#: a link or form leading off the portal (there are none: every address is a path here)
OUTSIDE = re.compile(r"\s(?:href|src|action|formaction)\s*=\s*[\"']?\s*(?:[a-z][a-z0-9+.-]*:|//|/\\|\\)",
                     re.IGNORECASE)


def concrete_path(rule) -> str:
    """A URL that matches the rule: the first choice of an any(...) converter, else 1."""
    path = re.sub(r"<any\(([^,)]+)[^>]*>", lambda match: match.group(1).strip(), rule.rule)
    return re.sub(r"<(?:[^:>]+:)?[^>]+>", "1", path)


def header_problems(response) -> list[str]:
    """What is missing or wrong in one response's headers (empty: all good)."""
    headers, problems = response.headers, []
    policy = headers.get("Content-Security-Policy", "")
    if "unsafe-inline" in policy or "unsafe-eval" in policy:
        problems.append(f"unsafe policy {policy!r}")
    if not (policy == DOWNLOAD_POLICY or all(part in policy for part in (
            "default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'",
            "form-action 'self'", "frame-ancestors 'none'"))):
        problems.append(f"Content-Security-Policy {policy!r}")
    expected = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"}
    problems += [f"{name}: {headers.get(name)!r}" for name, value in expected.items() if headers.get(name) != value]
    if "Strict-Transport-Security" in headers:
        problems.append("HSTS without the secure-cookie setting")
    return problems


def content_problems(response) -> list[str]:
    """A page without inline code; anything else a sandboxed attachment."""
    if response.status_code != 200:
        return []
    if response.mimetype == "text/html":
        html = response.get_data(as_text=True)
        found = [*INLINE.findall(html), *(match for match in OUTSIDE.findall(html) if "data:" not in match)]
        return [f"inline code, inline style or an outside address in the page: {found[:3]}"] if found else []
    if response.mimetype in PAGE_TYPES:
        return []
    disposition = response.headers.get("Content-Disposition", "")
    problems = [] if disposition.startswith("attachment;") else [f"a {response.mimetype} file not as attachment"]
    if response.headers.get("Content-Security-Policy") != DOWNLOAD_POLICY:
        problems.append("a download without the sandboxing policy")
    return problems


def walk(app, client, label: str, methods=("GET",)) -> tuple[list[str], list[str]]:
    """(problems, the routes that sent a download) for every route and method the client can try."""
    problems, downloads = [], []
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods & set(methods)):
            response = client.open(concrete_path(rule), method=method)
            found = header_problems(response) + content_problems(response)
            problems += [f"{label} {method} {rule.rule} ({response.status_code}): {problem}" for problem in found]
            if response.headers.get("Content-Disposition", "").startswith("attachment"):
                downloads.append(rule.endpoint)
    return problems, downloads


@pytest.fixture
def world(app):
    return build_world(app)


def test_every_route_as_a_visitor_and_as_every_role_carries_the_headers(app, client, login, world):
    # a visitor's POSTs are refused before any change; a user's would log out or mark things read midway
    problems, _ = walk(app, client, "visitor", methods=("GET", "POST"))
    downloads: set[str] = set()
    for role, user in world.users.items():
        found, sent = walk(app, login(user), role.value)
        problems += found
        downloads.update(sent)
    assert problems == []
    # the walk did reach the downloads it judges (evidence, self-report file, exports, import templates)
    assert {"responses.download_evidence", "missions.self_report_file", "nominations.import_template",
            "imports.template"} <= downloads  # the exports are jobs now: their files come from jobs.result


def test_errors_and_static_files_carry_the_headers_too(client, login, world):
    officer = login(world.users[Role.UNIT_OFFICER])
    responses = {"404": officer.get("/recommendations/987654"), "403": officer.get("/admin/users"),
                 "405": officer.put("/notifications/"), "static js": client.get("/static/js/portal.js"),
                 "static css": client.get("/static/css/portal.css"), "login": client.get("/login")}
    assert {name: header_problems(response) for name, response in responses.items()} == {
        name: [] for name in responses}
    assert responses["404"].status_code == 404 and responses["403"].status_code == 403
