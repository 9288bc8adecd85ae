"""A small world with one record of most kinds a URL can name (the tables start empty, so each has id 1, the id
the walker uses), and a user of every role: built through the services and the other features' test builders.
Commits."""

from dataclasses import dataclass
from datetime import date

from inspection.access import SYSTEM
from inspection.auth.models import User
from inspection.calendar import services as calendar_services
from inspection.calendar.models import DayKind
from inspection.extensions import db
from inspection.groups.models import MemberRole
from inspection.missions import services as mission_services
from inspection.notifications.models import NotificationKind
from inspection.notifications.services import notify
from inspection.saved_filters.lists import LISTS
from inspection.saved_filters.services import save_filter
from tests.council.builders import ask_extension, make_scene
from tests.factories import make_group
from tests.missions.builders import add_self_report, add_session
from tests.nominations.builders import make_dossier


@dataclass
class World:
    users: dict[str, User]  # by role: admin, council, inspector, unit officer


def make_world(app) -> World:
    scene = make_scene()
    recommendation = scene.rec(date(2019, 1, 31))
    ask_extension(scene, recommendation, date(2019, 6, 30))
    scene.open_session()
    make_group(members=[(scene.unit, MemberRole.LEADER)])
    add_session(scene.mission, scene.unit)
    add_self_report(scene.mission, scene.unit, app=app, with_file=True)
    make_dossier(scene.unit)
    mission_services.create_plan(SYSTEM, mission_services.PlanDetails(year=2017, title="Kế hoạch kiểm tra 2017"))
    calendar_services.add_day(SYSTEM, date(2019, 4, 29), DayKind.DAY_OFF, "Nghỉ bù")
    users = {"admin": scene.admin, "council": scene.council, "inspector": scene.member, "unit_officer": scene.officer}
    for user in users.values():
        notify([user], NotificationKind.REMINDER, "Nhắc việc", "Kiến nghị sắp đến hạn", link="/todo")
        save_filter(user, LISTS["register"], "Quá hạn", "overdue=y")
    db.session.commit()
    return World(users=users)
