"""The heading of the minutes (biên bản) in the administrative format of Decree 30/2020: the council's
name on the left, the national motto on the right, and the place–date line under it.

The council's name, the body above it and the place come from the issuer's settings (`IssuerProfile`, declared
by an administrator on /documents/issuers/), the same that head the official documents; until one is declared the
place is left to be written in by hand."""

from dataclasses import dataclass

from inspection.council.models import ReviewSession, SessionStatus
from inspection.documents.issuer_profiles import first_profile
from inspection.documents.placedate import format_place_date

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
    profile = first_profile()
    place = (profile.place.strip() if profile else "") or BLANK_LOCALITY
    return MinutesHeading(council_name=profile.body if profile else DEFAULT_COUNCIL_NAME,
                          parent_body=profile.parent_body if profile else "",
                          place_date=format_place_date(place, session.held_on),
                          draft=session.status == SessionStatus.OPEN,
                          chair_signature=(session.chaired_by or "").split(" – ")[0].split(",")[0].strip())
