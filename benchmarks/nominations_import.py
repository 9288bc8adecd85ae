"""Import of a generated 100,000-row dossier file, beside the time openpyxl alone needs to read it.

Goal (issue "Nomination data"): the import (read, check every row, write every dossier) takes under 3× the
read-only openpyxl read of the same file, and the process stays under 500 MB.

Usage: python benchmarks/nominations_import.py [--rows 100000] [--units 300] [--seed 2017] [--database-url URL]
The file and (by default) a SQLite database live in a throw-away folder; a PostgreSQL database is emptied first."""

import argparse
import io
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from sqlalchemy import func, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from inspection import create_app  # noqa: E402
from inspection.extensions import db  # noqa: E402
from inspection.nominations.import_columns import COLUMNS  # noqa: E402
from inspection.nominations.models import Dossier  # noqa: E402

#: (award form, recipient kinds it is given to) as a 2017 provincial register holds them
AWARDS = [("Bằng khen của Chủ tịch UBND tỉnh", ("Cá nhân", "Tập thể", "Hộ gia đình")),
          ("Chiến sĩ thi đua cấp tỉnh", ("Cá nhân",)), ("Tập thể lao động xuất sắc", ("Tập thể",)),
          ("Cờ thi đua của UBND tỉnh", ("Tập thể",)), ("Chiến sĩ thi đua cơ sở", ("Cá nhân",)),
          ("Lao động tiên tiến", ("Cá nhân",)), ("Giấy khen", ("Cá nhân", "Tập thể")),
          ("Huân chương Lao động hạng Ba", ("Cá nhân", "Tập thể"))]
ACHIEVEMENTS = ["Thường xuyên (thực hiện nhiệm vụ được giao)", "Chuyên đề", "Đột xuất", "Đối ngoại"]
STATUSES = ["Nháp", "Đã trình", "Chờ quyết định", "Đã khen thưởng", "Đã khen thưởng", "Không khen thưởng"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ"]
GIVEN = ["Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thị Hạnh", "Hữu Khang", "Ngọc Lan", "Thanh Tùng"]


def unit_code(index: int) -> str:
    return f"KG{index:04d}"


def build_app(database_url: str, unit_count: int):
    app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": database_url})
    with app.app_context():
        from flask_migrate import upgrade

        from inspection.access import SYSTEM
        from inspection.nominations.catalogue import seed_catalogue
        from inspection.units.models import UnitKind
        from inspection.units.services import create_unit

        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
        seed_catalogue(SYSTEM)
        for index in range(unit_count):
            create_unit(SYSTEM, code=unit_code(index), name=f"Đơn vị thử {index}", kind=UnitKind.DEPARTMENT)
        db.session.commit()
    return app


def generate(path: Path, rows: int, unit_count: int, seed: int, note: str | None = None) -> None:
    """A deterministic file: the same arguments give the same rows (`note`, when given, on every row)."""
    rng = random.Random(seed)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Hồ sơ")
    sheet.append(list(COLUMNS))
    for number in range(rows):
        row = _row(sheet, rng, number, unit_count)
        row[-1] = note or row[-1]
        sheet.append(row)
    workbook.save(path)


def _row(sheet, rng: random.Random, number: int, unit_count: int) -> list:
    form, kinds = rng.choice(AWARDS)
    kind = rng.choice(kinds)
    status = rng.choice(STATUSES)
    submitted = date(2017, 1, 1) + timedelta(days=rng.randrange(300)) if status != "Nháp" else None
    decided = status in ("Đã khen thưởng", "Không khen thưởng")
    name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}" if kind == "Cá nhân" else f"Phòng nghiệp vụ số {number}"
    return [f"HS-{number:06d}", unit_code(rng.randrange(unit_count)), 2017, form, kind, name,
            rng.choice(("Có", "Không")) if kind == "Cá nhân" else None, None, rng.choice(ACHIEVEMENTS),
            rng.choice((None, None, 1, 2, 3)) if kind == "Tập thể" else None, "Không",
            _date_cell(sheet, submitted), f"{rng.randrange(1, 3000)}/QĐ-UBND" if decided else None,
            _date_cell(sheet, submitted + timedelta(days=30)) if decided else None, status,
            "Nhập từ sổ khen thưởng" if number % 10 == 0 else None]


def _date_cell(sheet, value: date | None):
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = "DD/MM/YYYY"
    return cell


class Timer:
    """Wall-clock and CPU seconds of a block. On a shared machine the CPU time of this process (SQLite runs
    in it) is the steadier measure; with PostgreSQL the server's work shows in the wall-clock time only."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu

    def line(self, label: str, base: "Timer | None" = None, extra: str = "") -> str:
        ratio = f"  ratio {self.wall / base.wall:4.2f} wall, {self.cpu / base.cpu:4.2f} CPU" if base else ""
        return f"{label:<32} {self.wall:7.1f} s wall {self.cpu:7.1f} s CPU{ratio}  {extra}"


def read_only(data: bytes) -> tuple[Timer, int]:
    with Timer() as timer:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        count = sum(1 for _row in workbook.worksheets[0].iter_rows(values_only=True))
        workbook.close()
    return timer, count


def run_import(app, data: bytes, name: str) -> tuple[Timer, dict, int]:
    """Read, check and write (one commit), as `flask nominations import` does."""
    from inspection.access import SYSTEM
    from inspection.imports import pipeline

    with app.app_context():
        with Timer() as timer:
            plan = pipeline.import_file(SYSTEM, "dossiers", data, name, max_bytes=len(data) + 1)
            db.session.commit()
        assert plan.applied and not plan.errors, plan.sorted_errors[:5]
        stored = db.session.scalar(select(func.count()).select_from(Dossier))
    return timer, plan.counts, stored


def preview_peak_mb(app, data: bytes, name: str) -> float:
    """Python allocations at their peak during a preview (tracemalloc slows it: not timed)."""
    from inspection.access import SYSTEM
    from inspection.imports import pipeline

    with app.app_context():
        tracemalloc.start()
        pipeline.preview_file(SYSTEM, "dossiers", data, name, max_bytes=len(data) + 1)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        db.session.rollback()
    return peak / 1048576


def export_run(app, measure_memory: bool = False) -> tuple[Timer, int, float]:
    """The registry's export of every dossier (no filter, every unit) into a temporary file."""
    from inspection.nominations import exporting
    from inspection.nominations.filters import DossierFilter

    with app.app_context(), tempfile.TemporaryFile() as handle:
        if measure_memory:
            tracemalloc.start()
        with Timer() as timer:
            count = exporting.write_workbook(handle, exporting.export_rows(DossierFilter(), None))
        peak = tracemalloc.get_traced_memory()[1] / 1048576 if measure_memory else 0.0
        tracemalloc.stop()
    return timer, count, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    app = build_app(args.database_url or f"sqlite:///{folder}/bench.sqlite3", args.units)
    path, changed = folder / "ho-so-khen-thuong.xlsx", folder / "ho-so-khen-thuong-sua.xlsx"
    generate(path, args.rows, args.units, args.seed)
    generate(changed, args.rows, args.units, args.seed, note="Đã rà soát lại")
    data = path.read_bytes()
    database = (args.database_url or "sqlite").split(":")[0]
    print(f"file: {args.rows:,} rows, {len(data) / 1048576:.1f} MB; {os.cpu_count()} CPU; database {database}")
    read, count = read_only(data)
    print(read.line("openpyxl read-only read", extra=f"{count:,} rows"))
    timer, counts, stored = run_import(app, data, path.name)
    print(timer.line("import, all new", read, f"{counts}, {stored:,} stored"))
    timer, counts, _stored = run_import(app, data, path.name)
    print(timer.line("import again, nothing to write", read, str(counts)))
    timer, counts, _stored = run_import(app, changed.read_bytes(), changed.name)
    print(timer.line("import, every dossier updated", read, str(counts)))
    timer, count, _peak = export_run(app)
    print(timer.line("export of the registry", extra=f"{count:,} rows"))
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory (ru_maxrss, whole process): {peak_rss:.0f} MB")
    print(f"peak Python allocations during a preview (tracemalloc): {preview_peak_mb(app, data, path.name):.0f} MB")
    print(f"peak Python allocations during the export (tracemalloc): {export_run(app, True)[2]:.0f} MB")

if __name__ == "__main__":
    main()
