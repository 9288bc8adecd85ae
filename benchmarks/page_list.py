"""What benchmarks/pages.py measures: the main pages, with their subjects found by query (a big unit, a big
mission, a province, a deep page) so that both data sets get the same kind of page."""

from dataclasses import dataclass
from urllib.parse import quote_plus

from sqlalchemy import func, select

from inspection.auth.models import User
from inspection.demo.national_people import officer_username
from inspection.extensions import db
from inspection.findings.models import Finding, Recommendation, Responsibility, VerifiedStatus
from inspection.groups.models import EmulationGroup, GroupMember
from inspection.missions.models import MissionMember, TeamRole
from inspection.nominations.models import Dossier
from inspection.timeutil import today_vn
from inspection.units.models import Unit, UnitKind

#: the mission workspace is measured on a mission of about this many recommendations at both scales
BIG_MISSION = 150
#: the dossier registry's deep page: this far into the registry (page 5000 of 40,000 nationally, 500 of 4,000
#: on the small set), so that both sets ask for the same kind of page
DEEP_FRACTION = 8
TRIVIAL = "trivial page (change-password form)"


@dataclass
class Page:
    label: str
    user: str  # username
    path: str


def pages_of(app) -> list[Page]:
    """The trivial page first (every ratio is to it), then the pages of issues #5, #11 and #14."""
    with app.app_context():
        today, per_page = today_vn(), app.config["PAGE_SIZE"]
        overdue = db.session.scalar(select(func.count()).select_from(Recommendation).where(
            Recommendation.verified_status == VerifiedStatus.OPEN, Recommendation.current_due < today))
        mission_id, head, recommendation_id = _big_mission()
        busiest = _busiest_unit()
        province = db.session.scalar(select(Unit.code).where(Unit.kind == UnitKind.PROVINCE).order_by(Unit.id))
        rare_name, last_code = _search_words()
        deep = max(1, db.session.scalar(select(func.count()).select_from(Dossier)) // per_page // DEEP_FRACTION)
        deep_after = _registry_row(deep * per_page - per_page - 1)
        group_year = _busiest_group_year()
        group_id = _biggest_group(group_year)
    last = max(1, -(-overdue // per_page))
    year = today.year - 1
    officer = officer_username(province)
    return [
        Page(TRIVIAL, "council", "/account/password"),
        # `refresh=1` recomputes the figures as the first request after a change does (the link the page offers)
        Page("council dashboard (figures computed)", "council", "/dashboard/?refresh=1"),
        Page("council dashboard (figures kept since the last change)", "council", "/dashboard/"),
        # issue #14: the dashboard's filters (a province's subtree, a cluster or block, a year of issue dates)
        Page("council dashboard, one province (figures computed)", "council",
             f"/dashboard/?subtree={province}&refresh=1"),
        Page("council dashboard, one cluster or block (figures computed)", "council",
             f"/dashboard/?group={group_id}&refresh=1"),
        Page("council dashboard, one year's issue dates (figures computed)", "council",
             f"/dashboard/?issued_from=01/01/{year}&issued_to=31/12/{year}&refresh=1"),
        Page("register, first page (no filter)", "council", "/recommendations/"),
        Page("register, overdue by due date, first page", "council", "/recommendations/?overdue=y&sort=due"),
        Page("register, overdue by due date, last page", "council",
             f"/recommendations/?overdue=y&sort=due&page={last}"),
        Page("register, one province's subtree", "council", f"/recommendations/?subtree={province}"),
        Page("unit to-do, busiest unit", officer_username(busiest), "/todo"),
        Page("unit to-do, province (whole subtree)", officer, "/todo"),
        Page(f"mission workspace, ~{BIG_MISSION} recommendations (its head)", head, f"/missions/{mission_id}"),
        Page("a recommendation of that mission (its head)", head, f"/recommendations/{recommendation_id}"),
        Page(f"award statistics report, whole country, {year}", "council",
             f"/nominations/report?year_from={year}&year_to={year}"),
        Page(f"award statistics report, province, {year}", "council",
             f"/nominations/report?unit={province}&subtree=y&year_from={year}&year_to={year}"),
        Page("dossier registry, first page", "council", "/nominations/"),
        # what a user clicks that deep: the pager's "Sau" link on the page before (numbered links stop at the
        # counted 10.000 dossiers); the numbered page as a kept bookmark is measured too
        Page(f"dossier registry, deep page (1/{DEEP_FRACTION} in: the pager's Sau link there)", "council",
             f"/nominations/?after={deep_after}"),
        Page(f"dossier registry, deep page kept as a bookmark (?page=N, 1/{DEEP_FRACTION} in)", "council",
             f"/nominations/?page={deep}"),
        Page("dossier registry, province subtree", "council", f"/nominations/?unit={province}&subtree=y"),
        Page("clusters and blocks of one year", "council", f"/groups/?year={group_year}"),
        # issue #11: a search stays under 10x the trivial page; the unit picker answers in under 100 ms
        Page("search box, every kind (\"kien giang\")", "council", "/search?q=kien+giang"),
        Page("search box, a unit officer (province)", officer, "/search?q=khen+thuong"),
        Page("search box, a common word (\"nguyễn\")", "council", "/search?q=nguy%E1%BB%85n"),
        Page("search box, a common word, a province officer", officer, "/search?q=nguyen"),
        Page("search box, a person's name (a dossier's)", "council", f"/search?q={quote_plus(rare_name)}"),
        Page("search box, a code (the last unit's)", "council", f"/search?q={quote_plus(last_code)}"),
        Page("search box, one kind, common word, page 2", "council", "/search?q=nguyen&kind=dossiers&page=2"),
        Page("register, text filter", "council", "/recommendations/?q=khen+thuong"),
        Page("unit picker lookup (\"phu quoc\")", "council", "/units/lookup?q=phu+quoc"),
    ]


def _big_mission() -> tuple[int, str, int]:
    """The mission whose number of recommendations is closest to BIG_MISSION, its head, its first recommendation."""
    size = func.count(Recommendation.id)
    mission_id = db.session.scalar(
        select(Finding.mission_id).join(Recommendation, Recommendation.finding_id == Finding.id)
        .group_by(Finding.mission_id).order_by(func.abs(size - BIG_MISSION), Finding.mission_id).limit(1))
    head = db.session.scalar(select(User.username).join(MissionMember, MissionMember.user_id == User.id)
                             .where(MissionMember.mission_id == mission_id, MissionMember.role == TeamRole.HEAD))
    recommendation_id = db.session.scalar(select(func.min(Recommendation.id)).join(Recommendation.finding)
                                          .where(Finding.mission_id == mission_id))
    return mission_id, head, recommendation_id


def _registry_row(offset: int) -> int:
    """The id of the dossier at this place in the registry's order (newest year, then unit and code, descending)."""
    return db.session.scalar(select(Dossier.id).order_by(Dossier.year.desc(), Dossier.unit_id.desc(),
                                                         Dossier.code.desc(), Dossier.id.desc())
                             .offset(max(offset, 0)).limit(1))


def _search_words() -> tuple[str, str]:
    """A person's name (of the dossier halfway through the registry, e.g. "Hồ Minh Mai" of "Hồ Minh Mai – Giáo
    viên, UBND xã An Nam") and a code (the last unit's), the same at every run of the same data set."""
    middle = db.session.scalar(select(func.max(Dossier.id))) // 2
    name = db.session.scalar(select(Dossier.recipient_name).where(Dossier.id >= middle).order_by(Dossier.id))
    return name.split(" – ")[0], db.session.scalar(select(Unit.code).order_by(Unit.id.desc()))


def _busiest_unit() -> str:
    """The unit (not a province: its officer sees a whole subtree) with the most open shares."""
    return db.session.scalar(
        select(Unit.code).join(Responsibility, Responsibility.unit_id == Unit.id)
        .join(Recommendation, Recommendation.id == Responsibility.recommendation_id)
        .where(Recommendation.verified_status == VerifiedStatus.OPEN, Unit.kind != UnitKind.PROVINCE)
        .group_by(Unit.code).order_by(func.count().desc(), Unit.code).limit(1))


def _busiest_group_year() -> int:
    """The year with the most clusters and blocks (the newest of equals)."""
    return db.session.scalar(select(EmulationGroup.year).group_by(EmulationGroup.year)
                             .order_by(func.count().desc(), EmulationGroup.year.desc()).limit(1))


def _biggest_group(year: int) -> int:
    """The cluster or block of that year with the most member units (the lowest id of equals)."""
    return db.session.scalar(select(GroupMember.group_id).join(EmulationGroup)
                             .where(EmulationGroup.year == year).group_by(GroupMember.group_id)
                             .order_by(func.count().desc(), GroupMember.group_id).limit(1))
