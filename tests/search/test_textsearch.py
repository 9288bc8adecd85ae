"""The normaliser and the search column it feeds: kept up to date on every write, and equal to what the
migration wrote for rows that existed before it."""

import importlib.util
import unicodedata
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import insert, select

from inspection import textsearch
from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import FindingCategory, Recommendation, Severity
from inspection.textsearch import match_spans, normalise
from inspection.units import services as units
from inspection.units.models import Unit, UnitName
from tests.factories import make_unit
from tests.missions.builders import make_mission

VIETNAMESE = st.text(alphabet=st.sampled_from(
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ "
    "AĂÂĐÊÔƠƯÀÁẢÃẠỀẾỂỄỆ0123456789-/,\t\n"), max_size=60)
MIGRATION = next(Path(__file__).resolve().parents[2].glob("migrations/versions/*_ux_search_*.py"))


def _migration():
    spec = importlib.util.spec_from_file_location("ux_search", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_words_people_type_meet():
    decomposed = unicodedata.normalize("NFD", "Kiên Giang")
    for typed in ("KIÊN GIANG", "kiên giang", "kien giang", "Kiên   Giang ", decomposed):
        assert normalise(typed) == "kien giang"
    assert normalise("Đặc khu Phú Quốc") == "dac khu phu quoc"
    assert normalise("ĐOÀN") == normalise("đoàn") == "doan"


@given(VIETNAMESE)
def test_normalise_is_idempotent(text):
    assert normalise(normalise(text)) == normalise(text)


@given(VIETNAMESE)
def test_case_and_unicode_form_do_not_matter(text):
    expected = normalise(text)
    assert normalise(text.upper()) == expected
    assert normalise(unicodedata.normalize("NFD", text)) == expected
    assert normalise(unicodedata.normalize("NFC", text)) == expected
    assert expected.isascii() or not any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", expected))


@given(VIETNAMESE)
def test_the_migration_normalises_as_the_code_does(text):
    assert _migration().normalise(text) == normalise(text)


@given(VIETNAMESE, VIETNAMESE)
def test_a_highlighted_span_normalises_to_the_query(before, word):
    text = before + " " + word
    for start, end in match_spans(text, word):
        assert normalise(text[start:end]) == normalise(word)


def test_a_unit_is_found_by_every_name_it_had_and_its_code(app):
    unit = make_unit("Huyện Phú Quốc", code="KG-PQ", valid_from=date(2000, 1, 1))
    units.rename_unit(SYSTEM, unit, "Đặc khu Phú Quốc", date(2025, 7, 1), None)
    db.session.commit()
    stored = db.session.scalar(select(Unit.search_text).where(Unit.id == unit.id))
    assert stored == "kg-pq huyen phu quoc dac khu phu quoc"
    found = db.session.scalars(select(Unit.code).where(textsearch.matches(Unit, "ĐẶC KHU"))).all()
    assert found == ["KG-PQ"]


def test_an_edited_recommendation_is_found_by_its_new_text(app):
    unit = make_unit()
    finding = findings.create_finding(SYSTEM, make_mission([unit]), unit=unit, category=FindingCategory.COMMUNICATION,
                                      severity=Severity.MODERATE, title="Tuyên truyền")
    rec = findings.create_recommendation(SYSTEM, finding, text="Đẩy mạnh tuyên truyền", issued_on=date(2017, 12, 1),
                                         due=date(2030, 6, 30), responsible_units=[unit])
    db.session.commit()
    findings.update_recommendation(SYSTEM, rec, version=rec.version, text="Thu hồi Bằng khen cấp sai",
                                   responsible_units=[unit])
    db.session.commit()
    assert db.session.scalars(select(Recommendation.id).where(textsearch.matches(Recommendation, "bang khen"))).all() \
        == [rec.id]
    assert not db.session.scalars(select(Recommendation.id).where(textsearch.matches(Recommendation, "day manh"))).all()


def test_refresh_fills_rows_written_in_bulk(app):
    unit_id = db.session.scalar(insert(Unit).values(code="BULK-1", kind="department").returning(Unit.id))
    db.session.execute(insert(UnitName).values(unit_id=unit_id, name="Sở Nội vụ"))
    assert textsearch.refresh(db.session, Unit, Unit.id == unit_id) == 1
    db.session.commit()
    assert db.session.scalar(select(Unit.search_text).where(Unit.id == unit_id)) == "bulk-1 so noi vu"


def test_the_migration_backfills_rows_written_before_it(app):
    unit = make_unit("Sở Tư pháp tỉnh An Giang", code="AG-STP")
    db.session.execute(Unit.__table__.update().values(search_text=""))
    _migration().backfill(db.session.connection(), "unit", ("code",))
    db.session.commit()
    assert db.session.scalar(select(Unit.search_text).where(Unit.id == unit.id)) == "ag-stp so tu phap tinh an giang"
