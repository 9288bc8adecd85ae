"""Document references ("số, ký hiệu"): table tests and round-trip properties."""

import dataclasses
import unicodedata

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from wtforms import Form
from wtforms.validators import DataRequired, Optional

from inspection.documents.columns import DocRefType
from inspection.documents.fields import DocRefField
from inspection.documents.refs import (
    DOCUMENT_TYPES,
    DocRef,
    DocRefError,
    RefKind,
    format_ref,
    parse_ref,
    try_parse_ref,
)

A, C, R, L, P = (RefKind.ADMINISTRATIVE, RefKind.CORRESPONDENCE, RefKind.REGULATORY,
                 RefKind.LAW, RefKind.PARTY)

# text, kind, number, doc_type, issuer, year, subunits
EXAMPLES = [
    ("280/BC-UBND", A, "280", "BC", "UBND", None, ()),
    ("1317/QĐ-UBND", A, "1317", "QĐ", "UBND", None, ()),
    ("37/HD-HĐTĐKT", A, "37", "HD", "HĐTĐKT", None, ()),
    ("0125/KH-UBND", A, "0125", "KH", "UBND", None, ()),
    ("1656/NQ-UBTVQH15", A, "1656", "NQ", "UBTVQH15", None, ()),
    ("115/VBHN-VPQH", A, "115", "VBHN", "VPQH", None, ()),
    ("252/TTr-SNV", A, "252", "TTr", "SNV", None, ()),
    ("627/TB-VPCP", A, "627", "TB", "VPCP", None, ()),
    ("45/KH-KTĐ9", A, "45", "KH", "KTĐ9", None, ()),
    ("500/QĐ-TTg", A, "500", "QĐ", "TTg", None, ()),
    ("2902/BNV-VP", C, "2902", None, "BNV", None, ("VP",)),
    ("15764/BTC-TĐKT", C, "15764", None, "BTC", None, ("TĐKT",)),
    ("11771/BNV-CTL&BHXH", C, "11771", None, "BNV", None, ("CTL&BHXH",)),
    ("72/HTS", C, "72", None, "HTS", None, ()),
    ("91/2017/NĐ-CP", R, "91", "NĐ", "CP", "2017", ()),
    ("152/2025/NĐ-CP", R, "152", "NĐ", "CP", "2025", ()),
    ("15/2025/TT-BNV", R, "15", "TT", "BNV", "2025", ()),
    ("86/2025/QĐ-UBND", R, "86", "QĐ", "UBND", "2025", ()),
    ("04/2025/NQ-HĐND", R, "04", "NQ", "HĐND", "2025", ()),
    ("06/2022/QH15", L, "06", None, "QH15", "2022", ()),
    ("202/2025/QH15", L, "202", None, "QH15", "2025", ()),
    ("127-KL/TW", P, "127", "KL", "TW", None, ()),
    ("46-CT/TW", P, "46", "CT", "TW", None, ()),
    ("02-CT/TU", P, "02", "CT", "TU", None, ()),
]


@pytest.mark.parametrize(("text", "kind", "number", "doc_type", "issuer", "year", "subunits"),
                         EXAMPLES)
def test_examples_parse_and_round_trip(text, kind, number, doc_type, issuer, year, subunits):
    ref = parse_ref(text)
    assert (ref.kind, ref.number, ref.doc_type, ref.issuer, ref.year, ref.subunits) == (
        kind, number, doc_type, issuer, year, subunits)
    assert ref.legacy_cv is False
    assert format_ref(ref) == text == str(ref)


def test_number_keeps_leading_zero_and_sorts_as_int():
    ref = parse_ref("0125/KH-UBND")
    assert ref.number == "0125" and ref.number_int == 125
    refs = [parse_ref("10/BC-UBND"), ref, parse_ref("9/BC-UBND")]
    assert [r.number for r in sorted(refs, key=lambda r: r.number_int)] == ["9", "10", "0125"]


@pytest.mark.parametrize(("text", "name"), [
    ("280/BC-UBND", "Báo cáo"), ("252/TTr-SNV", "Tờ trình"), ("2902/BNV-VP", "Công văn"),
    ("91/2017/NĐ-CP", "Nghị định"), ("127-KL/TW", "Kết luận"), ("23/CV-BTĐKT", "Công văn"),
])
def test_type_name(text, name):
    assert parse_ref(text).type_name == name


def test_legacy_cv_is_accepted_and_kept_as_written():
    ref = parse_ref("23/CV-BTĐKT")
    assert (ref.kind, ref.doc_type, ref.issuer, ref.legacy_cv) == (C, None, "BTĐKT", True)
    assert format_ref(ref) == "23/CV-BTĐKT"
    assert format_ref(dataclasses.replace(ref, legacy_cv=False)) == "23/BTĐKT"


@pytest.mark.parametrize(("text", "expected"), [
    ("Số: 72 /HTS", "72/HTS"),
    ("số 280/BC-UBND", "280/BC-UBND"),
    ("Số:280 / BC - UBND ", "280/BC-UBND"),
    ("SỐ: 91 / 2017 / NĐ-CP", "91/2017/NĐ-CP"),
    ("127 - KL / TW", "127-KL/TW"),
    ("280/BC–UBND", "280/BC-UBND"),  # en dash from word processors
    ("280/bc-UBND", "280/BC-UBND"),
    ("12/QYĐ-UBND", "12/QyĐ-UBND"),
    ("5/ctr-UBND", "5/CTr-UBND"),
    (unicodedata.normalize("NFD", "Số: 1317/QĐ-UBND"), "1317/QĐ-UBND"),
])
def test_lenient_parsing(text, expected):
    assert format_ref(parse_ref(text)) == expected


@pytest.mark.parametrize(("text", "fragments"), [
    ("28O/BC-UBND", ["“28O”", "chữ số", "chữ “O”"]),
    ("1l/BC-UBND", ["“1l”", "số 1"]),
    ("280BC-UBND", ["thiếu dấu “/”"]),
    ("", ["để trống"]),
    ("   Số:  ", ["để trống"]),
    ("280/BC", ["“BC”", "cơ quan ban hành"]),
    ("280/BC-", ["cơ quan ban hành"]),
    ("23/CV", ["cơ quan ban hành"]),
    ("91/2017/XX-CP", ["Loại văn bản “XX” không có trong danh mục"]),
    ("91/17/NĐ-CP", ["“17”", "4 chữ số"]),
    ("91/1900/NĐ-CP", ["“1900”", "1945"]),
    ("91/2017/CP", ["“CP”", "LOẠI-CƠ QUAN"]),
    ("91/2017/NĐ", ["cơ quan ban hành"]),
    ("280/BC-UB@ND", ["“UB@ND”", "“@”", "không hợp lệ"]),
    ("280/BC-UB ND", ["dấu cách"]),
    ("2902/BNV-", ["đơn vị"]),
    ("12/1UBND", ["“1UBND”", "chữ cái in hoa"]),
    ("127-/TW", ["127-KL/TW"]),
    ("127-KL/", ["cơ quan ban hành"]),
    ("1/2/3/4", ["quá nhiều dấu “/”"]),
])
def test_bad_inputs_name_the_bad_part(text, fragments):
    with pytest.raises(DocRefError) as info:
        parse_ref(text)
    for fragment in fragments:
        assert fragment in str(info.value)
    assert try_parse_ref(text) is None


def test_doc_ref_error_is_a_value_error():
    assert issubclass(DocRefError, ValueError)


@pytest.mark.parametrize("kwargs", [
    {"number": "1", "kind": A, "doc_type": "XX", "issuer": "UBND"},
    {"number": "1", "kind": A, "doc_type": None, "issuer": "UBND"},
    {"number": "1", "kind": A, "doc_type": "BC", "issuer": "UBND", "year": "2020"},
    {"number": "1", "kind": R, "doc_type": "NĐ", "issuer": "CP"},
    {"number": "1", "kind": C, "doc_type": None, "issuer": "BC"},
    {"number": "1", "kind": L, "doc_type": None, "issuer": "CP", "year": "2020"},
    {"number": "1", "kind": P, "doc_type": "Kl", "issuer": "TW"},
    {"number": "1", "kind": A, "doc_type": "BC", "issuer": "UBND", "legacy_cv": True},
    {"number": "x", "kind": A, "doc_type": "BC", "issuer": "UBND"},
])
def test_direct_construction_rejects_values_that_would_not_round_trip(kwargs):
    with pytest.raises(DocRefError):
        DocRef(**kwargs)


def test_doc_ref_is_immutable_and_hashable():
    ref = parse_ref("280/BC-UBND")
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.number = "281"  # type: ignore[misc]
    assert {ref, parse_ref("Số: 280 / BC-UBND")} == {ref}


def test_type_abbreviations_are_unique_ignoring_case():
    assert len({abbr.upper() for abbr in DOCUMENT_TYPES}) == len(DOCUMENT_TYPES)
    for abbr in ("GN", "TTh", "NP", "NĐ", "TT", "TTLT", "VBHN", "KL", "QyĐ", "CTr", "TTr"):
        assert abbr in DOCUMENT_TYPES


# --- properties ----------------------------------------------------------------

TYPES = sorted(DOCUMENT_TYPES)
numbers = st.from_regex(r"[0-9]{1,5}", fullmatch=True)
years = st.integers(1945, 2100).map(str)
tokens = st.from_regex(r"[A-ZĐ][A-Za-zĐđ0-9&]{0,7}", fullmatch=True)
# A công văn's first segment must not look like a type, or it would be read as one.
_UPPER_TYPES = {a.upper() for a in TYPES}
# A công văn issuer is neither a type nor a type typed without its Đ ("QD" for "QĐ").
issuers = tokens.filter(lambda t: t.upper() not in _UPPER_TYPES | {"CV"}
                        and t.upper().replace("D", "Đ") not in _UPPER_TYPES)
subunits = st.lists(tokens, max_size=2).map(lambda units: "".join("-" + u for u in units))
party_types = st.sampled_from(TYPES) | issuers

administrative = st.builds("{}/{}-{}{}".format, numbers, st.sampled_from(TYPES), tokens,
                           subunits)
correspondence = st.builds("{}/{}{}".format, numbers, issuers, subunits)
legacy = st.builds("{}/CV-{}{}".format, numbers, tokens, subunits)
regulatory = st.builds("{}/{}/{}-{}{}".format, numbers, years, st.sampled_from(TYPES),
                       tokens, subunits)
law = st.builds("{}/{}/{}QH{}".format, numbers, years, st.sampled_from(["", "UBTV"]),
                st.integers(1, 99))
party = st.builds("{}-{}/{}{}".format, numbers, party_types, tokens, subunits)
canonical_refs = administrative | correspondence | legacy | regulatory | law | party


@given(canonical_refs)
def test_canonical_text_round_trips(text):
    assert format_ref(parse_ref(text)) == text


@given(canonical_refs, st.sampled_from(["Số: ", "số ", "Số:", "SỐ: "]),
       st.sampled_from([" ", "  ", "\t"]))
def test_prefix_and_spaces_give_the_same_ref(text, prefix, space):
    spaced = prefix + text.replace("/", f"{space}/{space}")
    assert parse_ref(spaced) == parse_ref(text)


@given(st.text(max_size=30))
def test_parse_raises_only_doc_ref_error(text):
    ref = try_parse_ref(text)
    if ref is not None:
        assert parse_ref(format_ref(ref)) == ref


# --- database column and form field ------------------------------------------------

def test_doc_ref_type_stores_canonical_text_and_loads_doc_ref():
    metadata = sa.MetaData()
    table = sa.Table("docs", metadata, sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("ref", DocRefType()))
    assert isinstance(table.c.ref.type.impl_instance, sa.String)
    assert table.c.ref.type.impl_instance.length == 80
    engine = sa.create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(table.insert(), [{"id": 1, "ref": parse_ref("91/2017/NĐ-CP")},
                                      {"id": 2, "ref": "Số: 280 /BC-UBND"},
                                      {"id": 3, "ref": None}])
        raw = conn.execute(sa.text("SELECT ref FROM docs ORDER BY id")).scalars().all()
        loaded = conn.execute(sa.select(table.c.ref).order_by(table.c.id)).scalars().all()
        found = conn.execute(sa.select(table.c.id).where(table.c.ref == "280 / BC-UBND"))
        assert found.scalar_one() == 2
        with pytest.raises(sa.exc.StatementError) as info:
            conn.execute(table.insert(), {"id": 4, "ref": "28O/BC-UBND"})
        assert isinstance(info.value.orig, DocRefError)
    assert raw == ["91/2017/NĐ-CP", "280/BC-UBND", None]
    assert loaded == [parse_ref("91/2017/NĐ-CP"), parse_ref("280/BC-UBND"), None]


class RefForm(Form):
    ref = DocRefField(validators=[DataRequired()])
    optional_ref = DocRefField("Văn bản liên quan", validators=[Optional()])


def test_field_parses_valid_input_and_shows_canonical_text():
    form = RefForm(MultiDict({"ref": "Số: 280 / BC-UBND", "optional_ref": ""}))
    assert form.validate()
    assert form.ref.data == parse_ref("280/BC-UBND")
    assert form.ref._value() == "280/BC-UBND"
    assert form.optional_ref.data is None
    assert form.ref.label.text == "Số, ký hiệu"


def test_field_reports_the_parse_error_as_a_validation_error():
    form = RefForm(MultiDict({"ref": "28O/BC-UBND"}))
    assert not form.validate()
    assert form.ref.data is None
    assert len(form.ref.errors) == 1 and "“28O”" in form.ref.errors[0]
    assert form.ref._value() == "28O/BC-UBND"  # what was typed, so it can be fixed


def test_field_empty_input_is_left_to_the_validators():
    form = RefForm(MultiDict({"ref": "  "}))
    assert not form.validate()
    assert form.ref.data is None
    assert form.ref.errors == ["This field is required."]


def test_field_shows_object_data():
    class Obj:
        ref = parse_ref("127-KL/TW")
        optional_ref = "2902 / BNV-VP"

    form = RefForm(obj=Obj())
    assert form.ref._value() == "127-KL/TW"
    assert form.optional_ref.data == parse_ref("2902/BNV-VP")


def test_a_type_typed_without_its_d_stroke_is_questioned():
    with pytest.raises(DocRefError, match="“QD” có phải loại văn bản “QĐ”"):
        parse_ref("1317/QD-UBND")


def test_over_long_references_are_refused():
    with pytest.raises(DocRefError, match="tối đa 80 ký tự"):
        parse_ref("280/BC-" + "A" * 100)
