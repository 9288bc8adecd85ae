"""A small world for the headers tests: a province, two departments, a mission with a recommendation that
went to a council session and was escalated (so notifications exist), an evidence file, a self-report
with its file, a working session, a dossier, and a user of every role. Ids start at 1 in an emptied
database, so a route's "1" reaches a real object of each kind. The texts are what an attacker would type."""

from dataclasses import dataclass

from inspection.auth.models import Role, User
from inspection.council.decisions import decide
from inspection.council.models import Decision
from inspection.extensions import db
from inspection.responses import services as responses
from tests.council.builders import Scene, make_scene
from tests.missions.builders import add_self_report, add_session
from tests.nominations.builders import make_dossier
from tests.responses.builders import pdf

#: addresses that must never become a link leading out of the portal
OUTSIDE_TARGETS = ["//evil.example/x", "https://evil.example/phish", "/\\evil.example/x", "javascript:alert(1)",
                   "/\t/evil.example/tab", "http:evil.example/x"]
HOSTILE_TEXT = "Kiện toàn bộ máy, xem " + " hoặc ".join(OUTSIDE_TARGETS) + " và /recommendations/1"
HOSTILE_NOTE = "Báo cáo cấp trên; tài liệu tại //evil.example/x và /\\evil.example/y (xem /todo)"
#: a right-to-left override makes "…‮fdp.exe" look like "…exe.pdf"; quotes end a header parameter
EVIDENCE_NAME = 'Biên bản "số 1" \u202efdp.exe.pdf'


@dataclass
class World:
    scene: Scene
    users: dict[Role, User]


def build_world(app) -> World:
    scene = make_scene()
    recommendation = scene.overdue(90, text=HOSTILE_TEXT)
    db.session.commit()
    item = scene.open_session().items[0]
    decide(scene.council, item, Decision.ESCALATE, HOSTILE_NOTE, version=item.version)
    responses.post_message(scene.officer, recommendation, "Gửi minh chứng", unit=scene.unit,
                           files=[pdf(EVIDENCE_NAME)], folder=app.config["FILES_FOLDER"], max_bytes=1024 * 1024)
    add_self_report(scene.mission, scene.unit, actor=scene.member, app=app, with_file=True)
    add_session(scene.mission, scene.unit, actor=scene.member)
    make_dossier(scene.unit)
    db.session.commit()
    users = {Role.ADMIN: scene.admin, Role.COUNCIL: scene.council, Role.INSPECTOR: scene.member,
             Role.UNIT_OFFICER: scene.officer}
    return World(scene, users)
