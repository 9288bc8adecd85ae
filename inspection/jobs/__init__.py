"""Background jobs on an existing queue (Huey): long work leaves the request and runs in a worker process, with
its progress, result and error recorded in the portal's own `job` table (what "Tác vụ của tôi" lists).

A core package: it knows no feature. Features declare their work here and start it from their views:

    @jobs.task("register_export", label=_l("Xuất sổ theo dõi kiến nghị"))
    def export_register(ctx, *, args): ...          # ctx.actor, ctx.counted(rows, total), ctx.save_result(...)

    jobs.start(current_user, "register_export", args=...)   # queued once the request commits

and their periodic work with `@jobs.periodic(name, jobs.daily_at("REMINDERS_SEND_AT"))`. Each job's own work
commits once, at its end (an import lands whole or writes nothing); progress is written apart, in its own short
transactions. `inspection/tasks.py` (the composition root) imports every feature's task module."""

from inspection.jobs.context import JobCancelled, JobContext
from inspection.jobs.registry import daily_at, every_minutes, periodic, task
from inspection.jobs.services import cancel, start

__all__ = ["JobCancelled", "JobContext", "cancel", "daily_at", "every_minutes", "periodic", "start", "task"]
