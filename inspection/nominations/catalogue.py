"""The award catalogue: every emulation title and award form of DOMAIN.md 1.3–1.4, seeded by code, and the
name lookup that imports use. Old names stay for old records: "Chiến sĩ thi đua cấp tỉnh" (until 31/12/2023)
has the 2022 law's "Chiến sĩ thi đua bộ, ban, ngành, tỉnh" as its successor."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from inspection import access, audit
from inspection.extensions import db
from inspection.imports.reader import clean
from inspection.nominations.access import can_manage_catalogue
from inspection.nominations.models import AwardAuthority, AwardForm, AwardGroup, AwardLevel
from inspection.textsearch import normalise

G, L = AwardGroup, AwardLevel
LAW_2003 = "Luật Thi đua, khen thưởng 15/2003/QH11 (sửa đổi 2005, 2013)"
LAW_2022 = "Luật Thi đua, khen thưởng 06/2022/QH15"
BOTH_LAWS = f"{LAW_2003}; {LAW_2022}, Điều 9"
NEW_LAW_FROM = date(2024, 1, 1)
OLD_LAW_TO = date(2023, 12, 31)
DECREE_152_FROM = date(2025, 7, 1)
BEFORE_DECREE_152 = date(2025, 6, 30)
CLASSES = (("1", "hạng Nhất", "First Class"), ("2", "hạng Nhì", "Second Class"), ("3", "hạng Ba", "Third Class"))


@dataclass(frozen=True)
class Entry:
    """One catalogue row. `recipients` holds C (tập thể), I (cá nhân), H (hộ gia đình)."""

    code: str
    name_vi: str
    name_en: str
    group: AwardGroup
    level: AwardLevel
    recipients: str
    legal_basis: str = BOTH_LAWS
    valid_from: date | None = None
    valid_to: date | None = None
    successor: str | None = None
    #: who decides it, when not the usual authority of its level (default_authority)
    authority: AwardAuthority | None = None


def default_authority(level: AwardLevel | None) -> AwardAuthority:
    """The usual authority of a level: in a province's catalogue, "bộ, ban, ngành, tỉnh" means the province's
    own chairman unless the entry says a ministry or central organisation decides it."""
    return {AwardLevel.STATE: AwardAuthority.STATE,
            AwardLevel.GRASSROOTS: AwardAuthority.GRASSROOTS}.get(level, AwardAuthority.PROVINCE)


def _classes(code: str, name: str, english: str, recipients: str = "CI") -> list[Entry]:
    """An order or medal in three classes: HCLD1 "Huân chương Lao động hạng Nhất" …"""
    return [Entry(f"{code}{number}", f"{name} {vi}", f"{english}, {en}", G.ORDER if name.startswith("Huân")
                  else G.MEDAL, L.STATE, recipients) for number, vi, en in CLASSES]


ORDERS = [
    Entry("HCSV", "Huân chương Sao vàng", "Gold Star Order", G.ORDER, L.STATE, "CI"),
    Entry("HCHCM", "Huân chương Hồ Chí Minh", "Ho Chi Minh Order", G.ORDER, L.STATE, "CI"),
    *_classes("HCDL", "Huân chương Độc lập", "Independence Order"),
    *_classes("HCQC", "Huân chương Quân công", "Military Exploit Order"),
    *_classes("HCLD", "Huân chương Lao động", "Labour Order"),
    *_classes("HCBVTQ", "Huân chương Bảo vệ Tổ quốc", "Fatherland Defence Order"),
    *_classes("HCCC", "Huân chương Chiến công", "Feat of Arms Order"),
    Entry("HCDDKDT", "Huân chương Đại đoàn kết dân tộc", "Great National Unity Order", G.ORDER, L.STATE, "I"),
    Entry("HCDC", "Huân chương Dũng cảm", "Bravery Order", G.ORDER, L.STATE, "I"),
    Entry("HCHN", "Huân chương Hữu nghị", "Friendship Order", G.ORDER, L.STATE, "CI"),
]

MEDALS = [
    Entry("HCQKQT", "Huy chương Quân kỳ quyết thắng", "Victory Banner Medal", G.MEDAL, L.STATE, "I"),
    Entry("HCVANTQ", "Huy chương Vì an ninh Tổ quốc", "For the Fatherland's Security Medal", G.MEDAL, L.STATE, "I"),
    *_classes("HCCSVV", "Huy chương Chiến sĩ vẻ vang", "Glorious Fighter Medal", "I"),
    Entry("HCHUUNGHI", "Huy chương Hữu nghị", "Friendship Medal", G.MEDAL, L.STATE, "I"),
    Entry("HCTNXP", "Huy chương Thanh niên xung phong vẻ vang", "Glorious Youth Volunteer Medal", G.MEDAL,
          L.STATE, "I", f"{LAW_2022}, Điều 9", NEW_LAW_FROM),
]

STATE_HONOURS = [
    Entry("TPAH", "Tỉnh, Thành phố Anh hùng", "Heroic Province or City", G.STATE_HONOUR, L.STATE, "C",
          f"{LAW_2022}, Điều 9", NEW_LAW_FROM),
    Entry("BMVNAH", "Bà mẹ Việt Nam anh hùng", "Heroic Vietnamese Mother", G.STATE_HONOUR, L.STATE, "I"),
    Entry("AHLLVTND", "Anh hùng Lực lượng vũ trang nhân dân", "Hero of the People's Armed Forces",
          G.STATE_HONOUR, L.STATE, "CI"),
    Entry("AHLD", "Anh hùng Lao động", "Labour Hero", G.STATE_HONOUR, L.STATE, "CI"),
    *[Entry(code, vi, en, G.STATE_HONOUR, L.STATE, "I") for code, vi, en in (
        ("NGND", "Nhà giáo nhân dân", "People's Teacher"), ("NGUT", "Nhà giáo ưu tú", "Meritorious Teacher"),
        ("TTND", "Thầy thuốc nhân dân", "People's Physician"),
        ("TTUT", "Thầy thuốc ưu tú", "Meritorious Physician"),
        ("NSND", "Nghệ sĩ nhân dân", "People's Artist"), ("NSUT", "Nghệ sĩ ưu tú", "Meritorious Artist"),
        ("NNND", "Nghệ nhân nhân dân", "People's Artisan"), ("NNUT", "Nghệ nhân ưu tú", "Meritorious Artisan"))],
]

PRIZES_AND_CERTIFICATES = [
    Entry("GTHCM", "Giải thưởng Hồ Chí Minh", "Ho Chi Minh Prize", G.PRIZE, L.STATE, "CI"),
    Entry("GTNN", "Giải thưởng Nhà nước", "State Prize", G.PRIZE, L.STATE, "CI"),
    Entry("KNC", "Kỷ niệm chương", "Commemorative medal", G.COMMEMORATIVE, L.PROVINCIAL, "I",
          authority=AwardAuthority.CENTRAL),
    Entry("BKTTG", "Bằng khen của Thủ tướng Chính phủ", "Prime Minister's Certificate of Merit",
          G.MERIT_CERTIFICATE, L.STATE, "CIH"),
    Entry("BKBN", "Bằng khen của bộ, ban, ngành, đoàn thể trung ương",
          "Certificate of Merit of a ministry, sector or central organisation", G.MERIT_CERTIFICATE,
          L.PROVINCIAL, "CIH", authority=AwardAuthority.CENTRAL),
    Entry("BKUBT", "Bằng khen của Chủ tịch UBND tỉnh", "Certificate of Merit of the Provincial Chairman",
          G.MERIT_CERTIFICATE, L.PROVINCIAL, "CIH"),
    Entry("GK", "Giấy khen", "Certificate of Commendation", G.COMMENDATION_CERTIFICATE, L.GRASSROOTS, "CIH",
          f"{LAW_2003}; {LAW_2022}, Điều 75"),
]

TITLES = [
    Entry("CSTDTQ", "Chiến sĩ thi đua toàn quốc", "National Emulation Soldier", G.EMULATION_TITLE, L.STATE, "I",
          f"{LAW_2003}; {LAW_2022}, Điều 21"),
    Entry("CSTDT_OLD", "Chiến sĩ thi đua cấp tỉnh", "Provincial Emulation Soldier", G.EMULATION_TITLE,
          L.PROVINCIAL, "I", f"{LAW_2003}; Nghị định 91/2017/NĐ-CP", None, OLD_LAW_TO, "CSTDT"),
    Entry("CSTDT", "Chiến sĩ thi đua bộ, ban, ngành, tỉnh", "Ministry, Sector or Provincial Emulation Soldier",
          G.EMULATION_TITLE, L.PROVINCIAL, "I", f"{LAW_2022}, Điều 22", NEW_LAW_FROM),
    Entry("CSTDCS", "Chiến sĩ thi đua cơ sở", "Grassroots Emulation Soldier", G.EMULATION_TITLE, L.GRASSROOTS, "I",
          f"{LAW_2003}; {LAW_2022}, Điều 23"),
    Entry("LDTT", "Lao động tiên tiến", "Advanced Worker", G.EMULATION_TITLE, L.GRASSROOTS, "I",
          f"{LAW_2003}; {LAW_2022}, Điều 24"),
    Entry("CSTT", "Chiến sĩ tiên tiến", "Advanced Soldier", G.EMULATION_TITLE, L.GRASSROOTS, "I",
          f"{LAW_2003}; {LAW_2022}, Điều 24"),
    Entry("TTLDXS", "Tập thể lao động xuất sắc", "Excellent Labour Collective", G.EMULATION_TITLE, L.PROVINCIAL,
          "C", f"{LAW_2003}; {LAW_2022}, Điều 20"),
    Entry("DVQT", "Đơn vị quyết thắng", "Victorious Unit", G.EMULATION_TITLE, L.PROVINCIAL, "C",
          f"{LAW_2003}; {LAW_2022}, Điều 20"),
    Entry("TTLDTT", "Tập thể lao động tiên tiến", "Advanced Labour Collective", G.EMULATION_TITLE, L.GRASSROOTS,
          "C", f"{LAW_2003}; {LAW_2022}, Điều 20"),
    Entry("DVTT", "Đơn vị tiên tiến", "Advanced Unit", G.EMULATION_TITLE, L.GRASSROOTS, "C",
          f"{LAW_2003}; {LAW_2022}, Điều 20"),
    Entry("XPTTTB", "Xã, phường, thị trấn tiêu biểu", "Exemplary Commune, Ward or Township", G.EMULATION_TITLE,
          L.PROVINCIAL, "C", f"{LAW_2022}, Điều 20; Nghị định 98/2023/NĐ-CP", NEW_LAW_FROM,
          BEFORE_DECREE_152, "XPDKTB"),
    Entry("XPDKTB", "Xã, phường, đặc khu tiêu biểu", "Exemplary Commune, Ward or Special Zone", G.EMULATION_TITLE,
          L.PROVINCIAL, "C", f"{LAW_2022}, Điều 20; Nghị định 152/2025/NĐ-CP, Điều 50", DECREE_152_FROM),
    Entry("TDPVH", "Thôn, tổ dân phố văn hóa", "Cultural Village or Residential Group", G.EMULATION_TITLE,
          L.GRASSROOTS, "C", f"{LAW_2003}; {LAW_2022}, Điều 20"),
    Entry("GDVH", "Gia đình văn hóa", "Cultural Family", G.EMULATION_TITLE, L.GRASSROOTS, "H",
          f"{LAW_2003}; {LAW_2022}, Điều 20"),
    Entry("CTDCP", "Cờ thi đua của Chính phủ", "Government Emulation Flag", G.EMULATION_FLAG, L.STATE, "C",
          f"{LAW_2003}; {LAW_2022}, Điều 20"),
    Entry("CTDBN", "Cờ thi đua của bộ, ban, ngành, đoàn thể trung ương",
          "Emulation Flag of a ministry, sector or central organisation", G.EMULATION_FLAG, L.PROVINCIAL, "C",
          f"{LAW_2003}; {LAW_2022}, Điều 20", authority=AwardAuthority.CENTRAL),
    Entry("CTDUBT", "Cờ thi đua của UBND tỉnh", "Provincial People's Committee Emulation Flag", G.EMULATION_FLAG,
          L.PROVINCIAL, "C", f"{LAW_2003}; {LAW_2022}, Điều 20"),
]

CATALOGUE: list[Entry] = ORDERS + MEDALS + STATE_HONOURS + PRIZES_AND_CERTIFICATES + TITLES
SEEDED_FIELDS = ("name_vi", "name_en", "group", "level", "authority", "for_collective", "for_individual",
                 "for_household", "legal_basis", "valid_from", "valid_to")

#: other names a file may give a form, by its code (the names units write in practice); compared like names
ALIASES: dict[str, tuple[str, ...]] = {
    "BKUBT": ("Bằng khen UBND tỉnh", "Bằng khen của UBND tỉnh", "Bằng khen Chủ tịch UBND tỉnh",
              "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Bằng khen của Ủy ban nhân dân tỉnh"),
    "CTDUBT": ("Cờ thi đua UBND tỉnh", "Cờ thi đua của Ủy ban nhân dân tỉnh"),
    "BKTTG": ("Bằng khen Thủ tướng Chính phủ", "Bằng khen của Thủ tướng"),
    "CTDCP": ("Cờ thi đua Chính phủ",),
    "BKBN": ("Bằng khen bộ, ban, ngành", "Bằng khen của bộ, ban, ngành", "Bằng khen của bộ, ngành trung ương"),
    "TTLDXS": ("Tập thể LĐXS", "Danh hiệu Tập thể lao động xuất sắc"),
    "BMVNAH": ("Danh hiệu vinh dự Nhà nước Bà mẹ Việt Nam anh hùng",),
}


@dataclass
class SeedResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def seed_catalogue(actor, update: bool = True) -> SeedResult:
    """Create or (`update`) bring up to date every catalogue row, by code; never duplicates, audits each change.
    `actor`: access.SYSTEM (the command line, the demo) or an administrator in the portal, who only adds the
    missing entries (update=False keeps the corrections made in the portal)."""
    access.require(actor, can_manage_catalogue)
    existing = {form.code: form for form in db.session.scalars(select(AwardForm))}
    result = SeedResult()
    for entry in CATALOGUE:
        form = existing.get(entry.code)
        if form is None:
            existing[entry.code] = _create(actor, entry)
            result.created += 1
        elif update and _update(actor, form, entry):
            result.updated += 1
        else:
            result.unchanged += 1
    _link_successors(existing)
    db.session.flush()
    return result


def missing_entries() -> list[Entry]:
    """The standard entries the catalogue lacks (by code): the portal offers administrators to add them."""
    codes = set(db.session.scalars(select(AwardForm.code)))
    return [entry for entry in CATALOGUE if entry.code not in codes]


def _values(entry: Entry) -> dict:
    return {"name_vi": entry.name_vi, "name_en": entry.name_en, "group": entry.group, "level": entry.level,
            "for_collective": "C" in entry.recipients, "for_individual": "I" in entry.recipients,
            "for_household": "H" in entry.recipients, "legal_basis": entry.legal_basis,
            "authority": entry.authority or default_authority(entry.level),
            "valid_from": entry.valid_from, "valid_to": entry.valid_to}


def _create(actor, entry: Entry) -> AwardForm:
    form = AwardForm(code=entry.code, **_values(entry))
    db.session.add(form)
    db.session.flush()
    audit.record(actor, "award_form.create", form, audit.text("Thêm hình thức khen thưởng “%(name)s” (danh mục)",
                                                               name=form.name_vi),
                 after={"code": form.code} | _values(entry))
    return form


def _update(actor, form: AwardForm, entry: Entry) -> bool:
    wanted = _values(entry)
    before = {name: getattr(form, name) for name, value in wanted.items() if getattr(form, name) != value}
    if not before:
        return False
    for name in before:
        setattr(form, name, wanted[name])
    audit.record(actor, "award_form.update", form, audit.text("Cập nhật hình thức khen thưởng “%(name)s” theo "
                                                               "danh mục", name=form.name_vi),
                 before=before, after={name: wanted[name] for name in before})
    return True


def _link_successors(forms: dict[str, AwardForm]) -> None:
    """Successors are set once both rows exist (a successor may come later in the list)."""
    for entry in CATALOGUE:
        successor = forms.get(entry.successor) if entry.successor else None
        form = forms[entry.code]
        if successor is not None and form.successor_id != successor.id:
            form.successor = successor


def lookup_key(text) -> str:
    """How names, aliases and codes compare: invisible characters trimmed, spaces collapsed, case, accents and
    tone marks ignored (a file from Windows Excel may be NFD, carry stray spaces or lack its accents)."""
    cleaned = clean(str(text)) if text is not None else None
    return normalise(cleaned) if cleaned else ""


def award_form_index() -> dict[str, AwardForm]:
    """Every form by its code, its Vietnamese name and its aliases (lookup keys), loaded in one query: for
    imports that look up thousands of rows, build this once and call find_award_form(text, index)."""
    index: dict[str, AwardForm] = {}
    forms = list(db.session.scalars(select(AwardForm).order_by(AwardForm.id)))
    for form in forms:
        index.setdefault(lookup_key(form.name_vi), form)
    for form in forms:
        for alias in ALIASES.get(form.code, ()):
            index.setdefault(lookup_key(alias), form)  # a real name wins over another form's alias
    for form in forms:
        index[lookup_key(form.code)] = form  # a code wins over a name that happens to read the same
    return index


def find_award_form(text, index: dict[str, AwardForm] | None = None) -> AwardForm | None:
    """The form whose code or Vietnamese name is `text` after normalisation; None when there is none."""
    key = lookup_key(text)
    if not key:
        return None
    return (index if index is not None else award_form_index()).get(key)
