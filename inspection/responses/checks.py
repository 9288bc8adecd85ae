"""Rules shared by the response services: who speaks for which unit, and simple input checks.
Messages bound to a field are written to follow the field's label ("Ngày đề nghị gia hạn: phải sau …")."""

from datetime import date

from flask_babel import gettext as _

from inspection.auth.models import Role
from inspection.findings.access import answerable_responsibilities, can_decide_extension
from inspection.findings.models import Recommendation, Responsibility
from inspection.rules import RuleViolation
from inspection.units.models import Unit


def vn_day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def speaking_unit(actor, recommendation: Recommendation, unit: Unit | None) -> Unit | None:
    """The unit a unit officer speaks for (one of their shares of the recommendation; the only one
    when they have a single share), or None for mission members and the council."""
    if actor.role != Role.UNIT_OFFICER:
        if not can_decide_extension(actor, recommendation):
            raise RuleViolation(_("Chỉ đơn vị được giao kiến nghị, thành viên đoàn kiểm tra hoặc Hội đồng "
                                  "mới được trao đổi về kiến nghị này."))
        return None
    shares = {share.unit_id: share.unit for share in answerable_responsibilities(actor, recommendation)}
    if unit is None and len(shares) == 1:
        return next(iter(shares.values()))
    if unit is None or unit.id not in shares:
        raise RuleViolation(_("hãy chọn một đơn vị của bạn được giao thực hiện kiến nghị này."), field="unit_id")
    return unit


def require_share(actor, responsibility: Responsibility) -> None:
    """Only the officers of the responsible unit act on its share (never an inspector on its behalf)."""
    if responsibility not in answerable_responsibilities(actor, responsibility.recommendation):
        raise RuleViolation(_("Chỉ cán bộ đầu mối của %(unit)s mới được cập nhật phần việc của đơn vị này.",
                              unit=responsibility.unit.name))


def require_open(recommendation: Recommendation) -> None:
    if not recommendation.is_open:
        raise RuleViolation(_("Kiến nghị đã được đoàn kiểm tra kết luận (%(status)s); không thể cập nhật thêm.",
                              status=recommendation.verified_status.label))


def required_text(value: str | None, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise RuleViolation(message, field=field)
    return text


def require_after_current_due(day: date | None, recommendation: Recommendation, field: str) -> date:
    """An extension asks for (or grants) a date after the current due date."""
    if day is None:
        raise RuleViolation(_("hãy nhập ngày theo dạng dd/mm/yyyy."), field=field)
    if recommendation.current_due is None:
        raise RuleViolation(_("kiến nghị chưa có hạn thực hiện nên không cần gia hạn."), field=field)
    if day <= recommendation.current_due:
        raise RuleViolation(_("phải sau hạn hiện tại %(day)s.", day=vn_day(recommendation.current_due)), field=field)
    return day


def require_not_before_issue(day: date | None, recommendation: Recommendation, field: str) -> None:
    if day is not None and recommendation.issued_on is not None and day < recommendation.issued_on:
        raise RuleViolation(_("không được trước ngày ban hành kiến nghị %(day)s.",
                              day=vn_day(recommendation.issued_on)), field=field)
