"""The dossier template to fill in: the header row, an example row, drop-down lists for the closed
vocabularies (from a hidden list sheet: labels such as "Chiến sĩ thi đua bộ, ban, ngành, tỉnh" hold commas)
and a "Hướng dẫn" sheet explaining every column. Built by the import pipeline's workbook builder, in Vietnamese."""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from inspection.extensions import db
from inspection.imports import workbook as layout
from inspection.imports.workbook import DAY, TEXT, Column
from inspection.nominations import import_columns as c
from inspection.nominations.models import AchievementType, AwardForm, DossierStatus, LeaderGroup, RecipientKind

SHEET_TITLE = "Hồ sơ đề nghị khen thưởng"


def template_workbook() -> bytes:
    """Call it under force_locale("vi") (import_kind does)."""
    return layout.build(SHEET_TITLE, template_columns(_form_names()), _dossier_notes())


def _form_names() -> tuple[str, ...]:
    """The catalogue's Vietnamese names in its own order (old names too: old records use them)."""
    return tuple(db.session.scalars(select(AwardForm.name_vi).order_by(AwardForm.id)))


def template_columns(form_names: tuple[str, ...]) -> list[Column]:
    return _who_columns(form_names) + _what_columns() + _outcome_columns()


def _who_columns(form_names: tuple[str, ...]) -> list[Column]:
    return [
        Column(c.CODE, True, _("Mã hồ sơ do đơn vị đặt, tối đa 60 ký tự, không trùng trong cùng đơn vị. Cùng mã đơn "
                               "vị, mã đã có thì cập nhật hồ sơ đó, mã chưa có thì thêm hồ sơ mới."), "HS-2017-001",
               number_format=TEXT),
        Column(c.UNIT, True, _("Mã của đơn vị đề nghị, đã có trong hệ thống. Cán bộ đơn vị chỉ nhập được hồ sơ của "
                               "đơn vị mình phụ trách."), "SNV", number_format=TEXT),
        Column(c.YEAR, True, _("Năm thi đua, từ 1945 đến 2100."), 2017),
        Column(c.FORM, True, _("Chọn trong danh sách, hoặc ghi mã hình thức (ví dụ BKUBT). Hình thức phải còn hiệu "
                               "lực trong năm thi đua: năm 2017 dùng “Chiến sĩ thi đua cấp tỉnh”, từ 2024 dùng "
                               "“Chiến sĩ thi đua bộ, ban, ngành, tỉnh”."),
               "Bằng khen của Chủ tịch UBND tỉnh", form_names),
        Column(c.RECIPIENT_KIND, True, _("Tập thể, Cá nhân hoặc Hộ gia đình: phải là đối tượng mà hình thức khen "
                                         "thưởng được tặng."), RecipientKind.INDIVIDUAL.label,
               tuple(c.labels(RecipientKind))),
        Column(c.RECIPIENT_NAME, True, _("Tên tập thể, họ và tên cá nhân hoặc tên chủ hộ, tối đa 500 ký tự."),
               "Nguyễn Văn An"),
    ]


def _what_columns() -> list[Column]:
    return [
        Column(c.LEADER, False, _("Chỉ ghi cho cá nhân: Có nếu giữ chức vụ lãnh đạo, quản lý, Không nếu là người "
                                  "trực tiếp lao động, công tác (Biểu 0603 tính tỷ lệ này). Để trống với tập thể, "
                                  "hộ gia đình."), c.NO, (c.YES, c.NO)),
        Column(c.GROUP, False, _("Chỉ ghi cho cá nhân: nhóm đối tượng của Biểu 0603 (Lãnh đạo cấp tỉnh; Lãnh đạo cấp "
                                 "sở, ngành; Doanh nhân; Lãnh đạo, quản lý khác; Người trực tiếp lao động, công tác). "
                                 "Để trống thì báo cáo Biểu 0603 ghi cá nhân này là chưa rõ nhóm."),
               LeaderGroup.DIRECT_WORKER.label, tuple(c.labels(LeaderGroup))),
        Column(c.ACHIEVEMENT, False, _("Loại hình khen thưởng (Luật Thi đua, khen thưởng 2022, Điều 8): chọn trong "
                                       "danh sách."), AchievementType.THEMATIC.label, tuple(c.labels(AchievementType))),
        Column(c.RANK, False, _("Chỉ với khen thưởng tập thể theo kết quả xếp hạng cụm, khối thi đua: 1 (dẫn đầu), "
                                "2 hoặc 3."), None, c.RANKS),
        Column(c.POSTHUMOUS, False, _("Có nếu truy tặng (chỉ cá nhân). Để trống với hồ sơ mới là Không."), c.NO,
               (c.YES, c.NO)),
    ]


def _outcome_columns() -> list[Column]:
    return [
        Column(c.SUBMITTED, False, _("Ngày trình hồ sơ, dạng dd/mm/yyyy: không trước năm thi đua, không sau hôm "
                                     "nay."), date(2017, 11, 1), number_format=DAY),
        Column(c.DECISION_REF, False, _("Số, ký hiệu quyết định khen thưởng hoặc không khen thưởng, ví dụ "
                                        "2345/QĐ-UBND. Chỉ ghi khi hồ sơ đã có kết quả; bắt buộc với Đã khen "
                                        "thưởng, Đã thu hồi."), "2345/QĐ-UBND", number_format=TEXT),
        Column(c.DECISION_DATE, False, _("Ngày ký quyết định, dạng dd/mm/yyyy: ghi cùng số quyết định, không trước "
                                         "ngày trình."), date(2017, 12, 15), number_format=DAY),
        Column(c.STATUS, False, _("Chọn trong danh sách. Để trống: hồ sơ mới là Nháp, hồ sơ đã có giữ nguyên trạng "
                                  "thái."), DossierStatus.AWARDED.label, tuple(c.labels(DossierStatus))),
        Column(c.NOTE, False, _("Ghi chú tùy ý."), None),
    ]


def _dossier_notes() -> list[str]:
    return [
        _("Hồ sơ đã có chỉ đổi trạng thái theo từng bước hợp lệ: Nháp → Đã trình → Chờ quyết định → Đã khen thưởng "
          "hoặc Không khen thưởng; Đã trình hoặc Chờ quyết định → Bị trả lại → Đã trình hoặc Nháp; Đã khen thưởng → "
          "Đã thu hồi."),
        _("Cán bộ đơn vị chỉ ghi hồ sơ Nháp hoặc Đã trình, và chỉ sửa hồ sơ của đơn vị mình khi hồ sơ còn là Nháp "
          "hoặc Bị trả lại."),
        _("Tệp tải xuống từ sổ hồ sơ đề nghị khen thưởng có cùng các cột: sửa rồi nhập lại được ngay."),
    ]
