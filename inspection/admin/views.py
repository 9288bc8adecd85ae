"""Admin pages: users and the audit log."""

from babel.numbers import format_decimal
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from inspection import jobs
from inspection.access import Need, load, register
from inspection.admin import audit_export, services
from inspection.admin import audit_log as audit_log_view
from inspection.admin.forms import UserForm
from inspection.auth import sessions
from inspection.auth.models import Role, User
from inspection.confirm import Question, Subject, confirm_first
from inspection.extensions import db
from inspection.forms_util import commit_or_refuse, refused, save
from inspection.permissions import roles_required
from inspection.rules import RuleViolation
from inspection.units.models import Unit

bp = Blueprint("admin", __name__, url_prefix="/admin")


register(User, {Need.MANAGE: lambda user, account: user.role == Role.ADMIN})


def get_user(user_id: int) -> User:
    """The account, or 404; 403 unless the current user is an admin."""
    return load(User, user_id, Need.MANAGE)


@bp.route("/users")
@roles_required(Role.ADMIN)
def users():
    search = request.args.get("q", "").strip()
    query = select(User).options(selectinload(User.units).selectinload(Unit.names)).order_by(User.username)
    if search:
        query = query.where(or_(User.username.icontains(search, autoescape=True),
                                User.full_name.icontains(search, autoescape=True)))
    page = db.paginate(query, per_page=current_app.config["PAGE_SIZE"], max_per_page=100)
    return render_template("admin/users.html", page=page, search=search, action_form=FlaskForm())


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_user():
    form = UserForm()
    if form.validate_on_submit():
        if not form.password.data:
            form.password.errors = [_("Nhập mật khẩu cho tài khoản mới.")]
        else:
            ok, user = save(form, lambda: services.create_user(current_user, username=form.username.data,
                                                               full_name=form.full_name.data, role=form.role.data,
                                                               password=form.password.data, email=form.email.data,
                                                               units=form.unit_codes.data))
            if ok:
                flash(_("Đã tạo tài khoản %(name)s.", name=user.username), "success")
                return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=None)


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_user(user_id: int):
    user = get_user(user_id)
    form = UserForm(obj=user, unit_codes=user.units, active=user.is_active_account)
    form.username.render_kw = {"readonly": True}
    form.username.data = user.username  # the user name is the login identity: it does not change
    if form.validate_on_submit():
        try:
            commit_or_refuse(lambda: services.update_user(
                current_user, user, full_name=form.full_name.data, role=form.role.data, email=form.email.data,
                units=form.unit_codes.data, active=form.active.data, password=form.password.data or None,
                version=form.version.data))
        except RuleViolation as violation:
            return refused(form, violation, "admin/user_form.html", record=user, user=user)
        flash(_("Đã lưu tài khoản %(name)s.", name=user.username), "success")
        return redirect(url_for("admin.users"))
    limits = sessions.SessionLimits.from_config(current_app.config)
    return render_template("admin/user_form.html", form=form, user=user, action_form=FlaskForm(),
                           live_sessions=sessions.live_sessions(user, limits))


def _user_subject(user_id: int) -> Subject:
    user = get_user(user_id)
    return Subject({"name": f"{user.full_name} ({user.username})"}, url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/end-sessions", methods=["POST"])
@roles_required(Role.ADMIN)
@confirm_first(Question(_l("Kết thúc mọi phiên đăng nhập của %(name)s?"),
                        _l("Người này bị đăng xuất ngay trên mọi thiết bị và phải đăng nhập lại."),
                        _l("Kết thúc các phiên")), _user_subject)
def end_user_sessions(user_id: int):
    user = get_user(user_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    ended = services.end_user_sessions(current_user, user)
    db.session.commit()
    flash(_("Đã kết thúc %(count)d phiên đăng nhập của %(name)s.", count=ended, name=user.username), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@roles_required(Role.ADMIN)
@confirm_first(Question(_l("Khóa tài khoản %(name)s?"),
                        _l("Người này bị đăng xuất ngay và không đăng nhập được nữa cho đến khi quản trị viên "
                           "mở lại tài khoản; dữ liệu họ đã ghi vẫn giữ nguyên."),
                        _l("Khóa tài khoản")), _user_subject)
def deactivate_user(user_id: int):
    user = get_user(user_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        commit_or_refuse(lambda: services.deactivate_user(current_user, user))
    except RuleViolation as violation:
        flash(violation.message, "danger")
    else:
        flash(_("Đã khóa tài khoản %(name)s.", name=user.username), "success")
    return redirect(url_for("admin.users"))


@bp.route("/audit")
@roles_required(*audit_export.READERS)
def audit_log():
    form = audit_log_view.filter_form(request.args)
    page = db.paginate(audit_log_view.filtered(form.filters()), per_page=50, max_per_page=200)
    names = audit_log_view.record_names(page.items)
    args = {key: value for key, value in request.args.items() if key != "page"}
    return render_template("admin/audit.html", page=page, form=form,
                           export_url=url_for("admin.audit_log_export", **args),
                           rows=[audit_log_view.row_in_words(entry, names) for entry in page.items],
                           changes=audit_log_view.changes_in_words)


@bp.route("/audit/export", methods=["POST"])
@roles_required(*audit_export.READERS)
def audit_log_export():
    """The log's "Xuất Excel": a background job with the page's filters; the file waits on "Tác vụ của tôi"."""
    if not FlaskForm().validate_on_submit():
        abort(400)
    args = {key: values for key, values in request.args.lists() if key != "page"}
    count = audit_export.matching(request.args)
    if count > audit_export.MAX_ROWS:
        flash(_("Có %(count)s dòng khớp bộ lọc, quá %(limit)s dòng một lần xuất: hãy thu hẹp bộ lọc.",
                count=format_decimal(count, locale="vi"), limit=format_decimal(audit_export.MAX_ROWS, locale="vi")),
              "warning")
    else:
        commit_or_refuse(lambda: jobs.start(current_user, audit_export.KIND, args=args))
        flash(_("Đã bắt đầu xuất Excel. Tiến độ hiện ở đây; tệp kết quả có ở trang “Tác vụ của tôi”."), "info")
    return redirect(url_for("admin.audit_log", **args))
