"""Saving, renaming and deleting a user's named filters. A saved filter is personal: each function takes the
acting user first and touches only that user's filters; the caller commits."""

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from inspection.auth.models import User
from inspection.extensions import db
from inspection.rules import RuleViolation
from inspection.saved_filters.lists import SavedList
from inspection.saved_filters.models import SavedFilter

NAME_MAX = 120


def saved_filters(user: User, list_name: str) -> list[SavedFilter]:
    """The user's filters for one list, by name."""
    query = (select(SavedFilter).where(SavedFilter.user_id == user.id, SavedFilter.list_name == list_name)
             .order_by(SavedFilter.name, SavedFilter.id))
    return list(db.session.scalars(query))


def save_filter(user: User, saved_list: SavedList, name: str, query_string: str,
                overwrite: bool = False) -> SavedFilter:
    """Save the list's current filters under a name (only the list's own parameters are kept). A name the
    user already gave another filter of this list is refused unless `overwrite`, which replaces that filter."""
    name = clean_name(name)
    existing = _named(user, saved_list.name, name)
    if existing is not None and not overwrite:
        raise RuleViolation(_("Bạn đã có bộ lọc tên “%(name)s”. Hãy chọn tên khác, hoặc đánh dấu “Ghi đè bộ lọc "
                              "cùng tên” để thay nó bằng bộ lọc hiện tại.", name=name), field="name")
    saved = existing or SavedFilter(user_id=user.id, list_name=saved_list.name, name=name)
    saved.query_string = saved_list.clean_query(query_string)
    _flush_unique(saved)
    return saved


def rename_filter(user: User, saved: SavedFilter, name: str) -> SavedFilter:
    name = clean_name(name)
    other = _named(user, saved.list_name, name)
    if other is not None and other.id != saved.id:
        raise RuleViolation(_("Bạn đã có bộ lọc khác tên “%(name)s”. Hãy chọn tên khác.", name=name), field="name")
    saved.name = name
    _flush_unique(saved)
    return saved


def delete_filter(user: User, saved: SavedFilter) -> None:
    if saved.user_id != user.id:  # the views load it with get_saved_filter; this guards other callers
        raise RuleViolation(_("Bạn chỉ xóa được bộ lọc của chính mình."))
    db.session.delete(saved)
    db.session.flush()


def clean_name(name: str | None) -> str:
    """Trimmed, inner runs of spaces made one: "Quá hạn  KG " and "Quá hạn KG" are the same name."""
    name = " ".join((name or "").split())
    if not name:
        raise RuleViolation(_("Hãy nhập tên cho bộ lọc."), field="name")
    if len(name) > NAME_MAX:
        raise RuleViolation(_("Tên bộ lọc dài tối đa %(max)d ký tự.", max=NAME_MAX), field="name")
    return name


def _named(user: User, list_name: str, name: str) -> SavedFilter | None:
    return db.session.scalar(select(SavedFilter).where(
        SavedFilter.user_id == user.id, SavedFilter.list_name == list_name, SavedFilter.name == name))


def _flush_unique(saved: SavedFilter) -> None:
    """Two tabs saving the same name at once: the second meets the unique constraint, not a server error."""
    try:
        with db.session.begin_nested():
            db.session.add(saved)
    except IntegrityError:
        raise RuleViolation(_("Bạn vừa lưu một bộ lọc cùng tên ở nơi khác. Hãy tải lại trang rồi thử lại."),
                            field="name") from None
