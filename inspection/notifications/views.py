"""The user's notifications: the list (newest first, unread highlighted), marking read, and the bell.
Only POSTs change anything; following a notification's link by GET (from an e-mail) marks nothing."""

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from inspection.extensions import db
from inspection.notifications import services
from inspection.notifications.links import internal_path, linkify_paths
from inspection.notifications.queries import current_unread_count, get_notification, own_notifications
from inspection.params import MAX_PAGE, whole_number
from inspection.permissions import login_required

bp = Blueprint("notifications", __name__)
bp.add_app_template_filter(linkify_paths, "linkify_paths")


@bp.app_context_processor
def _bell():
    # a function, not a number: the COUNT runs only when the navigation bar is drawn
    return {"unread_notification_count": current_unread_count}


@bp.route("/notifications/")
@login_required
def index():
    unread_only = request.args.get("unread") == "y"
    page = db.paginate(own_notifications(current_user, unread_only), per_page=current_app.config["PAGE_SIZE"],
                       max_per_page=100)
    return render_template("notifications/index.html", page=page, unread_only=unread_only)


@bp.post("/notifications/<int:notification_id>/read")
@login_required
def mark_read(notification_id: int):
    services.mark_read(current_user, get_notification(notification_id))
    db.session.commit()
    return redirect(_back_to_list())


@bp.post("/notifications/read-all")
@login_required
def mark_all_read():
    services.mark_all_read(current_user)
    db.session.commit()
    return redirect(_back_to_list())


@bp.post("/notifications/<int:notification_id>/open")
@login_required
def open(notification_id: int):  # noqa: A001  (the endpoint's name in links and e-mails)
    """The list's button: marks it read and follows its link."""
    notification = get_notification(notification_id)
    services.mark_read(current_user, notification)
    db.session.commit()
    return redirect(_target(notification))


@bp.get("/notifications/<int:notification_id>/open")
@login_required
def follow(notification_id: int):
    """The e-mail's address (a GET: a link preview or a mail scanner may fetch it): follows the link and
    changes nothing; the notification stays unread until its owner marks it on the list."""
    return redirect(_target(get_notification(notification_id)))


def _target(notification) -> str:
    """Only ever a path on this site, however the link was stored."""
    return internal_path(notification.link) or url_for(".index")


def _back_to_list() -> str:
    """The list page the button was on (its page number and unread filter)."""
    page = whole_number(request.form.get("page"), high=MAX_PAGE)
    unread = "y" if request.form.get("unread") == "y" else None
    return url_for(".index", page=page if page and page > 1 else None, unread=unread)
