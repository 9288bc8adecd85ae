"""The words of a daily reminder: a subject with the counts, a plain-text body listing the items (dates
dd/mm/yyyy, portal paths that the page and the e-mail turn into links) and the list to open."""

from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from inspection.formatting import number, vn_date
from inspection.notifications.links import path_for
from inspection.notifications.reminders import Digest, Entry, Reason, Thresholds

#: characters of a recommendation's text quoted on its line
LINE_TEXT = 160
#: lines listed per section; the rest are counted and the full list linked
SECTION_LIMIT = 25

SECTION_TITLES = {
    Reason.OVERDUE: _l("Đã quá hạn, đơn vị của bạn chưa hoàn thành"),
    Reason.DUE_SOON: _l("Sắp đến hạn trong %(days)s ngày tới"),
    Reason.SUBORDINATE_OVERDUE: _l("Đơn vị cấp dưới quá hạn trên %(days)s ngày"),
    Reason.MISSION_OVERDUE: _l("Kiến nghị của đoàn kiểm tra đã quá hạn"),
    Reason.AWAITING_VERIFICATION: _l("Đơn vị đã báo cáo hoàn thành, chờ đoàn kiểm tra xác minh"),
    Reason.COUNCIL_OVERDUE: _l("Quá hạn trên %(days)s ngày, báo cáo Hội đồng"),
}


@dataclass(frozen=True)
class Recipient:
    id: int
    full_name: str
    locale: str | None


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    link: str


def compose(digest: Digest, recipient: Recipient, unit_names: dict[int, str], day: date,
            thresholds: Thresholds) -> Message:
    """The reminder in the recipient's language (Vietnamese unless they chose otherwise)."""
    with force_locale(recipient.locale or "vi"):
        sections = [(reason, _sorted(digest.section(reason))) for reason in Reason]
        sections = [(reason, entries) for reason, entries in sections if entries]
        body = [_("Kính gửi %(name)s,", name=recipient.full_name), "",
                _("Tình hình thực hiện kiến nghị đến ngày %(day)s:", day=vn_date(day)), ""]
        for reason, entries in sections:
            body += _section(reason, entries, unit_names, day, thresholds)
        body.append(_("Lời nhắc được gửi mỗi ngày một lần cho đến khi kiến nghị được xác minh, "
                      "gia hạn hoặc chuyển giao cho đơn vị khác."))
        return Message(subject(digest), "\n".join(body), section_link(sections[0][0]))


def subject(digest: Digest) -> str:
    """"Nhắc hạn thực hiện kiến nghị: 3 quá hạn, 2 sắp đến hạn" (parts with nothing left out)."""
    reasons = [entry.reason for entry in digest.entries.values()]
    counts = [(sum(reason.is_overdue for reason in reasons), _("%(n)s quá hạn")),
              (reasons.count(Reason.DUE_SOON), _("%(n)s sắp đến hạn")),
              (reasons.count(Reason.AWAITING_VERIFICATION), _("%(n)s chờ xác minh"))]
    parts = [template % {"n": number(count)} for count, template in counts if count]
    return _("Nhắc hạn thực hiện kiến nghị: %(counts)s", counts=", ".join(parts))


def section_link(reason: Reason) -> str:
    """The page listing every item of a section (the message lists the first SECTION_LIMIT)."""
    if reason in (Reason.OVERDUE, Reason.DUE_SOON):
        return path_for("responses.todo")
    if reason == Reason.MISSION_OVERDUE:
        return path_for("findings.register", my_missions="y", overdue="y")
    if reason == Reason.AWAITING_VERIFICATION:
        return path_for("findings.register", my_missions="y", verified="open", unit_status="reported_done")
    return path_for("findings.register", overdue="y", sort="due")


def _sorted(entries: list[Entry]) -> list[Entry]:
    """Oldest due date first: the most overdue, or the soonest due, leads."""
    return sorted(entries, key=lambda entry: (entry.item.due, entry.item.id))


def _section(reason: Reason, entries: list[Entry], unit_names: dict[int, str], day: date,
             thresholds: Thresholds) -> list[str]:
    days = {Reason.DUE_SOON: thresholds.due_soon, Reason.SUBORDINATE_OVERDUE: thresholds.supervisor,
            Reason.COUNCIL_OVERDUE: thresholds.council}.get(reason, 0)
    lines = [f"{str(SECTION_TITLES[reason]) % {'days': days}} ({number(len(entries))}):"]
    for position, entry in enumerate(entries[:SECTION_LIMIT], start=1):
        lines += _entry_lines(position, entry, unit_names, day)
    if len(entries) > SECTION_LIMIT:
        lines.append(_("… và %(n)s kiến nghị khác: %(path)s", n=number(len(entries) - SECTION_LIMIT),
                       path=section_link(reason)))
    return lines + [""]


def _entry_lines(position: int, entry: Entry, unit_names: dict[int, str], day: date) -> list[str]:
    item = entry.item
    units = ", ".join(unit_names.get(unit_id, "") for unit_id in entry.unit_ids)
    details = " · ".join([_("Đơn vị: %(units)s", units=units), _("Hạn: %(day)s", day=vn_date(item.due)),
                          timing(item.days_overdue(day))])
    return [f"{position}. {_one_line(item.text)}", f"   {details}",
            "   " + _("Xem: %(path)s", path=path_for("findings.recommendation", recommendation_id=item.id))]


def timing(days_overdue: int) -> str:
    if days_overdue > 0:
        return _("Quá hạn %(n)s ngày", n=number(days_overdue))
    if days_overdue == 0:
        return _("Đến hạn hôm nay")
    return _("Còn %(n)s ngày", n=number(-days_overdue))


def _one_line(text: str) -> str:
    """The text on one line; a long one is cut with an ellipsis (the query fetched a little more)."""
    flat = " ".join((text or "").split())
    return flat[:LINE_TEXT - 1] + "…" if len(flat) > LINE_TEXT else flat
