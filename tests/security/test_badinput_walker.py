"""Bad input never gives a 5xx: a property-based walk over the whole URL map and every form, as every role.

For every route, each id argument is replaced by a hostile integer (0, -1, 2^63-1, 2^63, 2^64, 10^20). Every GET
page (its ids 1: the small world's first records) is read, and hypothesis then draws hostile query strings for
it (the parameters the views read, and the fields of its filter forms). Every form the pages show is read from
their HTML – what a browser would send, with prefixes, hidden fields and offered choices – and hypothesis submits
it with each field either one of its offered values or a hostile one (huge and negative integers, NUL and control
characters, 10,000-character strings, NFD text, impossible dates). POST routes no page shows a form for get
hostile values under every field name seen. Reading the HTML rather than the WTForms classes covers every form
actually shown, including the few built by hand, and only what a real user can reach.

Runs on SQLite, and on PostgreSQL when INSPECTION_TEST_DATABASE_URL is set (NUL and bigint bounds differ there)."""

import logging
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.badinput_walker import (
    HOSTILE_VALUES,
    QUERY_NAMES,
    SKIPPED_POSTS,
    ErrorLog,
    concrete_paths,
    forms_of,
)
from tests.security.badinput_world import make_world

EXAMPLES = int(os.environ.get("BADINPUT_EXAMPLES", "6"))
ROLES = ["admin", "council", "inspector", "unit_officer"]


class Walker:
    def __init__(self, app, login, user):
        self.app, self.login, self.user = app, login, user
        self.client = login(user)
        self.adapter = app.url_map.bind("localhost")
        self.failures: list[str] = []
        self.errors = ErrorLog()

    def send(self, method: str, url: str, data: dict | None = None):
        before = len(self.errors.lines)
        if method == "GET":
            response = self.client.get(url, query_string=data)
        else:
            response = self.client.post(url, data=data)
        if response.status_code == 302 and response.headers["Location"].startswith("/login"):
            self.client = self.login(self.user)  # a form logged the walker out: carry on logged in
        crash = "; ".join(self.errors.lines[before:])
        # /healthz answers 503 when a check is not fine (here: no backup yet): its JSON report, not a crash
        unhealthy = url.startswith("/healthz") and response.status_code == 503 and response.is_json
        assert response.status_code < 500 or unhealthy, f"{method} {url} {data!r:.400} → {response.status_code} {crash}"
        return response

    def check(self, label: str, strategy, send) -> None:
        """Hypothesis draws values from `strategy` for `send`; a failure (shrunk) is recorded, the walk goes on."""
        @settings(max_examples=EXAMPLES, deadline=None, database=None, print_blob=False,
                  suppress_health_check=list(HealthCheck))
        @given(strategy)
        def run(values):
            send(values)

        try:
            run()
        except Exception as failure:  # noqa: BLE001 – hypothesis may group several failures, or call one flaky
            self.failures.append(f"{label}: {failure}")

    def record(self, check) -> None:
        try:
            check()
        except AssertionError as failure:
            self.failures.append(str(failure))

    def endpoint(self, path: str, method: str) -> str | None:
        try:
            return self.adapter.match(path, method=method)[0]
        except Exception:  # noqa: BLE001 – a path the map does not know is simply not walked
            return None


def _walk_ids(walker: Walker, rules) -> None:
    for rule in rules:
        method = "GET" if "GET" in rule.methods else "POST"
        if rule.endpoint in SKIPPED_POSTS:
            continue
        for url in concrete_paths(rule, hostile=True):
            walker.record(lambda url=url, method=method: walker.send(method, url))


def _walk_pages(walker: Walker, rules) -> list:
    forms = {}
    for rule in rules:
        if "GET" not in rule.methods or rule.endpoint == "static" or rule.arguments - rule._converters.keys():
            continue
        url = concrete_paths(rule, hostile=False)[0]
        try:
            response = walker.send("GET", url)
        except AssertionError as failure:
            walker.failures.append(str(failure))
            continue
        page_forms = forms_of(response.get_data(as_text=True), url) if response.mimetype == "text/html" else []
        for form in page_forms:
            forms.setdefault(form.key(), form)
        names = sorted(set(QUERY_NAMES) | {name for form in page_forms if form.method == "get" for name in form.fields})
        query = st.dictionaries(st.sampled_from(names), st.sampled_from(HOSTILE_VALUES), min_size=1, max_size=3)
        walker.check(f"GET {url}", query, lambda values, url=url: walker.send("GET", url, values))
    return list(forms.values())


def _field_values(form) -> st.SearchStrategy:
    """Each field: one of the values the page offers (its own first) or a hostile one."""
    return st.fixed_dictionaries({
        name: st.one_of(st.sampled_from(offered or [""]), st.sampled_from(HOSTILE_VALUES))
        for name, offered in form.fields.items()})


def _walk_forms(walker: Walker, forms) -> set:
    posted = set()
    for form in forms:
        method = form.method.upper()
        endpoint = walker.endpoint(form.action, method)
        if endpoint is None or endpoint in SKIPPED_POSTS or not form.fields:
            continue
        posted.add(endpoint)
        walker.check(f"{method} {form.action}", _field_values(form),
                     lambda values, form=form, method=method: walker.send(method, form.action, values))
    return posted


def _walk_formless_posts(walker: Walker, rules, posted: set, names: list[str]) -> None:
    """POST routes no page showed a form for (e.g. a form shown only in some state): every name seen, hostile."""
    values = st.dictionaries(st.sampled_from(names), st.sampled_from(HOSTILE_VALUES), min_size=1, max_size=4)
    for rule in rules:
        if "POST" in rule.methods and rule.endpoint not in posted | SKIPPED_POSTS:
            url = concrete_paths(rule, hostile=False)[0]
            walker.check(f"POST {url}", values, lambda data, url=url: walker.send("POST", url, data))


@pytest.mark.parametrize("role", ROLES)
def test_no_hostile_id_query_or_form_value_gives_a_5xx(app, login, role):
    user = make_world(app).users[role]
    walker = Walker(app, login, user)
    logging.getLogger(app.logger.name).addHandler(walker.errors)
    try:
        rules = sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule)
        _walk_ids(walker, rules)
        forms = _walk_pages(walker, rules)
        posted = _walk_forms(walker, forms)
        names = sorted({name for form in forms for name in form.fields} | set(QUERY_NAMES))
        _walk_formless_posts(walker, rules, posted, names)
    finally:
        app.logger.removeHandler(walker.errors)
    assert walker.failures == [], "\n".join(walker.failures)
