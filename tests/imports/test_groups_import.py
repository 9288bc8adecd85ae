"""Importing clusters and blocks: groups created when missing, members and roles, one leader per group-year."""

from sqlalchemy import select

from inspection.extensions import db
from inspection.groups.models import EmulationGroup, GroupKind, GroupMember, MemberRole
from tests.factories import make_group, make_unit
from tests.imports.files import GROUP_HEADERS, committed_count, confirm, csv_bytes, page_text, token_of, upload, xlsx


def units(*codes):
    made = [make_unit(f"Đơn vị {code}", code=code) for code in codes]
    db.session.commit()
    return made


def roles_of(group: EmulationGroup) -> dict[str, MemberRole]:
    return {member.unit.code: member.role for member in group.members}


def group_named(name: str, year: int = 2017) -> EmulationGroup:
    return db.session.scalar(select(EmulationGroup).where(EmulationGroup.name == name, EmulationGroup.year == year))


def test_groups_and_members_are_created_with_roles(admin):
    units("A", "B", "C", "D")
    rows = [GROUP_HEADERS,
            [2017, "Khối", "Khối các sở", "A", "Khối trưởng"],
            ["2017", "khối thi đua", "Khối các sở", "B", "Phó"],
            [2017, "Khối thi đua", "Khối các sở", "C", None],
            [2017, "cluster", "Cụm số 1", "D", "leader"],
            [2018, "Cụm", "Cụm số 1", "A", "Thành viên"]]
    preview = upload(admin, xlsx(rows), "cum-khoi.xlsx", "groups")
    assert "Mới 5 Cập nhật 0 Không đổi 0 Lỗi 0" in page_text(preview)
    assert "Sẽ tạo 3 cụm, khối mới." in page_text(preview)
    response = confirm(admin, token_of(preview))
    assert "Đã nhập cụm, khối thi đua: 5 mới, 0 cập nhật, 0 không đổi." in page_text(response)
    block = group_named("Khối các sở")
    assert block.kind == GroupKind.BLOCK
    assert roles_of(block) == {"A": MemberRole.LEADER, "B": MemberRole.DEPUTY, "C": MemberRole.MEMBER}
    assert roles_of(group_named("Cụm số 1")) == {"D": MemberRole.LEADER}
    assert roles_of(group_named("Cụm số 1", 2018)) == {"A": MemberRole.MEMBER}
    assert committed_count(EmulationGroup) == 3


def test_reimport_is_unchanged_and_a_role_change_updates(admin):
    a, b = units("A", "B")
    group = make_group(kind=GroupKind.CLUSTER, name="Cụm số 2",
                       members=[(a, MemberRole.LEADER), (b, MemberRole.MEMBER)])
    db.session.commit()
    rows = [GROUP_HEADERS, [2017, "Cụm thi đua", "cụm  số 2", "A", "Trưởng"], [2017, "Cụm", "Cụm số 2", "B", "Cụm phó"]]
    preview = upload(admin, csv_bytes(rows, ";", bom=True), "cum.csv", "groups")
    text = page_text(preview)
    assert "Mới 0 Cập nhật 1 Không đổi 1 Lỗi 0" in text
    assert "Vai trò: Thành viên → Cụm phó" in text
    confirm(admin, token_of(preview))
    db.session.expire_all()
    assert roles_of(db.session.get(EmulationGroup, group.id)) == {"A": MemberRole.LEADER, "B": MemberRole.DEPUTY}
    assert committed_count(EmulationGroup) == 1


def test_two_leaders_in_the_file_are_refused(admin):
    units("A", "B")
    rows = [GROUP_HEADERS, [2017, "Khối", "Khối X", "A", "Trưởng"], [2017, "Khối", "Khối X", "B", "Khối trưởng"]]
    response = upload(admin, xlsx(rows), "khoi.xlsx", "groups")
    assert ("3 Vai trò Khối X năm 2017 có hai đơn vị trưởng trong tệp: dòng 2 và dòng 3."
            in page_text(response))
    assert 'action="/import/confirm"' not in response.get_data(as_text=True)
    assert committed_count(EmulationGroup) == 0


def test_a_file_leader_conflicting_with_the_recorded_one(admin):
    a, b = units("A", "B")
    make_group(name="Khối Y", members=[(a, MemberRole.LEADER), (b, MemberRole.MEMBER)])
    db.session.commit()
    rows = [GROUP_HEADERS, [2017, "Khối", "Khối Y", "B", "Trưởng"]]
    text = page_text(upload(admin, xlsx(rows), "khoi.xlsx", "groups"))
    assert "2 Vai trò Khối Y năm 2017 đã có khối trưởng là Đơn vị A (mã A)." in text


def test_the_recorded_leader_can_be_replaced_in_the_same_file(admin):
    a, b = units("A", "B")
    group = make_group(name="Khối Z", members=[(a, MemberRole.LEADER), (b, MemberRole.MEMBER)])
    db.session.commit()
    rows = [GROUP_HEADERS, [2017, "Khối", "Khối Z", "B", "Trưởng"], [2017, "Khối", "Khối Z", "A", "Phó"]]
    response = confirm(admin, token_of(upload(admin, xlsx(rows), "khoi.xlsx", "groups")))
    assert "Đã nhập cụm, khối thi đua: 0 mới, 2 cập nhật, 0 không đổi." in page_text(response)
    db.session.expire_all()
    assert roles_of(db.session.get(EmulationGroup, group.id)) == {"A": MemberRole.DEPUTY, "B": MemberRole.LEADER}


def test_row_errors_for_groups(admin):
    units("A")
    rows = [GROUP_HEADERS,
            ["20x7", "Khối", "Khối X", "A"],
            [1800, "Khối", "Khối X", "A"],
            [2017, "Tổ", "Khối X", "A"],
            [2017, "Khối", "Khối X", "KHONG-CO"],
            [2017, "Khối", "Khối X", "A", "Chủ tịch"],
            [2017, "Khối", None, "A"],
            [2017, "Khối", "Khối W", "A"],
            [2017, "Khối", "Khối W", "A", "Phó"]]
    text = page_text(upload(admin, xlsx(rows), "khoi.xlsx", "groups"))
    for expected in ("2 Năm “20x7” không hợp lệ: cần một số nguyên từ 1945 đến 2100.",
                     "3 Năm “1800” không hợp lệ",
                     "4 Loại “Tổ” không hợp lệ; chọn một trong: Cụm thi đua, Khối thi đua.",
                     "5 Mã đơn vị Không có đơn vị mang mã “KHONG-CO” trong cơ sở dữ liệu; nhập tệp đơn vị trước.",
                     "6 Vai trò “Chủ tịch” không hợp lệ; chọn một trong: Cụm trưởng, Cụm phó, Khối trưởng, "
                     "Khối phó, Thành viên.",
                     "7 Tên cụm, khối Ô bắt buộc, không được để trống.",
                     "9 Mã đơn vị Đơn vị “A” đã có ở dòng 8 cho cùng cụm, khối (trùng ở dòng 8 và 9)."):
        assert expected in text
    assert committed_count(GroupMember) == 0
