"""Dossiers as a kind of the one import pipeline (inspection.imports): each row read with look-ups loaded once
(import_rows), classified against the stored dossiers with the dossier forms' rules (import_plan), then written
with bulk statements. Registered when the nominations views load.

The whole import is one audit entry (file, fingerprint and counts), not one per row: a 100,000-row file
must not write 100,000 log entries."""

from collections.abc import Iterable, Iterator

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, insert, update

from inspection import audit, textsearch
from inspection.extensions import db
from inspection.imports import kinds
from inspection.imports.plan import Counter, ImportPlan, StaleImport
from inspection.imports.reader import Row
from inspection.nominations.access import DOSSIER_WRITERS
from inspection.nominations.import_columns import COLUMNS, KIND, REQUIRED
from inspection.nominations.import_plan import EDITABLE, Classifier, load_existing
from inspection.nominations.import_rows import RowParser
from inspection.nominations.import_template import template_workbook
from inspection.nominations.models import Dossier
from inspection.timeutil import today_vn, utcnow

#: rows per INSERT / UPDATE batch
WRITE_CHUNK = 1000


class RegistryTarget:
    """What an import's audit entry is about: the dossier registry as a whole, not one dossier."""

    __tablename__ = Dossier.__tablename__
    id = None


def can_import(user) -> bool:
    """Admins, the council and unit officers (for their own units); inspectors read but never write."""
    return user.role in DOSSIER_WRITERS


def validate(actor, table_rows: Iterable[Row], plan: ImportPlan, counter: Counter) -> None:
    """One streaming pass parses the rows; the stored dossiers of their units are then loaded in bulk."""
    parser = RowParser(actor)
    rows = []
    for row in table_rows:
        parsed = parser.parse(row, plan.errors)
        if parsed is not None:
            rows.append(parsed)
        counter.add()
    existing = load_existing({row.unit_id for row in rows})
    classifier = Classifier(actor, parser, plan, today_vn())
    for row in rows:
        classifier.classify(row, existing.get((row.unit_id, row.code)))
    classifier.finish()


def apply(actor, plan: ImportPlan, counter: Counter, file_sha256: str) -> None:
    """Insert the new dossiers, update the changed ones (StaleImport when one moved since it was read)."""
    work = plan.work
    counter.expect(len(work.new) + len(work.updates))
    _insert(work.new, counter)
    _update(work.updates, counter)
    if work.new or work.updates:
        _record(actor, plan, file_sha256)


def _insert(rows: list[tuple], counter: Counter) -> None:
    """Core executemany on the table: the ORM's bulk INSERT would run one statement per row to fetch ids."""
    fixed = {"award_hold": False, "created_at": utcnow(), "version": 1}
    for chunk in _chunks(rows):
        db.session.execute(insert(Dossier.__table__), [
            textsearch.fill_row(Dossier.__table__, {"unit_id": unit_id, "code": code,
                                                    **dict(zip(EDITABLE, values, strict=True)), **fixed})
            for unit_id, code, values in chunk])
        counter.add(len(chunk))


def _update(rows: list[tuple], counter: Counter) -> None:
    """UPDATE … WHERE id = ? AND version = ?: a dossier someone saved after it was read is not overwritten."""
    table = Dossier.__table__
    statement = (update(table).where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_version"))
                 .values(version=table.c.version + 1,
                         **{name: bindparam(f"b_{name}", type_=table.c[name].type) for name in EDITABLE}))
    counts_rows = db.session.get_bind().dialect.supports_sane_multi_rowcount
    for chunk in _chunks(rows):
        result = db.session.execute(statement, [_update_params(*row) for row in chunk])
        if counts_rows and result.rowcount != len(chunk):
            raise StaleImport()
        textsearch.refresh(db.session, Dossier, table.c.id.in_([row[0] for row in chunk]))
        counter.add(len(chunk))


def _update_params(dossier_id: int, version: int, values: tuple) -> dict:
    return {"b_id": dossier_id, "b_version": version,
            **{f"b_{name}": value for name, value in zip(EDITABLE, values, strict=True)}}


def _record(actor, plan: ImportPlan, file_sha256: str) -> None:
    counts = plan.counts
    audit.record(actor, "dossier.import", RegistryTarget(),
                 audit.text("Nhập hồ sơ đề nghị khen thưởng từ tệp “%(file)s”: %(new)s mới, %(updated)s cập nhật, "
                            "%(unchanged)s không đổi", file=plan.filename, **counts),
                 after={"file": plan.filename, "sha256": file_sha256, **counts})
    db.session.flush()


def _chunks(rows: list) -> Iterator[list]:
    for start in range(0, len(rows), WRITE_CHUNK):
        yield rows[start:start + WRITE_CHUNK]


def _template() -> bytes:
    with force_locale("vi"):
        return template_workbook()


DOSSIERS = kinds.register(kinds.ImportKind(
    name=KIND, title=_l("hồ sơ đề nghị khen thưởng"), columns=COLUMNS, required=REQUIRED, may_import=can_import,
    validate=validate, apply=apply, template=_template, template_name="mau-nhap-ho-so-khen-thuong.xlsx",
    template_label=_l("Tải mẫu Excel"), template_endpoint=("nominations.import_template", {}),
    done_endpoint=lambda _plan: ("nominations.registry", {}),
    hints=(_l("Hồ sơ được nhận ra theo Mã hồ sơ cùng Mã đơn vị: hồ sơ đã có thì được cập nhật, nhập lại cùng một "
              "tệp không thay đổi gì. Ô tùy chọn để trống thì giữ nguyên giá trị hiện có. Tệp tải xuống từ sổ hồ "
              "sơ nhập lại được ngay."),
           _l("Trang “Hướng dẫn” của tệp mẫu giải thích từng cột."))))
