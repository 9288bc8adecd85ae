"""Double submission: a create form carries a token drawn with the page. The first POST claims it in the
same transaction as the record it creates (a primary key, so a parallel POST with the same token waits for
that transaction and then fails); a later one is told the record was already saved and sent to it."""

import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from inspection.extensions import db
from inspection.timeutil import utcnow


class FormSubmission(db.Model):
    __tablename__ = "form_submission"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    #: where the record the submission created is shown
    target: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def claim(token: str, user_id: int | None) -> FormSubmission | None:
    """Claim `token` for this request (call it before any other write), or return the earlier
    submission that holds it."""
    for last_try in (False, True):
        earlier = db.session.get(FormSubmission, token)
        if earlier is not None:
            return earlier
        db.session.add(FormSubmission(token=token, user_id=user_id))
        try:
            db.session.flush()  # the request's first write: nothing else is lost by rolling back
            return None
        except IntegrityError:  # a parallel POST with the same token got there first
            db.session.rollback()
            if last_try:
                raise
    return None


def record_target(token: str, target: str | None) -> None:
    db.session.get(FormSubmission, token).target = target
