"""axe-core (static/vendor/axe-core, injected only here) on every main page, as each role that may open it:
no serious and no critical violation of WCAG 2.1 A/AA or of axe's best practices.

One browser context per role, logged in once; each page is its own test, so a failure names the role and the
page, and its message lists every offending rule with its impact and the elements (CSS selectors) at fault."""

from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import Browser, Page

from inspection.demo.kiengiang import DEMO_PASSWORD

AXE_URL = "/static/vendor/axe-core/axe.min.js"  # served by the app, so the page's CSP ('self') allows it
BLOCKING = ("serious", "critical")
ALL = ("admin", "council", "inspector", "unit")
STAFF = ("admin", "council", "inspector")

#: (name, address with {ids}, roles allowed to open it)
PAGES = [
    ("home", "/", ALL),
    ("dashboard", "/dashboard/", STAFF),
    ("register", "/recommendations/", ALL),
    ("register-overdue", "/recommendations/?overdue=y", ALL),
    ("missions", "/missions/", ALL),
    ("mission-workspace", "/missions/{mission}", ALL),
    ("mission-new", "/missions/new", STAFF),
    ("plans", "/plans/", STAFF),
    ("finding", "/findings/{finding}", ALL),
    ("finding-new", "/findings/new/{mission}", ("inspector",)),
    ("recommendation", "/recommendations/{recommendation}", ALL),  # a unit officer sees the response forms
    ("recommendation-new", "/findings/{finding}/recommendations/new", ("inspector",)),
    ("mission-members", "/missions/{mission}/members", ("inspector",)),
    ("working-session", "/missions/sessions/{working_session}", ALL),
    ("self-report-figures", "/nominations/self-reports/{self_report}/figures", ("inspector", "unit")),
    ("self-report-reconcile", "/nominations/self-reports/{self_report}/reconcile", ALL),  # pink rows
    ("recommendation-edit", "/recommendations/{recommendation}/edit", ("inspector",)),
    ("todo", "/todo", ("unit",)),
    ("review-sessions", "/council/sessions/", STAFF),
    ("review-session", "/council/sessions/{session}", STAFF),
    ("review-session-new", "/council/sessions/new", ("admin", "council")),
    ("minutes", "/council/sessions/{session}/minutes", STAFF),
    ("calendar", "/calendar/", ("admin", "council")),
    ("units", "/units/", ALL),
    ("unit", "/units/{unit}", ALL),
    ("unit-transfer", "/units/{unit}/transfer-recommendations", ("admin", "council")),
    ("groups", "/groups/", ALL),
    ("group", "/groups/{group}", ALL),
    ("nominations", "/nominations/", ALL),
    ("dossier", "/nominations/dossiers/{dossier}", ALL),
    ("dossier-new", "/nominations/dossiers/new", ("admin", "council")),
    ("award-report", "/nominations/report", ALL),
    ("award-catalogue", "/nominations/catalogue", ALL),
    ("nominations-import", "/nominations/import", ("admin", "council")),
    ("search", "/search?q=kien+giang", ALL),
    ("notifications", "/notifications/", ALL),
    ("jobs", "/jobs/", ALL),
    ("imports-upload", "/import/", ("admin",)),
    ("admin-users", "/admin/users", ("admin",)),
    ("admin-user-edit", "/admin/users/{user}/edit", ("admin",)),
    ("audit-log", "/admin/audit", ("admin", "council")),
    ("account-password", "/account/password", ALL),
    ("account-sessions", "/account/sessions", ALL),
    ("not-found", "/khong-co-trang-nay", ALL),
]
CASES = [pytest.param(role, path, id=f"{role}-{name}") for name, path, roles in PAGES for role in roles]
#: pages read in English by the admin: axe again, and no aria-label left in Vietnamese
ENGLISH = ["/", "/missions/{mission}", "/recommendations/{recommendation}", "/units/{unit}", "/calendar/",
           "/admin/audit", "/dashboard/", "/nominations/dossiers/{dossier}"]
EN_PO = Path(__file__).resolve().parents[2] / "inspection/translations/en/LC_MESSAGES/messages.po"
#: the phone layouts (cards, tables scrolling in their box) at 390×844: what axe says there, not only at desktop width
PHONE = [("unit", "/todo"), ("unit", "/recommendations/{recommendation}"), ("inspector", "/"),
         ("inspector", "/missions/{mission}"), ("council", "/dashboard/"), ("council", "/recommendations/"),
         ("council", "/council/sessions/{session}")]
PHONE_VIEWPORT = {"width": 390, "height": 844}
ANONYMOUS = [pytest.param("/login", 200, id="login"), pytest.param("/khong-co-trang-nay", 404, id="not-found")]


@pytest.fixture(scope="module")
def as_role(browser: Browser, live_server, demo_site):
    """as_role(role) → a page of that demo account's own browser context, logged in on first use."""
    pages: dict[str, Page] = {}

    def page_for(role: str) -> Page:
        if role not in pages:
            pages[role] = _logged_in(browser, live_server, role)
        return pages[role]

    yield page_for
    for page in pages.values():
        page.context.close()


def _logged_in(browser: Browser, base_url: str, account: str) -> Page:
    """`account`: a demo user name, "anonymous", or a user name with "@phone" for a 390×844 screen."""
    username, _at, screen = account.partition("@")
    viewport = PHONE_VIEWPORT if screen == "phone" else {"width": 1366, "height": 768}
    page = browser.new_context(base_url=base_url, viewport=viewport).new_page()
    if username == "anonymous":
        return page
    page.goto("/login")
    form = page.locator("main form")
    form.get_by_label("Tên đăng nhập").fill(username)
    form.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    form.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "/login" not in url)
    return page


def axe_violations(page: Page) -> list[dict]:
    """The serious and critical violations axe finds on the page as it is now."""
    page.add_script_tag(url=AXE_URL)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [violation for violation in result["violations"] if violation["impact"] in BLOCKING]


def report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [f"    {' '.join(map(str, node['target']))}: {_why(node)}" for node in violation["nodes"][:10]]
    return "\n".join(lines)


def _why(node: dict) -> str:
    """axe's first reason for one element (e.g. 'insufficient color contrast of 3.75 (…)')."""
    checks = node["any"] + node["all"] + node["none"]
    return checks[0]["message"] if checks else ""


def open_and_check(page: Page, path: str, status: int) -> None:
    response = page.goto(path)
    assert response.status == status, f"{path}: HTTP {response.status}"
    assert "/login" not in page.url or path == "/login", f"{path} sent the user to the login page"
    violations = axe_violations(page)
    if violations:
        pytest.fail(f"{path}: {len(violations)} serious/critical axe rule(s) broken\n{report(violations)}",
                    pytrace=False)


@pytest.mark.parametrize(("role", "path"), CASES)
def test_no_serious_or_critical_violation(as_role, demo_site, role, path):
    open_and_check(as_role(role), path.format(**demo_site), 404 if "khong-co" in path else 200)


@pytest.mark.parametrize(("role", "path"), [pytest.param(role, path, id=f"{role}-{path}") for role, path in PHONE])
def test_no_serious_or_critical_violation_on_a_phone(as_role, demo_site, role, path):
    open_and_check(as_role(f"{role}@phone"), path.format(**demo_site), 200)


@pytest.mark.parametrize(("path", "status"), ANONYMOUS)
def test_no_serious_or_critical_violation_signed_out(as_role, path, status):
    open_and_check(as_role("anonymous"), path, status)


@cache
def vietnamese_msgids() -> frozenset[str]:
    """The catalogue's msgids whose English differs: seen in an English page, they were never translated."""
    with EN_PO.open("rb") as handle:
        return frozenset(m.id for m in read_po(handle) if isinstance(m.id, str) and m.string and m.string != m.id)


@pytest.mark.parametrize("path", ENGLISH)
def test_english_pages_label_in_english(as_role, demo_site, path):
    page = as_role("admin.en")
    open_and_check(page, path.format(**demo_site), 200)
    assert page.locator("html").get_attribute("lang") == "en"
    labels = page.eval_on_selector_all("[aria-label]", "nodes => nodes.map(node => node.getAttribute('aria-label'))")
    assert labels and not set(labels) & vietnamese_msgids(), f"Vietnamese aria-labels on an English page: {labels}"


def test_the_check_fails_on_a_broken_page(as_role):
    """The check itself works: a page with a low-contrast link and an unnamed button is reported, by rule."""
    page = as_role("anonymous")
    page.goto("/login")
    page.evaluate("""() => {
        const link = Object.assign(document.createElement('a'), {href: '#', textContent: 'mờ quá'});
        link.style.color = '#bbbbbb';
        document.querySelector('main').append(link, document.createElement('button'));
    }""")
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"color-contrast", "button-name"} <= found
