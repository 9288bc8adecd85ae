"""The words of a daily reminder: a subject with the counts, a plain-text body listing the items (dates
dd/mm/yyyy, portal paths that the page and the e-mail turn into links) and the list to open."""

import heapq
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from babel.numbers import format_decimal
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from inspection.formatting import number, vn_date
from inspection.notifications.links import path_for
from inspection.reminders.plan import Digest, Entry, Reason, Thresholds

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
    sections = digest.by_reason()
    locale = recipient.locale or "vi"
    with force_locale(locale):
        lines = Lines(Phrases.current(), locale, unit_names, day)
        body = [_("Kính gửi %(name)s,", name=recipient.full_name), "",
                _("Tình hình thực hiện kiến nghị đến ngày %(day)s:", day=vn_date(day)), ""]
        for reason, entries in sections.items():
            body += _section(reason, entries, lines, thresholds)
        body.append(_("Lời nhắc được gửi mỗi ngày một lần cho đến khi kiến nghị được xác minh, "
                      "gia hạn hoặc chuyển giao cho đơn vị khác."))
        return Message(subject(sections), "\n".join(body), section_link(next(iter(sections))))


def subject(sections: dict[Reason, list[Entry]]) -> str:
    """"Nhắc hạn thực hiện kiến nghị: 3 quá hạn, 2 sắp đến hạn" (parts with nothing left out)."""
    sizes = {reason: len(entries) for reason, entries in sections.items()}
    counts = [(sum(size for reason, size in sizes.items() if reason.is_overdue), _("%(n)s quá hạn")),
              (sizes.get(Reason.DUE_SOON, 0), _("%(n)s sắp đến hạn")),
              (sizes.get(Reason.AWAITING_VERIFICATION, 0), _("%(n)s chờ xác minh"))]
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


def _section(reason: Reason, entries: list[Entry], lines: "Lines", thresholds: Thresholds) -> list[str]:
    days = {Reason.DUE_SOON: thresholds.due_soon, Reason.SUBORDINATE_OVERDUE: thresholds.supervisor,
            Reason.COUNCIL_OVERDUE: thresholds.council}.get(reason, 0)
    text = [f"{str(SECTION_TITLES[reason]) % {'days': days}} ({number(len(entries))}):"]
    for position, entry in enumerate(_first(entries), start=1):
        text += lines.entry(position, entry)
    if len(entries) > SECTION_LIMIT:
        text.append(_("… và %(n)s kiến nghị khác: %(path)s", n=number(len(entries) - SECTION_LIMIT),
                      path=section_link(reason)))
    return text + [""]


def _first(entries: list[Entry]) -> list[Entry]:
    """The SECTION_LIMIT lines shown, oldest due date first: the most overdue, or the soonest due, leads.
    (The council's list may hold tens of thousands: no full sort for 25 lines.)"""
    return heapq.nsmallest(SECTION_LIMIT, entries, key=lambda entry: (entry.item.due, entry.item.id))


@dataclass(frozen=True)
class Phrases:
    """The phrases of an item's lines in the current language, translated once per message rather than
    once per line (a national run writes tens of thousands of lines)."""

    units: str
    due: str
    overdue: str
    due_today: str
    days_left: str
    see: str

    @classmethod
    def current(cls) -> "Phrases":
        return cls(units=_("Đơn vị: %(units)s"), due=_("Hạn: %(day)s"), overdue=_("Quá hạn %(n)s ngày"),
                   due_today=_("Đến hạn hôm nay"), days_left=_("Còn %(n)s ngày"), see=_("Xem: %(path)s"))


@dataclass(frozen=True)
class Lines:
    phrases: Phrases
    locale: str
    unit_names: dict[int, str]
    day: date

    def entry(self, position: int, entry: Entry) -> list[str]:
        item, say = entry.item, self.phrases
        units = ", ".join(self.unit_names.get(unit_id, "") for unit_id in entry.unit_ids)
        details = " · ".join([say.units % {"units": units}, say.due % {"day": vn_date(item.due)},
                              self.timing(item.days_overdue(self.day))])
        return [f"{position}. {item.number}: {_one_line(item.text)}", f"   {details}",
                "   " + say.see % {"path": recommendation_path(item.id)}]

    def timing(self, days_overdue: int) -> str:
        if days_overdue > 0:
            return self.phrases.overdue % {"n": _count(days_overdue, self.locale)}
        if days_overdue == 0:
            return self.phrases.due_today
        return self.phrases.days_left % {"n": _count(-days_overdue, self.locale)}


def recommendation_path(recommendation_id: int) -> str:
    return path_for("findings.recommendation", recommendation_id=recommendation_id)


@lru_cache(maxsize=8192)
def _count(value: int, locale: str) -> str:
    """A count of days as the number filter writes it ("2.891"); the same few values recur on every line."""
    return format_decimal(value, locale=locale)


def _one_line(text: str) -> str:
    """The text on one line; a long one is cut with an ellipsis (the query fetched a little more)."""
    flat = " ".join((text or "").split())
    return flat[:LINE_TEXT - 1] + "…" if len(flat) > LINE_TEXT else flat
