"""The audit display reads labels from the models' declarations (inspection/labels.py): every enum column's
values show as their labels, the right enum for the right record (no guessing from the key's name), and a
value of a plain column stays as typed."""

import html
import re

from sqlalchemy import inspect
from sqlalchemy.sql.sqltypes import Enum as SAEnum

from inspection import labels
from inspection.access import SYSTEM
from inspection.admin import services as admin_services
from inspection.audit_display import field_label, field_value
from inspection.auth.models import Role
from inspection.enums import LabelledEnum
from inspection.extensions import db
from inspection.findings.models import Finding, UnitStatus
from inspection.missions import services as mission_services
from inspection.missions.models import MissionStatus, TeamRole
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.models import DossierStatus
from inspection.responses import services as response_services
from tests.factories import make_unit, make_user
from tests.nominations.builders import make_dossier
from tests.responses.builders import make_mission, make_recommendation


def enum_columns():
    """(model, attribute key, enum class) for every enum column of every mapped model."""
    for mapper in db.Model.registry.mappers:
        for prop in mapper.column_attrs:
            column_type = prop.columns[0].type
            if isinstance(column_type, SAEnum) and column_type.enum_class is not None:
                yield mapper.class_, prop.key, column_type.enum_class


def test_every_enum_column_is_labelled_and_shows_each_value_by_its_label(app):
    checked = 0
    for model, key, enum_class in enum_columns():
        if not issubclass(enum_class, LabelledEnum):
            continue
        table = model.__tablename__
        assert field_label(key, table) != key, f"{model.__name__}.{key} declares no label"
        for member in enum_class:
            assert field_value(member.value, key, table) == member.label != member.value, (model, key, member)
            checked += 1
        for prefix in model.__dict__.get("__audit_actions__", ()):  # the same on the record it is logged on
            for member in enum_class:
                assert field_value(member.value, key, "recommendation", prefix + "x") == member.label
    assert checked > 100


def test_only_technical_enums_have_no_labels(app):
    plain = {(model.__name__, key) for model, key, enum_class in enum_columns()
             if not issubclass(enum_class, LabelledEnum)}
    assert plain == {("UnitEventLink", "role"), ("UserSession", "ended_reason"), ("ImportUpload", "status")}


def test_one_model_claims_each_action_prefix(app):
    claims = [prefix for mapper in db.Model.registry.mappers
              for prefix in mapper.class_.__dict__.get("__audit_actions__", ())]
    assert len(claims) == len(set(claims))


def test_forms_read_the_label_declared_on_the_column(app):
    assert str(labels.field_label(Finding.title)) == "Tiêu đề"
    assert labels.model_of("finding") is Finding and labels.model_of("no_such_table") is None
    assert inspect(Finding).attrs["title"].columns[0].info["label"] is labels.field_label(Finding.title)


# --- on the history pages ------------------------------------------------------------------------------------

def shown(client, target_type: str) -> list[tuple[str, str]]:
    """(label, value) pairs of the audit log page, newest entry first (both sides of an "old → new")."""
    page = client.get(f"/admin/audit?type={target_type}").get_data(as_text=True)
    pairs = re.findall(r'<dt class="d-inline">(.*?):</dt> <dd class="d-inline">(.*?)</dd>', page)
    return [(html.unescape(label), side) for label, value in pairs for side in html.unescape(value).split(" → ")]


def test_a_dossier_draft_is_nhap_not_a_missions_du_thao(client_as):
    seed_catalogue(SYSTEM)
    dossier = make_dossier(status=DossierStatus.DRAFT)
    db.session.commit()
    pairs = shown(client_as(Role.ADMIN), "dossier")
    assert ("Trạng thái", "Nháp") in pairs
    assert MissionStatus.DRAFT.label not in {value for _label, value in pairs}
    assert dossier.status == "draft"


def test_a_team_deputy_is_pho_truong_doan_not_a_clusters_pho(client_as):
    mission = make_mission()
    mission_services.add_member(SYSTEM, mission, role=TeamRole.DEPUTY, outsider_name="Nguyễn Thị Hạnh",
                                position="Phó Trưởng Ban")
    db.session.commit()
    pairs = shown(client_as(Role.ADMIN), "mission")
    assert ("Vai trò", "Phó trưởng đoàn") in pairs and ("Thành viên", "Nguyễn Thị Hạnh") in pairs
    assert ("Vai trò", "Phó") not in pairs


def test_a_units_progress_is_its_own_status_not_a_missions(client_as):
    """"in_progress" on a recommendation's share is Đang thực hiện; the old guess said Đang tiến hành."""
    unit = make_unit()
    recommendation = make_recommendation([unit])
    officer = make_user(Role.UNIT_OFFICER, units=[unit])
    response_services.report_progress(officer, recommendation.responsibilities[0], UnitStatus.IN_PROGRESS)
    db.session.commit()
    pairs = shown(client_as(Role.ADMIN), "recommendation")
    assert ("Trạng thái", "Chưa thực hiện") in pairs and ("Trạng thái", "Đang thực hiện") in pairs
    assert ("Trạng thái", MissionStatus.IN_PROGRESS.label) not in pairs


def test_a_user_named_like_a_role_keeps_their_name(client_as):
    admin = make_user(Role.ADMIN)
    admin_services.create_user(admin, username="admin", full_name="Quản trị viên", role=Role.COUNCIL,
                               password="Mật-khẩu-đủ-dài-2017", email=None, units=[])
    db.session.commit()
    pairs = shown(client_as(Role.ADMIN), "user")
    assert ("Tên đăng nhập", "admin") in pairs and ("Vai trò", "Hội đồng / Tổ thư ký") in pairs
    assert ("Đang hoạt động", "Có") in pairs and ("Đơn vị", "—") in pairs


NOT_COLUMNS = [  # (target_type, action, key, label): keys the models declare beside their columns
    ("unit", "unit.merge", "successors", "Đơn vị kế thừa"), ("unit", "unit.rename", "effective", "Ngày hiệu lực"),
    ("unit", "unit.rename", "name", "Tên"), ("user", "user.update", "password", "Mật khẩu"),
    ("finding", "finding.link_dossier", "dossiers", "Hồ sơ đề nghị khen thưởng"),
    ("finding", "finding.update", "working_session", "Buổi làm việc"),
    ("dossier", "dossier.status", "revocation_ref", "Quyết định thu hồi"),
    ("dossier", "dossier.import", "sha256", "SHA-256"), ("recommendation", "response.message", "files", "Tệp"),
    ("recommendation", "recommendation.create", "responsible_units", "Đơn vị chịu trách nhiệm"),
    ("recommendation", "recommendation.transfer", "transfer_basis", "Căn cứ chuyển giao"),
    ("recommendation", "action.add", "unit", "Đơn vị"), ("mission", "mission.member_add", "username", "Tên đăng nhập"),
    ("mission", "mission.update", "group", "Cụm, khối"),
    ("review_session", "council.decide", "current_due", "Hạn hiện tại"),
    ("award_form", "award_form.update", "group", "Nhóm hình thức"),
    ("dossier", "dossier.update", "decision_ref", "Số quyết định"),
    ("mission", "mission.update", "decision_ref", "Quyết định thành lập"),
]


def test_keys_that_are_not_columns_are_declared_beside_the_model(app):
    assert [field_label(key, target, action) for target, action, key, _label in NOT_COLUMNS] == [
        label for *_rest, label in NOT_COLUMNS]
    assert field_label("no_such_key", "unit", "unit.update") == "no_such_key"
