"""Forms of the review sessions: open a session, add items by number, decide an item, close the session."""

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from inspection.council.models import Decision, ReviewItem, ReviewSession
from inspection.dates import VNDateField
from inspection.documents import purposes
from inspection.documents.fields import DocRefField
from inspection.findings.numbering import canonical
from inspection.forms_util import KeepsParseErrors, PortalForm, VersionField
from inspection.labels import field_label
from inspection.params import whole_number

_ADDRESS = re.compile(r"/recommendations/(\d+)/?(?:[?#].*)?$")


class SessionForm(PortalForm):
    title = StringField(_l("Tên phiên họp"), validators=[DataRequired(), Length(max=500)])
    held_on = VNDateField(_l("Ngày họp"), validators=[DataRequired()])
    place = StringField(field_label(ReviewSession.place), validators=[Optional(), Length(max=255)],
                        render_kw={"placeholder": _l("ví dụ: Phòng họp số 1, trụ sở UBND tỉnh")})
    chaired_by = StringField(_l("Chủ trì"), validators=[Optional(), Length(max=255)],
                             description=_l("Họ tên, chức vụ người chủ trì phiên họp."))
    participants = TextAreaField(_l("Thành phần tham dự"), validators=[DataRequired(), Length(max=10000)],
                                 description=_l("Mỗi người một dòng: họ tên – chức vụ."), render_kw={"rows": 5})
    overdue_days = IntegerField(_l("Đề xuất kiến nghị quá hạn trên (ngày)"),
                                validators=[InputRequired(), NumberRange(min=0, max=3650)],
                                description=_l("Cổng tự đưa vào chương trình các kiến nghị chưa kết luận quá hạn "
                                               "hơn số ngày này (tính đến ngày họp), các kiến nghị đã báo cáo cấp "
                                               "trên và các kiến nghị có đề nghị gia hạn chờ quyết định."))


class RecommendationNumbersField(KeepsParseErrors, TextAreaField):
    """Recommendations named by their numbers ("KN-03/Đ12-2017"), separated by commas, semicolons or new
    lines. The older ways still work: the id at the end of a recommendation page's address, or the address."""

    numbers: list[int | str] = []

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.numbers = []
        for piece in filter(None, (piece.strip() for piece in re.split(r"[,;\r\n]+", self.data or ""))):
            number = canonical(piece)  # a number written with spaces ("KN 03 / Đ12-2017") is one piece
            self.numbers += [number] if number else [_reference(token) for token in piece.split()]


def _reference(token: str) -> int | str:
    """A recommendation number in its stored form, or a recommendation id (given alone or in an address)."""
    number = canonical(token)
    if number:
        return number
    match = _ADDRESS.search(token)
    found = whole_number(token if match is None else match.group(1))
    if found is None:  # not a number, or past any id (which overflowed the query)
        raise ValueError(_("“%(text)s” không phải số kiến nghị (số kiến nghị có dạng KN-03/Đ12-2017).", text=token))
    return found


class AddItemsForm(PortalForm):
    numbers = RecommendationNumbersField(
        _l("Kiến nghị số"), validators=[DataRequired()],
        render_kw={"placeholder": _l("ví dụ: KN-03/Đ12-2017; KN-04/Đ12-2017"), "rows": 2},
        description=_l("Số kiến nghị như ghi trên trang kiến nghị và trong sổ theo dõi (ví dụ KN-03/Đ12-2017); "
                       "nhiều số cách nhau bởi dấu phẩy, dấu chấm phẩy hoặc xuống dòng."))


def decision_choices():
    return [("", _("— Chọn quyết định —"))] + [(decision.value, decision.label) for decision in Decision
                                                 if decision != Decision.PENDING]


class DecisionForm(PortalForm):
    decision = SelectField(field_label(ReviewItem.decision), choices=decision_choices,
                           validators=[DataRequired(message=_l("hãy chọn một quyết định."))])
    new_due = VNDateField(_l("Gia hạn đến ngày"), validators=[Optional()],
                          description=_l("Chỉ khi gia hạn; phải sau hạn hiện tại."))
    note = TextAreaField(_l("Ý kiến của Hội đồng"), validators=[Optional(), Length(max=5000)], render_kw={"rows": 2},
                         description=_l("Bắt buộc, trừ khi chấp nhận kết quả khắc phục."))
    version = VersionField()

    def chosen(self) -> Decision:
        return Decision(self.decision.data)

    def validate(self, extra_validators=None) -> bool:
        """Every missing part at once (the service refuses them one at a time)."""
        valid = super().validate(extra_validators)
        if not self.decision.data or self.decision.errors:
            return valid
        if self.chosen() == Decision.EXTEND and self.new_due.data is None and not self.new_due.errors:
            self.new_due.errors.append(_("hãy nhập ngày gia hạn theo dạng dd/mm/yyyy."))
            valid = False
        if self.chosen() != Decision.ACCEPT and not (self.note.data or "").strip():
            self.note.errors.append(_("hãy ghi ý kiến, lý do của Hội đồng (bắt buộc với mọi quyết định trừ chấp nhận "
                                      "kết quả khắc phục)."))
            valid = False
        return valid


class CloseForm(PortalForm):
    minutes_ref = DocRefField(_l("Số biên bản"), validators=[Optional()], purpose=purposes.MINUTES,
                              render_kw={"placeholder": _l("ví dụ: 05/BB-HĐTĐKT")})
    conclusion = TextAreaField(_l("Kết luận chung của phiên họp"), validators=[Optional(), Length(max=20000)],
                               render_kw={"rows": 4})
    version = VersionField()
