"""The one exception services raise when a request breaks a business rule."""


class RuleViolation(ValueError):
    """A refused change. `message` is shown to the user as is (Vietnamese, translated);
    `field` names the form field at fault, when there is one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class EditConflict(RuleViolation):
    """Someone saved the record after this form was opened. `changes` lists, per field, its label,
    the value now stored and the value the user submitted; nothing was saved."""

    def __init__(self, changes: list[tuple[str, str, str]]):
        from flask_babel import gettext as _

        super().__init__(_("Bản ghi đã được người khác sửa sau khi bạn mở biểu mẫu, nên chưa có gì được lưu. "
                           "Hãy xem các giá trị hiện tại dưới đây, sửa lại nếu cần rồi lưu lần nữa."))
        self.changes = changes


def require_version(obj, submitted_version: int | None, submitted: dict[str, tuple[str, object]]) -> None:
    """Refuse a save from a stale form. `submitted` maps attribute → (label, value the user sent)."""
    if submitted_version is None or submitted_version == obj.version:
        return
    changes = [(label, _shown(getattr(obj, name)), _shown(value))
               for name, (label, value) in submitted.items() if getattr(obj, name) != value]
    raise EditConflict(changes)


def _shown(value) -> str:
    if value is None:
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(getattr(value, "label", value))
