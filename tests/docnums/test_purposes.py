"""Document types per field: one table of purposes, every document-number field declares one, a reference of
another type is refused with a message naming the field and the type expected, lower case is read as meant."""

import pytest
from sqlalchemy import select
from wtforms.fields.core import UnboundField

from inspection.documents import purposes
from inspection.documents.columns import DocRefType
from inspection.documents.fields import DocRefField
from inspection.documents.refs import DocRefError, parse_ref
from inspection.extensions import db
from inspection.forms_util import PortalForm
from inspection.missions.models import Mission
from inspection.rules import RuleViolation

#: every document-number column and its purpose: a new column must be added here with its purpose
EXPECTED = {
    ("inspection_plan", "ref"): "plan",
    ("mission", "decision_ref"): "decision",
    ("mission", "conclusion_ref"): "conclusion",
    ("self_report", "ref"): "self_report",
    ("working_session", "minutes_ref"): "minutes",
    ("review_session", "minutes_ref"): "minutes",
    ("dossier", "decision_ref"): "decision",
    ("unit_event", "legal_basis"): "legal_basis",
    ("responsibility", "transfer_basis"): "legal_basis",
}


def test_every_document_number_column_declares_its_purpose(app):
    found = {(table.name, column.name): getattr(column.type.purpose, "key", None)
             for table in db.metadata.tables.values() for column in table.columns
             if isinstance(column.type, DocRefType)}
    assert found == EXPECTED


def _forms(cls=PortalForm):
    for sub in cls.__subclasses__():
        yield sub
        yield from _forms(sub)


def test_every_document_number_form_field_declares_its_purpose(app):
    import inspection.models  # noqa: F401  (every feature's forms are imported with the app)

    fields = {(form.__name__, name): field.kwargs.get("purpose") for form in _forms()
              for name, field in vars(form).items()
              if isinstance(field, UnboundField) and field.field_class is DocRefField}
    assert len(fields) >= 10
    assert [key for key, purpose in fields.items() if purpose is None] == []


@pytest.mark.parametrize(("text", "purpose", "message"), [
    ("280/BC-UBND", purposes.DECISION, "Số quyết định phải là một quyết định (QĐ-…), không phải BC."),
    ("1317/QĐ-UBND", purposes.SELF_REPORT, "Số báo cáo tự kiểm tra phải là một báo cáo (BC-…), không phải QĐ."),
    ("64/KH-HĐTĐKT", purposes.CONCLUSION,
     "Số thông báo kết luận phải là một thông báo hoặc kết luận (TB-…, KL-…), không phải KH."),
    ("2902/BNV-VP", purposes.MINUTES, "Số biên bản phải là một biên bản (BB-…), không phải công văn."),
    ("06/2022/QH15", purposes.DECISION,
     "Số quyết định phải là một quyết định (QĐ-…), không phải luật hoặc nghị quyết của Quốc hội."),
    ("280/BC-UBND", purposes.LEGAL_BASIS, "Căn cứ pháp lý phải là"),
])
def test_a_reference_of_another_type_is_refused_naming_the_type_expected(app, text, purpose, message):
    with app.test_request_context(), pytest.raises(DocRefError) as refused:
        purposes.check(parse_ref(text), purpose)
    assert str(refused.value).startswith(message)


@pytest.mark.parametrize(("text", "purpose"), [
    ("15/TB-HĐTĐKT", purposes.CONCLUSION), ("127-KL/TW", purposes.CONCLUSION), ("12/KL-TTCP", purposes.CONCLUSION),
    ("202/2025/QH15", purposes.LEGAL_BASIS), ("1654/NQ-UBTVQH15", purposes.LEGAL_BASIS),
    ("91/2017/NĐ-CP", purposes.LEGAL_BASIS), ("115/QĐ-UBND", purposes.LEGAL_BASIS),
    ("01/BB-ĐKT", purposes.MINUTES), ("64/KH-HĐTĐKT", purposes.PLAN), ("1317/QĐ-TTg", purposes.DECISION),
])
def test_the_types_of_each_purpose_are_accepted(app, text, purpose):
    purposes.check(parse_ref(text), purpose)


@pytest.mark.parametrize(("typed", "canonical"), [
    ("280/bc-ubnd", "280/BC-UBND"), ("1317/qđ-ttg", "1317/QĐ-TTg"), ("127-kl/tw", "127-KL/TW"),
    ("91/2017/nđ-cp", "91/2017/NĐ-CP"), ("05/bb-hđtđkt", "05/BB-HĐTĐKT"), ("2902/bnv-vp", "2902/BNV-VP"),
    ("1317/QĐ-TTg", "1317/QĐ-TTg"),
])
def test_lower_case_is_read_as_meant(typed, canonical):
    assert str(parse_ref(typed)) == canonical


def test_bad_input_still_gets_its_clear_message():
    with pytest.raises(DocRefError, match="chữ “O” thay cho số 0"):
        parse_ref("28O/BC-UBND")


def test_a_record_refuses_a_reference_of_another_type_whoever_sets_it(app, world):
    mission = world["mission"]
    with app.test_request_context(), pytest.raises(RuleViolation) as refused:
        mission.decision_ref = parse_ref("280/BC-UBND")
    assert refused.value.field == "decision_ref" and "Số quyết định" in refused.value.message
    mission.decision_ref = parse_ref("2417/QĐ-UBND")
    db.session.commit()
    assert db.session.scalar(select(Mission.decision_ref).where(Mission.id == mission.id)) == parse_ref("2417/QĐ-UBND")
