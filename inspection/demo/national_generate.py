"""`flask demo generate --scale S`: the national data set for benchmarks, on an empty database only.

At scale 1: 3,500 units in 34 provinces with their clusters and blocks, five years of missions (the
reference year and the four before it), 100,000 findings with ~1.4 recommendations each and everything that
followed them, and 1,000,000 nomination dossiers; scale 0.1 is ten times smaller in every count (fewer
provinces, each as dense). The same seed and reference day give the same rows; every stage draws from its
own random stream, so a change in one stage does not reshuffle the others. Accounts: national_people."""

import random
import time
from collections.abc import Callable
from datetime import date

from sqlalchemy import text

from inspection.access import SYSTEM
from inspection.dashboard.counting import rebuild
from inspection.demo import generator
from inspection.demo.national_dossiers import generate_dossiers
from inspection.demo.national_followup import Followup
from inspection.demo.national_missions import Missions
from inspection.demo.national_people import create_accounts
from inspection.demo.national_world import load_provinces
from inspection.demo.national_writer import BulkWriter, dotted, fix_sequences, require_empty_database
from inspection.extensions import db
from inspection.nominations.catalogue import seed_catalogue
from inspection.timeutil import today_vn

UNITS, FINDINGS, DOSSIERS, YEARS = 3_500, 100_000, 1_000_000, 5
#: a year counts once its missions can have started (March) and concluded
FIRST_MISSION_DAY = (3, 21)


def national_years(as_of: date) -> list[int]:
    last = as_of.year if as_of >= date(as_of.year, *FIRST_MISSION_DAY) else as_of.year - 1
    return list(range(last - YEARS + 1, last + 1))


def generate_national(scale: float, seed: int, as_of: date, progress: Callable[[str], None]) -> str:
    """Write the data set (the caller commits); RuleViolation when the database is not empty."""
    started = time.perf_counter()
    require_empty_database()
    seed_catalogue(SYSTEM)
    years = national_years(as_of)
    unit_count = max(2, round(UNITS * scale))
    generator.generate(unit_count=unit_count, seed=seed, years=tuple(years))
    provinces = load_provinces()
    writer = BulkWriter(progress)
    writer.say(f"{dotted(unit_count)} đơn vị trong {len(provinces)} tỉnh, cụm và khối thi đua {years[0]}–{years[-1]}")
    accounts = create_accounts(writer, provinces)
    dossiers = generate_dossiers(writer, random.Random(f"{seed}:dossiers"), provinces, years,
                                 round(DOSSIERS * scale), as_of)
    followup = Followup(writer, random.Random(f"{seed}:followup"), as_of, accounts.officers)
    missions = Missions(writer, random.Random(f"{seed}:missions"), as_of, followup, dossiers, accounts.inspectors)
    missions.generate(provinces, years, round(FINDINGS * scale))
    writer.flush()
    fix_sequences([name for name in writer.counts if "id" in db.metadata.tables[name].c])
    rebuild(db.session.connection(), today_vn())  # the dashboard's kept counts (written in bulk above)
    return _summary(writer, unit_count, len(provinces), scale, seed, as_of, time.perf_counter() - started)


def _summary(writer: BulkWriter, units: int, provinces: int, scale: float, seed: int, as_of: date,
             seconds: float) -> str:
    count = {name: dotted(value) for name, value in writer.counts.items()}
    return (f"Đã sinh dữ liệu quy mô {scale:g} (seed {seed}, ngày tham chiếu {as_of:%d/%m/%Y}) trong {seconds:.0f} s: "
            f"{dotted(units)} đơn vị ({provinces} tỉnh), {count['mission']} đoàn, {count['finding']} kết quả kiểm tra, "
            f"{count['recommendation']} kiến nghị, {count['responsibility']} phần trách nhiệm, "
            f"{count.get('due_date_change', 0)} đề nghị gia hạn, {count.get('message', 0)} trao đổi, "
            f"{count['dossier']} hồ sơ đề nghị khen thưởng, {count['audit_entry']} dòng lịch sử, {count['user']} tài "
            "khoản (admin, council, inspector001…, unit-<mã đơn vị viết thường>; mật khẩu demo-password).")


def refresh_statistics() -> None:
    """ANALYZE after a bulk load, as after any large import: the query planners of SQLite (which never
    gathers statistics by itself) and PostgreSQL (until autovacuum comes by) then know the tables' sizes."""
    db.session.execute(text("ANALYZE"))
