"""The daily digest on the scheduler (`flask jobs scheduler`), at NOTICES_DIGEST_AT (Vietnam time). The
notices were committed by the requests that wrote them; the digest marks them mailed and commits that."""

import logging

from inspection import jobs
from inspection.extensions import db
from inspection.notifications.digest import send_daily_digests
from inspection.notifications.mail import MailReport

log = logging.getLogger(__name__)


@jobs.periodic("notices_digest", jobs.daily_at("NOTICES_DIGEST_AT"))
def send_digests() -> MailReport:
    report = send_daily_digests()
    db.session.commit()
    log.info("notice digests: %s sent, %s failures", report.sent, len(report.failures))
    return report
