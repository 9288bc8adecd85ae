"""The dashboard's figures kept counted (see counting.py): one row per key, with the number of recommendations
under it and, for the keys of open recommendations, how many are overdue by 1–30, 31–60, 61–90 and over 90
days as of `DashboardState.as_of`; and each recommendation's own keys, so that a change subtracts exactly what
the recommendation added before."""

from datetime import date, datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from inspection.extensions import db


class DashboardCount(db.Model):
    __tablename__ = "dashboard_count"
    # a page reads one scope's and issue year's rows of a few kinds: without it, every scope's and year's of them
    __table_args__ = (Index("ix_dashboard_count_read", "scope", "issue_year", "kind"),)

    kind: Mapped[str] = mapped_column(String(12), primary_key=True)
    k1: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    k2: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    k3: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    #: 0: the whole country; else the id of the province whose subtree these recommendations are in
    scope: Mapped[int] = mapped_column(primary_key=True, autoincrement=False, default=0)
    #: 0: every recommendation; else only those issued in this year (a dashboard of whole years sums its years)
    issue_year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False, default=0)
    n: Mapped[int] = mapped_column(default=0)
    d1: Mapped[int] = mapped_column(default=0)
    d31: Mapped[int] = mapped_column(default=0)
    d61: Mapped[int] = mapped_column(default=0)
    d91: Mapped[int] = mapped_column(default=0)


class DashboardFact(db.Model):
    """The keys one recommendation adds to (JSON), as counted on `DashboardState.as_of`."""

    __tablename__ = "dashboard_fact"

    # no foreign key: the row must outlive its recommendation until the flush that deletes it subtracts it
    recommendation_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    keys: Mapped[str] = mapped_column(Text)


class DashboardState(db.Model):
    """One row once the counts are built: the day their aging buckets are counted on, and when they were built."""

    __tablename__ = "dashboard_state"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    as_of: Mapped[date]
    built_at: Mapped[datetime]
