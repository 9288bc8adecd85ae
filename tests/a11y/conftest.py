"""The accessibility tests run axe-core in the browser tests' live server, on the demo data set, logged in once
per role. The demo is loaded once for the module and emptied after it (the browser tests' per-test emptying
would reload it for every page)."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from inspection import create_app
from inspection.access import SYSTEM
from inspection.admin.services import create_user
from inspection.auth.models import Role, User
from inspection.council.models import ReviewSession
from inspection.demo.kiengiang import DEMO_PASSWORD
from inspection.demo.loader import load_demo
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import Finding, Recommendation
from inspection.groups.models import EmulationGroup
from inspection.missions.models import Mission, SelfReport, WorkingSession
from inspection.nominations.models import Dossier
from inspection.notifications.models import NotificationKind
from inspection.notifications.services import notify
from inspection.timeutil import today_vn
from inspection.units.queries import unit_by_code
from tests.browser.conftest import (  # noqa: F401 (the browser tests' live server and Chromium, reused)
    base_url,
    browser_type_launch_args,
    live_server,
    live_server_config,
)
from tests.conftest import _empty_tables, make_config


@pytest.fixture(scope="module")
def demo_site(migrated) -> dict[str, int]:
    """The demo data set plus what it lacks for some pages to show their coloured parts (an unread notification
    for every account, a recommendation due in a week) and an administrator who reads English ("admin.en": the
    language is remembered on the account, so switching the demo admin would change the other tests' pages).
    Returns the ids the page addresses need."""
    app = create_app(make_config(migrated, None))
    with app.app_context():
        load_demo()
        _add_due_soon_and_notices()
        create_user(SYSTEM, username="admin.en", full_name="English-speaking administrator", role=Role.ADMIN,
                    password=DEMO_PASSWORD).locale = "en"
        db.session.commit()
        ids = _ids()
        db.session.remove()
    yield ids
    with app.app_context():
        _empty_tables()
        db.engine.dispose()


def _add_due_soon_and_notices() -> None:
    finding = db.session.scalar(select(Finding).order_by(Finding.id))
    today = today_vn()
    findings.create_recommendation(SYSTEM, finding, text="Rà soát hồ sơ đề nghị khen thưởng còn tồn đọng",
                                   issued_on=today, due=today + timedelta(days=7),
                                   responsible_units=[unit_by_code("AG")])
    notify(db.session.scalars(select(User)), NotificationKind.REMINDER, "Kiến nghị sắp đến hạn",
           "Kiến nghị của đơn vị sắp đến hạn thực hiện.", link="/recommendations/")


def _ids() -> dict[str, int]:
    first = {name: db.session.scalar(select(model.id).order_by(model.id)) for name, model in (
        ("mission", Mission), ("finding", Finding), ("recommendation", Recommendation), ("session", ReviewSession),
        ("group", EmulationGroup), ("dossier", Dossier), ("user", User), ("working_session", WorkingSession),
        ("self_report", SelfReport))}
    first["unit"] = unit_by_code("KG").id  # dissolved in 2025: its page shows the successors' alert
    return first


def pytest_collection_modifyitems(items):
    for item in items:
        if "a11y" in str(item.path) and "test_axe" in item.path.name:
            item.add_marker(pytest.mark.browser)
