"""A background job as the portal records it (what the "Tác vụ của tôi" page lists), apart from the queue
that carries it (Huey): the row says who asked for what, how far it got, and where its result is."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inspection.enums import LabelledEnum, enum_column, register_labels
from inspection.extensions import db
from inspection.timeutil import utcnow
from inspection.workflow import Transitions


class JobStatus(LabelledEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


register_labels({
    JobStatus.QUEUED: _l("Đang chờ"), JobStatus.RUNNING: _l("Đang chạy"), JobStatus.DONE: _l("Hoàn thành"),
    JobStatus.FAILED: _l("Thất bại"), JobStatus.CANCELLED: _l("Đã hủy"),
})

#: a queued job may be cancelled before it starts; a running one ends in one of three ways; the end is final
JOB_TRANSITIONS = Transitions({
    JobStatus.QUEUED: {JobStatus.RUNNING, JobStatus.CANCELLED, JobStatus.FAILED},
    JobStatus.RUNNING: {JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED},
})
FINISHED = frozenset({JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED})


class Job(db.Model):
    __tablename__ = "job"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "job_started": _l("Bắt đầu tác vụ nền"),
        "job_cancel": _l("Yêu cầu hủy tác vụ nền"),
        "job_interrupted": _l("Tác vụ nền bị gián đoạn"),
    }
    #: what the audit log calls a record of this table
    __audit_name__ = _l("Tác vụ nền")
    __table_args__ = (Index("ix_job_owner_created", "owner_id", "created_at"),
                      Index("ix_job_status_created", "status", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    #: the task's registered name ("register_export"); `label` is what the page shows
    kind: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(200))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[JobStatus] = enum_column(JobStatus, default=JobStatus.QUEUED, info={"label": _l("Trạng thái")})
    done_rows: Mapped[int] = mapped_column(Integer, default=0)
    total_rows: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    #: why it failed, in plain Vietnamese (never a stack trace: that goes to the worker's log)
    error: Mapped[str | None] = mapped_column(String(1000))
    result_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id", ondelete="SET NULL"))
    #: after this the periodic clean-up removes the result file
    result_expires_at: Mapped[datetime | None]
    #: what the job tells the page that started it, as plain data (an import's preview: its counts and errors)
    result: Mapped[dict | None] = mapped_column(JSON)
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    #: the consumer process running it (host:pid), to tell a live job from one a restart interrupted
    worker: Mapped[str | None] = mapped_column(String(120))

    owner = relationship("User")
    result_file = relationship("StoredFile")

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED


class JobWorker(db.Model):
    """One row per consumer process (worker or scheduler), touched every few seconds: the heartbeat that the
    health check reads and that tells which running jobs still have a live process."""

    __tablename__ = "job_worker"

    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
