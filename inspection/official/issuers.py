"""The issuing units' settings (IssuerProfile): what a document prints in its heading, signing block and
"Nơi nhận", kept per unit and edited by admins, so another province needs no code change.

Replaces the COUNCIL_NAME / COUNCIL_PARENT_BODY / COUNCIL_LOCALITY settings for official documents (the council's
printable minutes page still reads them until it is converged onto the minutes document)."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from inspection import access, audit, rules
from inspection.access import Need
from inspection.documents.issuer_profiles import IssuerProfile, SigningForm, first_profile
from inspection.documents.official.model import Issuer, Signer
from inspection.extensions import db
from inspection.permissions import is_admin
from inspection.rules import RuleViolation
from inspection.units.models import Unit
from inspection.units.validity import require_existed, when_day

#: the fields an admin edits, in the form's order
FIELDS = ("parent_body", "body", "symbol", "place", "signing_form", "collective", "head_title", "signer_title",
          "signer_name", "recipients", "archive")


@dataclass(frozen=True)
class IssuerDetails:
    parent_body: str
    body: str
    symbol: str
    place: str
    signing_form: SigningForm
    collective: str = ""
    head_title: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: str = ""
    archive: str = "VT"


def profiles() -> list[IssuerProfile]:
    return list(db.session.scalars(select(IssuerProfile).options(selectinload(IssuerProfile.unit))
                                   .order_by(IssuerProfile.id)))


def default_profile() -> IssuerProfile:
    """The issuer of a new draft: the first declared (a portal serves one council); refused when none is."""
    profile = first_profile()
    if profile is None:
        raise RuleViolation(_("Chưa khai báo cơ quan ban hành văn bản: quản trị viên cần khai báo ở trang "
                              "“Cơ quan ban hành văn bản” trước khi tạo văn bản."))
    return profile


def profile_of(unit_id: int) -> IssuerProfile:
    return db.session.scalar(select(IssuerProfile).where(IssuerProfile.unit_id == unit_id))


def create_profile(actor, unit: Unit, details: IssuerDetails, *, today: datetime.date | None = None) -> IssuerProfile:
    access.require(actor, is_admin)
    if today is not None:  # a unit that no longer exists issues nothing
        require_existed(unit, today, field="unit", when=when_day(today))
    if profile_of(unit.id) is not None:
        raise RuleViolation(_("Đơn vị này đã có thông tin cơ quan ban hành; hãy sửa thông tin đã có."), field="unit")
    profile = IssuerProfile(unit=unit, **_checked(details))
    db.session.add(profile)
    db.session.flush()
    audit.record(actor, "official.issuer_create", profile,
                 audit.text("Khai báo cơ quan ban hành “%(body)s”", body=profile.body), after=_values(profile))
    return profile


def update_profile(actor, profile: IssuerProfile, details: IssuerDetails, version) -> IssuerProfile:
    access.check(actor, profile, Need.EDIT)
    values = _checked(details)
    rules.require_version(profile, version, values)
    before = _values(profile)
    for name, value in values.items():
        setattr(profile, name, value)
    audit.record(actor, "official.issuer_edit", profile,
                 audit.text("Sửa thông tin cơ quan ban hành “%(body)s”", body=profile.body),
                 before=before, after=_values(profile))
    return profile


def _checked(details: IssuerDetails) -> dict:
    values = {name: (value.strip() if isinstance(value, str) else value) for name, value in asdict(details).items()}
    for name in ("body", "symbol", "place"):
        if not values[name]:
            raise RuleViolation(_("Trường này không được để trống."), field=name)
    if "," in values["place"]:
        raise RuleViolation(_("Địa danh không được chứa dấu phẩy (ví dụ: An Giang)."), field="place")
    if values["signing_form"] != SigningForm.DIRECT and not values["head_title"]:
        raise RuleViolation(_("Hình thức ký này cần chức danh người đứng đầu (ví dụ: CHỦ TỊCH)."),
                            field="head_title")
    return values


def _values(profile: IssuerProfile) -> dict:
    return audit.changes(profile, FIELDS)


def issuer(profile: IssuerProfile) -> Issuer:
    return Issuer(parent_body=profile.parent_body.upper(), body=profile.body.upper(), symbol=profile.symbol,
                  place=profile.place)


def signers(profile: IssuerProfile) -> tuple[Signer, ...]:
    """The signing block (Decree 30/2020): "TM. HỘI ĐỒNG / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", then the name."""
    collective, head, own = (profile.collective.upper(), profile.head_title.upper(), profile.signer_title.upper())
    lines = {
        SigningForm.TM: (f"TM. {collective}", head),
        SigningForm.TM_KT: (f"TM. {collective}", f"KT. {head}", own),
        SigningForm.KT: (f"KT. {head}", own),
        SigningForm.Q: (f"Q. {head}",),
        SigningForm.DIRECT: (head or own,),
    }[profile.signing_form]
    return (Signer(lines=tuple(line for line in lines if line.strip(". ")), name=profile.signer_name),)
