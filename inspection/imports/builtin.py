"""The import kinds of this layer: units, and clusters and blocks. Their columns as the template explains them,
their advice on the upload page, and their registration with the pipeline."""

from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from inspection.imports import groups, kinds, units, workbook
from inspection.imports.plan import ImportPlan
from inspection.imports.workbook import DAY, TEXT, Column
from inspection.permissions import is_admin


def unit_columns() -> list[Column]:
    return [
        Column(units.CODE, True, _("Mã duy nhất của đơn vị, tối đa 40 ký tự. Mã đã có thì cập nhật đơn vị đó, "
                                   "mã chưa có thì thêm đơn vị mới."), "SNV", number_format=TEXT),
        Column(units.NAME, True, _("Tên đầy đủ. Với đơn vị đã có, tên phải trùng tên hiện tại: đổi tên phải ghi "
                                   "nhận sự kiện Đổi tên kèm căn cứ pháp lý trên trang đơn vị."), "Sở Nội vụ"),
        Column(units.UNIT_KIND, True, _("Chọn trong danh sách."), units.kind_labels()[2], tuple(units.kind_labels())),
        Column(units.PARENT, False, _("Mã đơn vị cấp trên: đơn vị đã có, hoặc một dòng khác trong cùng tệp "
                                      "(kể cả dòng ở phía dưới)."), None, number_format=TEXT),
        Column(units.VALID_FROM, False, _("Ngày bắt đầu hoạt động, dạng dd/mm/yyyy. Với đơn vị mới, ghi kèm sự kiện "
                                          "Thành lập."), date(2008, 4, 1), number_format=DAY),
        Column(units.VALID_TO, False, _("Ngày cuối cùng đơn vị hoạt động, dạng dd/mm/yyyy. Để trống nếu đơn vị "
                                        "còn hoạt động."), None, number_format=DAY),
        Column(units.NOTE, False, _("Ghi chú tùy ý."), None),
    ]


def group_columns() -> list[Column]:
    return [
        Column(groups.YEAR, True, _("Năm thi đua, từ 1945 đến 2100."), 2017),
        Column(groups.GROUP_KIND, True, _("Chọn trong danh sách: Cụm thi đua hoặc Khối thi đua."),
               groups.kind_labels()[1], tuple(groups.kind_labels())),
        Column(groups.GROUP_NAME, True, _("Tên cụm, khối. Chưa có trong năm đó thì được tạo mới."),
               "Khối thi đua các cơ quan tham mưu tổng hợp"),
        Column(groups.CODE, True, _("Mã của một đơn vị đã có trong hệ thống (nhập tệp đơn vị trước)."), "SNV",
               number_format=TEXT),
        Column(groups.ROLE, False, _("Cụm trưởng, Cụm phó (cụm thi đua), Khối trưởng, Khối phó (khối thi đua) hoặc "
                                     "Thành viên; để trống là Thành viên. Mỗi cụm, khối mỗi năm chỉ có một cụm "
                                     "trưởng, khối trưởng."),
               groups.role_labels()[-1], tuple(groups.role_labels())),
    ]


def unit_template() -> bytes:
    with force_locale("vi"):
        return workbook.build("Đơn vị", unit_columns())


def group_template() -> bytes:
    with force_locale("vi"):
        return workbook.build("Cụm, khối", group_columns())


def _units_done(_plan: ImportPlan) -> tuple[str, dict]:
    return "units.index", {}


def _groups_done(plan: ImportPlan) -> tuple[str, dict]:
    years = [row.year for row in plan.work or () if row.year]
    return "groups.index", ({"year": max(years)} if years else {})


UNIT_HINT = _l("Tên đơn vị đã có không bị ghi đè: đổi tên phải ghi nhận sự kiện Đổi tên trên trang đơn vị. "
               "Ô tùy chọn để trống thì giữ nguyên giá trị hiện có. Nhập tệp đơn vị trước tệp cụm, khối.")

GROUP_HINT = _l("Mỗi dòng là một đơn vị thành viên của một cụm, khối trong một năm; cụm, khối chưa có thì được tạo "
                "mới. Đơn vị phải có sẵn theo mã (nhập tệp đơn vị trước). Thành viên đã ghi nhận mà không có trong "
                "tệp được giữ nguyên; mỗi cụm có một cụm trưởng, mỗi khối một khối trưởng trong năm.")

UNITS = kinds.register(kinds.ImportKind(
    name=units.KIND_NAME, title=_l("đơn vị"), columns=units.COLUMNS, required=units.REQUIRED,
    may_import=is_admin, validate=units.validate, apply=units.apply, template=unit_template,
    template_name="mau-nhap-don-vi.xlsx", template_label=_l("Mẫu nhập đơn vị (.xlsx)"),
    template_endpoint=("imports.template", {"kind": units.KIND_NAME}), done_endpoint=_units_done,
    hints=(UNIT_HINT,)))

GROUPS = kinds.register(kinds.ImportKind(
    name=groups.KIND_NAME, title=_l("cụm, khối thi đua"), columns=groups.COLUMNS, required=groups.REQUIRED,
    may_import=is_admin, validate=groups.validate, apply=groups.apply, template=group_template,
    template_name="mau-nhap-cum-khoi-thi-dua.xlsx", template_label=_l("Mẫu nhập cụm, khối thi đua (.xlsx)"),
    template_endpoint=("imports.template", {"kind": groups.KIND_NAME}), done_endpoint=_groups_done,
    hints=(GROUP_HINT,)))
