"""The heading of the minutes (biên bản) in the administrative format of Decree 30/2020: the council's
name on the left, the national motto on the right, and the place–date line under it."""

from dataclasses import dataclass

from flask import current_app

from inspection.council.models import ReviewSession, SessionStatus
from inspection.documents.placedate import format_place_date

#: settings a deployment may give (instance/config.py or INSPECTION_* variables); the defaults leave
#: the province to be written in by hand on the printed copy
DEFAULT_COUNCIL_NAME = "Hội đồng Thi đua – Khen thưởng tỉnh"
BLANK_LOCALITY = "……"


@dataclass(frozen=True)
class MinutesHeading:
    council_name: str
    #: the body above the council ("UBND tỉnh An Giang"), printed over its name; may be empty
    parent_body: str
    place_date: str
    draft: bool
    #: the chair's name under the signature: "Nguyễn Văn A – Chủ tịch Hội đồng" signs as "Nguyễn Văn A"
    chair_signature: str


def minutes_heading(session: ReviewSession) -> MinutesHeading:
    config = current_app.config
    locality = (config.get("COUNCIL_LOCALITY") or "").strip() or BLANK_LOCALITY
    return MinutesHeading(council_name=config.get("COUNCIL_NAME") or DEFAULT_COUNCIL_NAME,
                          parent_body=config.get("COUNCIL_PARENT_BODY") or "",
                          place_date=format_place_date(locality, session.held_on),
                          draft=session.status == SessionStatus.OPEN,
                          chair_signature=(session.chaired_by or "").split(" – ")[0].split(",")[0].strip())
