"""preview() and apply() as a job will call them: on a stored upload, with a progress callback called every N
rows with increasing counts, which may raise to cancel: a cancelled confirmation writes nothing and the
upload can be confirmed again."""

import os

import pytest
from flask import current_app
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.files.services import stored_path
from inspection.imports import pipeline, uploads
from inspection.imports.models import ImportUpload, UploadStatus
from inspection.rules import RuleViolation
from tests.factories import make_user
from tests.imports.pipeline_world import CASES, prepare

KINDS = sorted(CASES)
#: seven data rows: two good ones, then five more of the same shape
EVERY = {"progress_every": 2}


class Cancelled(Exception):
    pass


def big_file(case) -> bytes:
    """The good rows and five more new records, so that the counter passes its step several times."""
    from tests.imports.files import xlsx

    header, *rows = case.good
    extra = {"units": lambda n: [f"U{n}", f"Đơn vị {n}", "office"],
             "groups": lambda n: [2018 + n, "Cụm", "Cụm Y", "A"],
             "dossiers": _dossier}[case.kind]
    return xlsx([header, *rows, *(extra(n) for n in range(5))])


def _dossier(number: int) -> list:
    from tests.nominations.test_import import dossier_row

    return dossier_row(f"HS-1{number:02d}")


def stored(user, case, data: bytes) -> int:
    upload = uploads.save(user, case.kind, data, "tep.xlsx", current_app.config["FILES_FOLDER"])
    db.session.commit()
    return upload.id


@pytest.fixture
def admin(app):
    user = make_user(Role.ADMIN)
    db.session.commit()
    return user


@pytest.mark.parametrize("kind", KINDS)
def test_progress_is_called_with_increasing_counts(app, admin, kind):
    case = CASES[kind]
    prepare(kind)
    upload_id = stored(admin, case, big_file(case))
    seen = []

    plan = pipeline.preview(admin, kind, upload_id, EVERY, lambda done, total: seen.append((done, total)))
    db.session.commit()

    assert plan.confirmable and plan.counts["new"] == 7
    assert [done for done, _total in seen] == [2, 4, 6, 7]  # every 2 rows read, and once at the end
    written = []
    plan = pipeline.apply(admin, kind, upload_id, EVERY, lambda done, total: written.append((done, total)))
    db.session.commit()
    assert plan.applied and case.committed() == 7
    dones = [done for done, _total in written]
    assert dones == sorted(dones) and len(set(dones)) == len(dones) and dones[-1] == written[-1][1] == 14
    assert written[-1][1] is not None  # the total is known once the rows are read


@pytest.mark.parametrize("kind", KINDS)
def test_a_cancel_from_progress_writes_nothing(app, admin, kind):
    case = CASES[kind]
    prepare(kind)
    upload_id = stored(admin, case, big_file(case))
    pipeline.preview(admin, kind, upload_id, EVERY)
    db.session.commit()

    def cancel_while_writing(done, total):
        if total is not None and done > 7:  # rows read: 7; the cancel comes while writing
            raise Cancelled()

    with pytest.raises(Cancelled):
        pipeline.apply(admin, kind, upload_id, EVERY, cancel_while_writing)
    db.session.rollback()  # what the job's edge does with any exception but a refusal

    assert case.committed() == 0
    assert db.session.get(ImportUpload, upload_id).status == UploadStatus.PREVIEWED  # may be confirmed again
    assert pipeline.apply(admin, kind, upload_id, EVERY).applied
    db.session.commit()
    assert case.committed() == 7


def test_a_cancelled_preview_keeps_nothing_to_confirm(app, admin):
    case = CASES["units"]
    upload_id = stored(admin, case, big_file(case))

    def cancel(done, _total):
        raise Cancelled()

    with pytest.raises(Cancelled):
        pipeline.preview(admin, "units", upload_id, EVERY, cancel)
    db.session.rollback()

    with pytest.raises(RuleViolation, match="Tệp đã tải lên không còn"):
        pipeline.apply(admin, "units", upload_id, EVERY)  # never previewed: nothing to confirm


def test_uploads_belong_to_their_owner_and_kind(app, admin):
    case = CASES["units"]
    upload_id = stored(admin, case, case.good_file())
    other = make_user(Role.ADMIN)
    db.session.commit()
    for actor, kind in ((other, "units"), (SYSTEM, "units"), (admin, "groups")):
        with pytest.raises(RuleViolation, match="Tệp đã tải lên không còn"):
            pipeline.preview(actor, kind, upload_id)
    assert pipeline.preview(admin, "units", upload_id).confirmable


def test_old_uploads_are_purged(app, admin):
    from datetime import timedelta

    from inspection.timeutil import utcnow

    case = CASES["units"]
    old = db.session.get(ImportUpload, stored(admin, case, case.good_file()))
    old.created_at = utcnow() - uploads.MAX_AGE - timedelta(minutes=1)
    old_token, old_file = old.token, stored_path(current_app.config["FILES_FOLDER"], old.file)
    db.session.commit()
    new = db.session.get(ImportUpload, stored(admin, case, case.good_file()))  # saving purges the expired ones
    assert [upload.token for upload in db.session.scalars(select(ImportUpload))] == [new.token] != [old_token]
    assert not os.path.exists(old_file) and os.path.exists(stored_path(current_app.config["FILES_FOLDER"], new.file))


@pytest.mark.parametrize("token", ["../config", "A" * 32, "0" * 31, "0" * 32 + "/..", None, ""])
def test_malformed_tokens_never_reach_the_database(app, admin, token):
    with pytest.raises(RuleViolation, match="Tệp đã tải lên không còn"):
        uploads.by_token(admin, token)
