"""A job kind for the tests only: writes `rows` audit entries (kept in the session, committed only with the
job's end, as an import would), reporting progress after each; can fail on a row, crash, or keep a result."""

import time

from inspection import audit, jobs
from inspection.rules import RuleViolation

KIND = "test_rows"
ROW_ACTION = "test_row"


@jobs.task(KIND, label="Ghi các dòng thử")
def write_rows(ctx: jobs.JobContext, *, rows: int, delay: float = 0.0, fail_at: int | None = None,
               crash_at: int | None = None, result: bool = False) -> None:
    ctx.progress(0, rows)
    for number in range(1, rows + 1):
        if number == fail_at:
            raise RuleViolation(f"Dòng {number}: mã đơn vị “XX” không có trong danh mục.")
        if number == crash_at:
            raise ZeroDivisionError("a bug")
        audit.record(ctx.actor, ROW_ACTION, ctx.job, f"Dòng {number}")
        time.sleep(delay)
        ctx.progress(number, rows)
    if result:
        ctx.save_result("ket-qua thu.txt", f"{rows} dòng".encode(), "text/plain")
