"""A real SMTP server (aiosmtpd) on a free local port, and a small world for reminders: a province
supervising a department, their officers, an inspector of the mission and the council."""

import email
import socket
from dataclasses import dataclass
from datetime import date, timedelta
from email import policy

import pytest
from aiosmtpd.controller import Controller

from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.findings.models import Finding, Recommendation
from inspection.missions.models import Mission
from inspection.units.models import Unit, UnitKind
from tests.factories import make_unit, make_user
from tests.findings.builders import make_finding, make_mission, make_recommendation

#: the day the reminders are sent for (--day 02/03/2026)
DAY = date(2026, 3, 2)
PUBLIC_URL = "https://thiduakhenthuong.example.vn"


class Mailbox:
    """The SMTP server's handler: keeps every message it accepts; refuses the addresses in `refuse`."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refuse: set[str] = set()
        #: called (in the server's thread) as each message arrives
        self.on_message = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802  (aiosmtpd's name)
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        if self.on_message:
            self.on_message(self.messages[-1])
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [message for message in self.messages if message["To"].addresses[0].addr_spec == address]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mailbox():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


def mail_settings(port: int) -> dict:
    return {"MAIL_HOST": "127.0.0.1", "MAIL_PORT": port, "MAIL_TIMEOUT": 5,
            "MAIL_FROM": "kiemtra-tdkt@thiduakhenthuong.example.vn", "PUBLIC_URL": PUBLIC_URL}


@dataclass
class Scene:
    province: Unit
    department: Unit
    officer: User
    supervisor: User
    inspector: User
    council: User
    mission: Mission
    finding: Finding

    def item(self, days_overdue: int, units: list[Unit] | None = None, text: str | None = None) -> Recommendation:
        """An open recommendation whose due date is `days_overdue` days before DAY (negative: after)."""
        return make_recommendation(self.finding, units or [self.department], text=text,
                                   due=DAY - timedelta(days=days_overdue))


def with_email(user: User, address: str) -> User:
    user.email = address
    return user


@pytest.fixture
def scene(app) -> Scene:
    province = make_unit("UBND tỉnh Kiên Giang", code="KG", kind=UnitKind.PROVINCE)
    department = make_unit("Sở Nội vụ tỉnh Kiên Giang", code="KG-SNV", parent=province)
    inspector = with_email(make_user(Role.INSPECTOR, full_name="Lại Xuân Môn"), "mon@example.vn")
    mission = make_mission([province, department], [inspector], title="Đoàn kiểm tra công tác TĐKT năm 2017")
    scene = Scene(province=province, department=department,
                  officer=with_email(make_user(Role.UNIT_OFFICER, units=[department], full_name="Trần Thị Đầu Mối"),
                                     "daumoi@example.vn"),
                  supervisor=with_email(make_user(Role.UNIT_OFFICER, units=[province], full_name="Phạm Văn Tỉnh"),
                                        "tinh@example.vn"),
                  inspector=inspector,
                  council=with_email(make_user(Role.COUNCIL, full_name="Thư ký Hội đồng"), "hoidong@example.vn"),
                  mission=mission, finding=make_finding(mission, department, title="Công tác khen thưởng còn chậm"))
    db.session.commit()
    return scene


def send(app, *args: str, day: date = DAY):
    """`flask reminders send --day dd/mm/yyyy …` through the Flask CLI runner."""
    result = app.test_cli_runner().invoke(args=["reminders", "send", "--day", day.strftime("%d/%m/%Y"), *args])
    db.session.expire_all()  # the command ran in its own session
    return result


def body_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()
