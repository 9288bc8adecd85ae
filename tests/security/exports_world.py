"""What the exports tests share: a world with a mission (tests.findings) and the award catalogue, a council
member, and both council .xlsx exports opened with openpyxl."""

import io

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.models import Dossier
from tests.findings.builders import World, make_world
from tests.jobs.run_here import export_file

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: the export buttons (POST, the page's query string): each starts a job whose result is the file
REGISTER_EXPORT = "/recommendations/export"
DOSSIER_EXPORT = "/nominations/export"
EXPORTS = (REGISTER_EXPORT, DOSSIER_EXPORT)
#: everything of Unicode category Cc but tab, LF and CR
CONTROLS = frozenset(chr(code) for code in [*range(0x00, 0x20), *range(0x7F, 0xA0)]) - set("\t\n\r")


def make_export_world() -> World:
    """tests.findings' world (units KG and CM, a mission on KG, a council member) and the award catalogue."""
    world = make_world()
    seed_catalogue(SYSTEM)
    db.session.commit()
    return world


def new_dossier_data(unit_code: str, code: str, **changes) -> dict:
    """What the council types into the new-dossier form."""
    return {"unit": unit_code, "code": code, "year": "2017", "award_form": "BKUBT", "recipient_kind": "individual",
            "recipient_name": "Phạm Thị Dung"} | changes


def dossier_by_code(code: str) -> Dossier:
    db.session.expire_all()
    return db.session.scalar(select(Dossier).where(Dossier.code == code))


def exported_cells(client, url: str) -> list[Cell]:
    """Every non-empty cell of every sheet of the file: an export's (started at `url`, run as a job) or a
    download's (the import templates)."""
    path = url.partition("?")[0]
    response = export_file(client, url) if path in EXPORTS else client.get(url)
    assert response.status_code == 200 and response.mimetype == XLSX, response.status_code
    workbook = load_workbook(io.BytesIO(response.data))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
            if cell.value is not None]


def cell_holding(cells: list[Cell], text: str) -> Cell:
    found = [cell for cell in cells if cell.value == text]
    assert found, f"{text!r} is not in the file"
    return found[0]
