"""The three import kinds side by side, for the pipeline's tests: where each one's pages are, a good file
(two records), the same file with one bad row, and how many of its records are committed."""

from dataclasses import dataclass

from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.groups.models import GroupMember
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.models import Dossier
from inspection.units.models import Unit
from tests.factories import make_unit
from tests.imports.files import GROUP_HEADERS, UNIT_HEADERS, committed_count, xlsx
from tests.nominations.test_import import HEADER, dossier_row


@dataclass(frozen=True)
class KindCase:
    kind: str
    upload_path: str
    confirm_path: str
    fields: dict
    good: list
    bad_row: list
    #: (row number, column) of the bad row's error
    error: tuple[int, str]
    model: type
    done_text: str

    def good_file(self) -> bytes:
        return xlsx(self.good)

    def bad_file(self) -> bytes:
        return xlsx(self.good + [self.bad_row])

    def committed(self) -> int:
        return committed_count(self.model)


CASES = {
    "units": KindCase("units", "/import/", "/import/confirm", {"kind": "units"},
                      [UNIT_HEADERS, ["SNV", "Sở Nội vụ", "department"], ["SNV-PTC", "Phòng Tổ chức", "office", "SNV"]],
                      ["X", None, "office"], (4, "Tên đơn vị"), Unit, "Đã nhập đơn vị: 2 mới"),
    "groups": KindCase("groups", "/import/", "/import/confirm", {"kind": "groups"},
                       [GROUP_HEADERS, [2017, "Khối", "Khối X", "A", "Trưởng"], [2017, "Khối", "Khối X", "B"]],
                       [2017, "Khối", "Khối X", "KHONG-CO"], (4, "Mã đơn vị"), GroupMember,
                       "Đã nhập cụm, khối thi đua: 2 mới"),
    "dossiers": KindCase("dossiers", "/nominations/import", "/nominations/import/confirm", {},
                         [HEADER, dossier_row(), dossier_row("HS-002", name="Trần Thị Bình")],
                         dossier_row("HS-003", unit="XX"), (4, "Mã đơn vị"), Dossier,
                         "Đã nhập hồ sơ đề nghị khen thưởng: 2 mới"),
}


def prepare(kind: str) -> None:
    """What each kind's file refers to: units A and B for groups, unit KG and the catalogue for dossiers."""
    if kind == "groups":
        make_unit(code="A")
        make_unit(code="B")
    if kind == "dossiers":
        seed_catalogue(SYSTEM)
        make_unit(code="KG")
    db.session.commit()
