"""`flask reminders send` runs the same number of SQL statements for 10 items as for 100 (and for more
people): the lists are computed with joins and grouped in Python, the notifications inserted in bulk."""

from datetime import timedelta

import pytest

from inspection.auth.models import Role
from inspection.extensions import db
from tests.factories import make_unit, make_user
from tests.notifications.conftest import DAY, mail_settings, send, with_email


@pytest.fixture
def app_config(mailbox):
    return mail_settings(mailbox.port)


def _add(scene, units, count: int) -> None:
    """`count` items over the units, due from 70 days ago to 7 days ahead (every reason occurs)."""
    for index in range(count):
        scene.item(70 - index % 78, units=[units[index % len(units)]])
    db.session.commit()


def _statements(app, count_queries, day) -> int:
    with count_queries() as counter:
        result = send(app, day=day)
    assert result.exit_code == 0, result.output
    return counter.count


def test_the_reminder_run_is_a_fixed_number_of_queries(app, scene, mailbox, count_queries):
    units = [scene.department] + [make_unit(f"Sở thử {n}", parent=scene.province) for n in range(3)]
    for unit in units[1:]:
        with_email(make_user(Role.UNIT_OFFICER, units=[unit]), f"{unit.code}@example.vn")
    _add(scene, units, 10)
    few = _statements(app, count_queries, DAY)
    sent_first = len(mailbox.messages)

    _add(scene, units, 90)
    for n in range(5):
        with_email(make_user(Role.COUNCIL), f"hoidong{n}@example.vn")
    db.session.commit()
    many = _statements(app, count_queries, DAY + timedelta(days=1))

    assert len(mailbox.messages) - sent_first > sent_first  # more people were reminded the second time
    assert many == few
    # Ceiling = the reminder run's fixed query budget (measured 11 on SQLite, plus a small margin).
    assert many <= 13

