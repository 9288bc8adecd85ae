"""The award catalogue on any server: filled by `flask db upgrade` (migration ops_awards, safe to run again),
award-form names matched with their aliases (accents, case and spaces aside) and listed on the catalogue page,
and an empty catalogue explained to a web user, with what to do in the portal."""

import html
import importlib.util
import unicodedata
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import create_engine, func, select, text

from inspection import create_app
from inspection.audit import AuditEntry
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.nominations.catalogue import ALIASES, CATALOGUE, find_award_form
from inspection.nominations.models import AwardForm, Dossier
from tests.conftest import make_config
from tests.factories import make_unit
from tests.nominations.test_import import dossier_row, upload, xlsx

MIGRATION = Path(__file__).parents[2] / "migrations" / "versions" / \
    "20261209_ops_awards_award_authority_and_catalogue_seed.py"


def _migration():
    spec = importlib.util.spec_from_file_location("ops_awards", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _forms() -> dict[str, AwardForm]:
    return {form.code: form for form in db.session.scalars(select(AwardForm))}


def test_a_fresh_database_gets_the_catalogue_from_db_upgrade(tmp_path):
    url = "sqlite:///" + str(tmp_path / "fresh.sqlite3")
    app = create_app(make_config(url, None))
    with app.app_context():
        upgrade()
        db.engine.dispose()
    engine = create_engine(url)
    with engine.connect() as connection:
        codes = set(connection.scalars(text("SELECT code FROM award_form")))
        old = connection.execute(text("SELECT s.code FROM award_form f JOIN award_form s ON s.id = f.successor_id "
                                      "WHERE f.code = 'CSTDT_OLD'")).scalar_one()
        logged = connection.scalar(text("SELECT count(*) FROM audit_entry WHERE action = 'award_form.create'"))
    engine.dispose()
    assert codes == {entry.code for entry in CATALOGUE}
    assert old == "CSTDT" and logged == len(CATALOGUE)


def test_an_existing_catalogue_is_kept_and_told_who_decides(tmp_path):
    url = "sqlite:///" + str(tmp_path / "old.sqlite3")
    app = create_app(make_config(url, None))
    with app.app_context():
        upgrade(revision="ops_docnums")
        with db.engine.begin() as connection:
            for code, name, level in (("BKBN", "Bằng khen của bộ (tên đã sửa)", "provincial"),
                                      ("BKUBT", "Bằng khen của Chủ tịch UBND tỉnh", "provincial"),
                                      ("HCSV", "Huân chương Sao vàng", "state")):
                connection.execute(text("INSERT INTO award_form (code, name_vi, \"group\", level, for_collective, "
                                        "for_individual, for_household, created_at, version) VALUES (:c, :n, "
                                        "'order', :l, 1, 1, 0, '2017-01-01', 1)"), {"c": code, "n": name, "l": level})
        upgrade()
        with db.engine.connect() as connection:
            rows = dict(connection.execute(text("SELECT code, authority FROM award_form")).all())
            kept = connection.scalar(text("SELECT name_vi FROM award_form WHERE code = 'BKBN'"))
        db.engine.dispose()
    assert (rows["BKBN"], rows["BKUBT"], rows["HCSV"]) == ("central", "province", "state")
    assert len(rows) == len(CATALOGUE) and kept == "Bằng khen của bộ (tên đã sửa)"


def test_the_upgrade_step_adds_only_what_is_missing(app):
    migration = _migration()
    with db.engine.begin() as connection:
        assert migration.seed(connection) == len(CATALOGUE)
    renamed = _forms()["BKUBT"]
    renamed.name_vi = "Bằng khen của Chủ tịch UBND tỉnh (đã sửa trên cổng)"
    db.session.delete(_forms()["GK"])
    db.session.commit()

    with db.engine.begin() as connection:
        assert migration.seed(connection) == 1  # only the deleted GK
    db.session.expire_all()

    forms = _forms()
    assert len(forms) == len(CATALOGUE) and forms["BKUBT"].name_vi.endswith("(đã sửa trên cổng)")
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "award_form.create")) == len(CATALOGUE) + 1


def test_aliases_and_names_match_whatever_accents_case_and_spaces(catalogue):
    bkubt = catalogue["BKUBT"]
    for text_ in ("Bằng khen UBND tỉnh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
                  "  BẰNG KHEN  của chủ tịch  uỷ ban nhân dân tỉnh ", "bang khen ubnd tinh",
                  unicodedata.normalize("NFD", "Bằng khen UBND tỉnh"), "Bang khen cua Chu tich UBND tinh", "bkubt"):
        assert find_award_form(text_) == bkubt, text_
    assert find_award_form("Bằng khen của bộ, ban, ngành") == catalogue["BKBN"]
    assert find_award_form("Bằng khen") is None


def test_an_import_accepts_the_aliases(catalogue, runner, tmp_path):
    make_unit("Sở Nội vụ", code="KG")
    db.session.commit()
    path = tmp_path / "ho-so.xlsx"
    path.write_bytes(xlsx([dossier_row("HS-1", form="Bằng khen UBND tỉnh", ref="1/QĐ-UBND"),
                           dossier_row("HS-2", form="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", ref="2/QĐ-UBND")]))

    result = runner.invoke(args=["nominations", "import", str(path)])

    assert result.exit_code == 0, result.output
    assert set(db.session.scalars(select(Dossier.award_form_id))) == {catalogue["BKUBT"].id}


def test_the_catalogue_page_lists_the_aliases(catalogue, client_as):
    page = client_as(Role.INSPECTOR).get("/nominations/catalogue").get_data(as_text=True)
    for alias in ALIASES["BKUBT"]:
        assert alias in page
    assert "Thẩm quyền quyết định" in page
    assert "Thêm các hình thức còn thiếu" not in page  # nothing missing, and not an admin


def test_an_empty_catalogue_tells_a_web_user_what_to_do(client_as, app):
    unit = make_unit("Sở Nội vụ", code="KG")
    db.session.commit()
    officer = client_as(Role.UNIT_OFFICER, units=[unit])
    rows = [dossier_row(f"HS-{number:04d}", status="Đã trình", ref=None, decided=None) for number in range(1001)]

    page = html.unescape(upload(officer, xlsx(rows)).get_data(as_text=True))

    assert "Danh mục hình thức khen thưởng của cổng đang trống" in page
    assert "quản trị viên cổng" in page and "Thêm các hình thức còn thiếu" in page
    assert "Chỉ hiện 1.000 lỗi đầu trong 1.001 lỗi: sửa các lỗi này rồi tải tệp lên lại" in page
    assert "dòng lệnh" not in page and "--dry-run" not in page and "seed-catalogue" not in page


def test_an_admin_adds_the_missing_forms_in_the_portal(client_as, app):
    admin = client_as(Role.ADMIN)
    page = admin.get("/nominations/catalogue").get_data(as_text=True)
    assert f"Danh mục còn thiếu {len(CATALOGUE)} hình thức" in page

    response = admin.post("/nominations/catalogue/standard", follow_redirects=True)

    assert response.status_code == 200
    assert f"Đã thêm {len(CATALOGUE)} hình thức của danh mục chuẩn." in response.get_data(as_text=True)
    assert len(_forms()) == len(CATALOGUE)
    for role in (Role.INSPECTOR, Role.COUNCIL):
        assert client_as(role).post("/nominations/catalogue/standard").status_code == 403
