"""Review sessions of the council (phiên họp Hội đồng): the list, opening a session, its agenda with a
decision form per item, closing it, and the printable minutes (biên bản)."""

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from inspection import audit
from inspection.access import Need
from inspection.confirm import Question, Subject, confirm_first
from inspection.council import decisions, services
from inspection.council.access import DECIDERS, READERS, can_decide, get_item, get_session
from inspection.council.forms import AddItemsForm, CloseForm, DecisionForm, SessionForm
from inspection.council.minutes import minutes_heading
from inspection.council.models import Decision, ReviewItem, ReviewSession, SessionStatus
from inspection.council.queries import item_counts, pending_requests, session_list_query, session_page_options
from inspection.extensions import db
from inspection.forms_util import ButtonForm, apply_rule_violation, commit_or_refuse, save
from inspection.permissions import roles_required
from inspection.rules import EditConflict, RuleViolation
from inspection.timeutil import today_vn

bp = Blueprint("council", __name__)


@bp.route("/council/sessions/")
@roles_required(*READERS)
def sessions():
    page = db.paginate(session_list_query(), per_page=current_app.config["PAGE_SIZE"], max_per_page=200)
    return render_template("council/sessions.html", page=page, counts=item_counts([s.id for s in page.items]),
                           can_open=can_decide(current_user))


@bp.route("/council/sessions/new", methods=["GET", "POST"])
@roles_required(*DECIDERS)
def new():
    form = SessionForm(data={"title": services.DEFAULT_TITLE, "held_on": today_vn(),
                             "overdue_days": current_app.config["REVIEW_OVERDUE_DAYS"]})
    if form.validate_on_submit():
        ok, session = save(form, lambda: services.open_session(current_user, services.SessionDetails(
            title=form.title.data, held_on=form.held_on.data, participants=form.participants.data,
            overdue_days=form.overdue_days.data, place=form.place.data, chaired_by=form.chaired_by.data)))
        if ok:
            flash(_("Đã mở phiên họp. Cổng đề xuất %(count)s kiến nghị vào chương trình.",
                    count=len(session.items)), "success")
            return redirect(url_for("council.session", session_id=session.id))
    return render_template("council/new.html", form=form)


@bp.route("/council/sessions/<int:session_id>")
@roles_required(*READERS)
def session(session_id: int):
    return _page(get_session(session_id, options=session_page_options()))


@bp.post("/council/sessions/<int:session_id>/items")
@roles_required(*DECIDERS)
def add_items(session_id: int):
    session = get_session(session_id, need=Need.DECIDE, options=session_page_options())
    form = AddItemsForm(prefix="add")
    if not form.validate_on_submit():
        return _page(session, add_form=form)
    added = []
    violation = _attempt(lambda: added.extend(services.add_items(current_user, session, form.numbers.numbers)))
    if violation:
        return _refused(session, form, violation, add_form=form)
    flash(_("Đã bổ sung vào chương trình: kiến nghị số %(numbers)s.",
            numbers=", ".join(item.recommendation.number for item in added)), "success")
    return _back(session)


def _item_subject(session_id: int, item_id: int) -> Subject:
    session = get_session(session_id, need=Need.DECIDE)
    item = get_item(session, item_id)
    return Subject({"number": item.recommendation.number, "title": session.title},
                   url_for("council.session", session_id=session.id, _anchor=f"item-{item.id}"))


def _session_subject(session_id: int) -> Subject:
    session = get_session(session_id, need=Need.DECIDE)
    return Subject({"title": session.title, "day": session.held_on.strftime("%d/%m/%Y")},
                   url_for("council.session", session_id=session.id))


@bp.post("/council/sessions/<int:session_id>/items/<int:item_id>/decision")
@roles_required(*DECIDERS)
@confirm_first(Question(_l("Ghi quyết định của Hội đồng về kiến nghị số %(number)s?"),
                        _l("Quyết định được áp dụng ngay (xác minh, gia hạn, đôn đốc…) và là quyết định cuối cùng của "
                           "phiên họp về kiến nghị này: không sửa được; muốn xem xét lại phải đưa ra phiên họp sau."),
                        _l("Ghi quyết định")), _item_subject)
def decide(session_id: int, item_id: int):
    session = get_session(session_id, need=Need.DECIDE, options=session_page_options())
    item = get_item(session, item_id)
    form = DecisionForm(prefix=_prefix(item))
    if not form.validate_on_submit():
        return _page(session, failed={item.id: form})
    violation = _attempt(lambda: decisions.decide(current_user, item, form.chosen(), form.note.data,
                                                  form.new_due.data, version=form.version.data))
    if violation:
        return _refused(session, form, violation, failed={item_id: form}, record=item_id)
    flash(_("Kiến nghị số %(number)s: đã ghi quyết định “%(decision)s”.", number=item.recommendation.number,
            decision=item.decision.label), "success")
    return _back(session, item)


@bp.post("/council/sessions/<int:session_id>/items/<int:item_id>/remove")
@roles_required(*DECIDERS)
@confirm_first(Question(_l("Bỏ kiến nghị số %(number)s khỏi chương trình phiên họp?"),
                        _l("Kiến nghị không còn được xem xét trong phiên họp “%(title)s”; có thể bổ sung lại sau."),
                        _l("Bỏ khỏi chương trình")), _item_subject)
def remove_item(session_id: int, item_id: int):
    session = get_session(session_id, need=Need.DECIDE, options=session_page_options())
    item = get_item(session, item_id)
    number = item.recommendation.number
    violation = _attempt(lambda: services.remove_item(current_user, item)) if ButtonForm().validate_on_submit() \
        else RuleViolation(_("Biểu mẫu đã hết hạn; hãy tải lại trang rồi thử lại."))
    if violation:
        return _refused(session, None, violation)
    flash(_("Đã bỏ kiến nghị số %(number)s khỏi chương trình.", number=number), "success")
    return _back(session)


@bp.post("/council/sessions/<int:session_id>/close")
@roles_required(*DECIDERS)
@confirm_first(Question(_l("Kết thúc phiên họp “%(title)s” ngày %(day)s?"),
                        _l("Phiên họp đã kết thúc không mở lại được: không ghi thêm quyết định, không sửa chương "
                           "trình; biên bản được chốt để in."), _l("Kết thúc phiên họp")), _session_subject)
def close(session_id: int):
    session = get_session(session_id, need=Need.DECIDE, options=session_page_options())
    form = CloseForm(prefix="close")
    if not form.validate_on_submit():
        return _page(session, close_form=form)
    violation = _attempt(lambda: services.close_session(current_user, session, minutes_ref=form.minutes_ref.data,
                                                        conclusion=form.conclusion.data, version=form.version.data))
    if violation:
        return _refused(session, form, violation, close_form=form, record=0)
    flash(_("Đã kết thúc phiên họp. Biên bản sẵn sàng để in."), "success")
    return _back(session)


@bp.route("/council/sessions/<int:session_id>/minutes")
@roles_required(*READERS)
def minutes(session_id: int):
    session = get_session(session_id, options=session_page_options())
    return render_template("council/minutes.html", session=session, heading=minutes_heading(session))


# --- helpers ------------------------------------------------------------------------------------------------


def _attempt(change) -> RuleViolation | None:
    """Run a service call; commit on success, or return why it was refused (nothing is kept)."""
    try:
        commit_or_refuse(change)
    except RuleViolation as violation:
        return violation
    return None


def _refused(session: ReviewSession, form, violation: RuleViolation, record: int | None = None, **forms):
    """The page again, with the message beside its field (or on top), and for a stale form the table of
    what changed and the current version, so that saving again is a knowing choice."""
    if form is not None:
        apply_rule_violation(form, violation)
    else:
        db.session.rollback()
        flash(violation.message, "danger")
    stale = isinstance(violation, EditConflict)
    if stale and record is not None:
        form.version.data = session.version if record == 0 else db.session.get(ReviewItem, record).version
    return _page(get_session(session.id, options=session_page_options()), conflict=violation if stale else None,
                 conflict_on=record, status=409 if stale else 200, **forms)


def _page(session: ReviewSession, *, failed: dict[int, DecisionForm] | None = None, add_form=None,
          close_form=None, conflict=None, conflict_on=None, status: int = 200):
    deciding = can_decide(current_user) and session.status == SessionStatus.OPEN
    requests = pending_requests(session)
    pending = [item for item in session.items if item.decision == Decision.PENDING]
    forms = {item.id: (failed or {}).get(item.id) or _decision_form(item, requests) for item in pending} \
        if deciding else {}
    context = {"session": session, "requests": requests, "pending": len(pending), "deciding": deciding,
               "forms": forms, "failed": set(failed or ()),
               "add_form": add_form or AddItemsForm(formdata=None, prefix="add"),
               "close_form": close_form or CloseForm(formdata=None, prefix="close", version=session.version),
               "conflict": conflict, "conflict_on": conflict_on, "history": audit.history_of(session)}
    return render_template("council/session.html", **context), status


def _decision_form(item: ReviewItem, requests: dict) -> DecisionForm:
    """A fresh form; for an item with a waiting extension request, the date asked is offered."""
    asked = requests.get(item.recommendation_id)
    return DecisionForm(formdata=None, prefix=_prefix(item), version=item.version,
                        new_due=asked[0].requested_due if asked else None)


def _prefix(item: ReviewItem) -> str:
    return f"item{item.id}"


def _back(session: ReviewSession, item: ReviewItem | None = None):
    anchor = f"item-{item.id}" if item is not None else None
    return redirect(url_for("council.session", session_id=session.id, _anchor=anchor))
