"""Builders for mission records, made through the services (as the pages make them). They flush, never commit."""

import io
from datetime import date

from werkzeug.datastructures import FileStorage

from inspection.access import SYSTEM
from inspection.documents.refs import parse_ref
from inspection.missions import services, session_services
from inspection.missions.models import Mission, MissionKind, MissionStatus, TeamRole
from inspection.missions.services import MissionDetails
from inspection.missions.session_services import SessionDetails

PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"


def details(units=(), **overrides) -> MissionDetails:
    values = {"kind": MissionKind.INSPECTION, "title": "Đoàn kiểm tra công tác thi đua, khen thưởng năm 2017",
              "units": list(units), "decision_ref": parse_ref("1317/QĐ-UBND"), "decision_date": date(2017, 10, 20),
              "issuing_body": "Hội đồng Thi đua – Khen thưởng Trung ương", "period_from": date(2016, 11, 6),
              "period_to": date(2017, 11, 5), "planned_start": date(2017, 11, 1), "planned_end": date(2017, 11, 30)}
    return MissionDetails(**(values | overrides))


def make_mission(units, creator=SYSTEM, *, role: TeamRole = TeamRole.HEAD, status: MissionStatus | None = None,
                 **overrides) -> Mission:
    """A mission inspecting `units`; `creator` (a User) joins the team with `role`."""
    mission = services.create_mission(creator, details(units, **overrides), creator_role=role)
    for step in _path_to(status):
        services.change_status(creator, mission, step)
    return mission


def _path_to(status: MissionStatus | None) -> list[MissionStatus]:
    path = [MissionStatus.PLANNED, MissionStatus.IN_PROGRESS, MissionStatus.CONCLUDED, MissionStatus.CLOSED]
    return [] if status in (None, MissionStatus.DRAFT) else path[:path.index(status) + 1]


def add_session(mission, unit, actor=SYSTEM, held_on=date(2017, 11, 4), **overrides):
    values = {"held_on": held_on, "unit": unit, "place": "Trụ sở UBND tỉnh Kiên Giang",
              "team_participants": "Ông Lại Xuân Môn, Trưởng đoàn", "unit_participants": "Ông Mai Văn Huỳnh",
              "content": "Nghe báo cáo, kiểm tra hồ sơ khen thưởng"}
    return session_services.add_session(actor, mission, SessionDetails(**(values | overrides)))


def add_self_report(mission, unit, actor=SYSTEM, app=None, with_file=False, ref="280/BC-UBND"):
    upload = pdf_upload("Báo cáo 280.pdf") if with_file else None
    limits = session_services.FileLimits(folder=app.config["FILES_FOLDER"], max_bytes=1024 * 1024) if app else None
    return session_services.add_self_report(actor, mission, unit=unit, ref=parse_ref(ref),
                                            report_date=date(2017, 11, 30), subject="Tự kiểm tra công tác TĐKT",
                                            upload=upload, limits=limits)


def pdf_upload(name: str = "bien-ban.pdf", data: bytes = PDF_BYTES) -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=name, content_type="application/pdf")


def mission_form(**overrides) -> dict:
    values = {"kind": "inspection", "plan_id": "", "title": "Đoàn kiểm tra công tác TĐKT năm 2017",
              "decision_ref": "1317/QĐ-UBND", "decision_date": "20/10/2017",
              "issuing_body": "Hội đồng Thi đua – Khen thưởng Trung ương", "issuing_unit_code": "", "group_id": "",
              "group_name": "", "period_from": "06/11/2016", "period_to": "05/11/2017",
              "planned_start": "01/11/2017", "planned_end": "30/11/2017", "unit_codes": "KG", "creator_role": "head"}
    return values | overrides


def text_of(response) -> str:
    return response.get_data(as_text=True)
