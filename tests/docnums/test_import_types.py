"""The dossier import checks the decision's type as the form does: a row whose "Số quyết định" is not a
decision is an error of its row and column, and nothing is written."""

import pytest

from inspection.extensions import db
from tests.factories import make_unit
from tests.nominations.test_import import dossier_count, dossier_row, xlsx


@pytest.fixture
def unit(catalogue):
    unit = make_unit("Sở Nội vụ", code="KG")
    db.session.commit()
    return unit


def test_an_imported_decision_of_another_type_is_a_row_error(unit, runner, tmp_path):
    path = tmp_path / "ho-so.xlsx"
    path.write_bytes(xlsx([dossier_row(), dossier_row("HS-002", ref="280/BC-UBND")]))
    result = runner.invoke(args=["nominations", "import", str(path)])
    assert result.exit_code == 1
    assert ("Dòng 3, cột Số quyết định: Số quyết định phải là một quyết định (QĐ-…), không phải BC."
            in result.output)
    assert dossier_count() == 0
