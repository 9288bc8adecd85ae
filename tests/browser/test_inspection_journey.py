"""In a real browser, the whole inspection journey of issue 3: an inspector creates a mission, logs a working
session, records a finding and issues a recommendation; the unit officer finds it on the to-do page, answers
with an evidence file and reports it done; the inspector checks the evidence and verifies it; the
recommendation's history shows every step with who did it. And an officer of another unit sees none of it.

Only the accounts and units come from the factories: everything else is typed and clicked as a person would.
Screenshots of the key steps go to tmp_path, or to $SCREENSHOTS_DIR when it is set (to look at them)."""

import os
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select

from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.files.models import StoredFile
from inspection.timeutil import today_vn
from inspection.units.models import Unit
from tests import factories
from tests.browser.pages import log_in

UNIT_NAME = "UBND đặc khu Phú Quốc"
UNIT_CODE = "PQ01"
OTHER_UNIT_NAME = "UBND phường Hà Tiên"
OTHER_UNIT_CODE = "HT02"

MISSION_TITLE = "Đoàn kiểm tra công tác thi đua, khen thưởng năm 2024 tại đặc khu Phú Quốc"
FINDING_TITLE = "Việc phát hiện, nhân rộng điển hình tiên tiến còn hạn chế"
RECOMMENDATION_TEXT = "Xây dựng kế hoạch phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến năm 2025"
MESSAGE_TEXT = "Đơn vị đã ban hành kế hoạch nhân rộng điển hình; gửi kèm bản scan kế hoạch."
ACTION_TEXT = "Ban hành kế hoạch nhân rộng điển hình tiên tiến"
PROGRESS_NOTE = "Kế hoạch đã ban hành và triển khai tới các phòng, ban."
VERIFY_NOTE = "Đã đối chiếu bản scan kế hoạch với hồ sơ lưu tại đơn vị."
EVIDENCE_NAME = "ke-hoach-nhan-rong-dien-hinh.pdf"
MINUTES_NAME = "bien-ban-lam-viec.pdf"

STATUS_REPORTED_DONE = "Đã báo cáo hoàn thành"
STATUS_VERIFIED = "Đã thực hiện (đã xác minh)"
NOTHING_TO_DO = "Hiện chưa có kiến nghị nào cần đơn vị xử lý."


def vn(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def pdf_bytes(title: str) -> bytes:
    """A small but real one-page PDF (the portal checks the type from the content)."""
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
            b"% " + title.encode() + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n")


@dataclass
class People:
    inspector: User
    officer: User
    unit: Unit


@pytest.fixture
def people(app) -> People:
    unit = factories.make_unit(UNIT_NAME, code=UNIT_CODE)
    inspector = factories.make_user(Role.INSPECTOR, username="kiemtra.nguyen", full_name="Nguyễn Văn Kiểm")
    officer = factories.make_user(Role.UNIT_OFFICER, username="phuquoc.tran", full_name="Trần Thị Đầu Mối",
                                  units=[unit])
    db.session.commit()
    return People(inspector=inspector, officer=officer, unit=unit)



@pytest.fixture(autouse=True)
def _remove_uploaded_files(app):
    """The live server keeps uploads under instance/files: remove those this test's records point to
    (runs before the `app` fixture empties the tables), and the folder itself if this test made it."""
    folder = os.path.join(app.instance_path, "files")
    existed = os.path.isdir(folder)
    yield
    db.session.rollback()
    for stored in db.session.scalars(select(StoredFile)):
        path = os.path.join(folder, stored.stored_name)
        if os.path.isfile(path):
            os.remove(path)
    if not existed and os.path.isdir(folder) and not os.listdir(folder):
        os.rmdir(folder)


# --- what a person does -----------------------------------------------------------------------------------



def log_out(page: Page, user: User) -> None:
    page.get_by_role("button", name=user.full_name).click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("alert")).to_contain_text("Bạn đã đăng xuất.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")


def flash(page: Page) -> Locator:
    return page.locator("main > .alert")


def history_table(page: Page) -> Locator:
    return page.get_by_role("heading", name="Lịch sử thay đổi").locator("xpath=following-sibling::div[1]//table")


def create_mission(page: Page, today: date) -> None:
    """From the inspector's desk: found a mission for the unit, with the inspector as its head."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Bàn làm việc đoàn kiểm tra")
    page.get_by_role("link", name="Thành lập đoàn mới").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thành lập đoàn kiểm tra, giám sát")
    page.get_by_label("Hình thức").select_option(label="Kiểm tra")
    page.get_by_label("Tên đoàn", exact=True).fill(MISSION_TITLE)
    page.get_by_label("Số, ký hiệu quyết định thành lập đoàn").fill("1317/QĐ-UBND")
    page.get_by_label("Ngày quyết định", exact=True).fill(vn(today - timedelta(days=20)))
    page.get_by_label("Cơ quan ban hành (như in trên văn bản)").fill("Ủy ban nhân dân tỉnh An Giang")
    page.get_by_label("Đơn vị được kiểm tra (mã)").fill(UNIT_CODE)
    page.get_by_label("Thời kỳ kiểm tra từ ngày").fill("01/01/2023")
    page.get_by_label("Thời kỳ kiểm tra đến ngày").fill("31/12/2023")
    page.get_by_label("Ngày bắt đầu dự kiến").fill(vn(today - timedelta(days=5)))
    page.get_by_label("Ngày kết thúc dự kiến").fill(vn(today + timedelta(days=5)))
    page.get_by_label("Vai trò của bạn trong đoàn").select_option(label="Trưởng đoàn")
    page.get_by_role("button", name="Thành lập đoàn").click()

    expect(flash(page)).to_contain_text(f"Đã thành lập đoàn “{MISSION_TITLE}”.")
    expect(page.get_by_role("heading", level=1)).to_have_text(MISSION_TITLE)
    expect(page.locator("main")).to_contain_text("Dự thảo")
    expect(page.locator("main")).to_contain_text(f"{UNIT_NAME} ({UNIT_CODE})")


def start_mission(page: Page) -> None:
    """Draft → planned → in progress, by the workspace's buttons."""
    page.get_by_role("button", name="Đưa vào kế hoạch").click()
    expect(flash(page)).to_contain_text("Đoàn chuyển sang trạng thái “Đã lên kế hoạch”.")
    page.get_by_role("button", name="Bắt đầu kiểm tra").click()
    expect(flash(page)).to_contain_text("Đoàn chuyển sang trạng thái “Đang tiến hành”.")


def log_session(page: Page, held_on: date, minutes: Path) -> None:
    page.get_by_role("link", name="Ghi buổi làm việc").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ghi buổi làm việc")
    expect(page.get_by_label("Đơn vị làm việc")).to_have_value(re.compile(r"\d+"))  # the mission's only unit
    page.get_by_label("Ngày làm việc").fill(vn(held_on))
    page.get_by_label("Địa điểm").fill("Trụ sở UBND đặc khu")
    page.get_by_label("Thành phần đoàn kiểm tra").fill("Nguyễn Văn Kiểm, Trưởng đoàn")
    page.get_by_label("Thành phần đơn vị").fill("Phó Chủ tịch UBND đặc khu; Trưởng phòng Nội vụ")
    page.get_by_label("Nội dung làm việc, kiểm tra").fill("Nghe báo cáo tự kiểm tra; kiểm tra hồ sơ khen thưởng.")
    page.get_by_label("Số, ký hiệu biên bản").fill("01/BB-ĐKT")
    page.get_by_label("Ngày biên bản").fill(vn(held_on))
    page.get_by_label("Tệp đính kèm").set_input_files(str(minutes))
    page.get_by_role("button", name="Lưu", exact=True).click()

    expect(flash(page)).to_contain_text(f"Đã ghi buổi làm việc ngày {vn(held_on)}.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Buổi làm việc ngày {vn(held_on)}")
    expect(page.get_by_role("link", name=MINUTES_NAME)).to_be_visible()


def record_finding(page: Page, session_label: str | None) -> None:
    """From the mission workspace."""
    page.get_by_role("link", name="Thêm kết quả kiểm tra").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ghi nhận kết quả kiểm tra")
    page.get_by_label("Đơn vị được kiểm tra").select_option(label=f"{UNIT_NAME} ({UNIT_CODE})")
    if session_label:
        page.get_by_label("Buổi làm việc").select_option(label=session_label)
    page.get_by_label("Loại").select_option(label="Tồn tại, hạn chế")
    page.get_by_label("Lĩnh vực").select_option(label="Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến")
    page.get_by_label("Mức độ").select_option(label="Nghiêm trọng")
    page.get_by_label("Nội dung tóm tắt").fill(FINDING_TITLE)
    page.get_by_label("Mô tả chi tiết").fill("Chưa có kế hoạch nhân rộng điển hình; số điển hình được nhân rộng ít.")
    page.get_by_label("Số liệu dẫn chứng").fill("3 / 41 điển hình được nhân rộng")
    page.get_by_role("button", name="Lưu", exact=True).click()

    expect(flash(page)).to_contain_text(f"Đã ghi nhận kết quả kiểm tra “{FINDING_TITLE}”.")
    expect(page.get_by_role("heading", level=1)).to_have_text(FINDING_TITLE)
    expect(page.locator("main")).to_contain_text("Chưa có kiến nghị nào.")


def issue_recommendation(page: Page, today: date, due: date) -> None:
    """From the finding's page."""
    page.get_by_role("link", name="Thêm kiến nghị").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thêm kiến nghị")
    expect(page.get_by_label("Ngày ban hành")).to_have_value(vn(today))
    expect(page.get_by_label("Đơn vị chịu trách nhiệm (mã)")).to_have_value(UNIT_CODE)  # the finding's unit
    page.get_by_label("Nội dung kiến nghị").fill(RECOMMENDATION_TEXT)
    page.get_by_label("Thời hạn thực hiện").fill(vn(due))
    page.get_by_role("button", name="Lưu", exact=True).click()

    expect(flash(page)).to_contain_text("Đã ban hành kiến nghị.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kiến nghị")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chưa kết luận")
    expect(page.locator("main")).to_contain_text(RECOMMENDATION_TEXT)
    share = page.get_by_role("region", name=f"{UNIT_NAME} ({UNIT_CODE})")
    expect(share).to_contain_text("Chưa thực hiện")


def open_mission_from_desk(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Bàn làm việc đoàn kiểm tra")
    page.get_by_role("link", name=MISSION_TITLE, exact=True).first.click()  # the desk and "Đoàn của tôi" both link it
    expect(page.get_by_role("heading", level=1)).to_have_text(MISSION_TITLE)


def download(page: Page, link: Locator) -> tuple[str, bytes]:
    with page.expect_download() as info:
        link.click()
    got = info.value
    return got.suggested_filename, Path(got.path()).read_bytes()


# --- the tests ---------------------------------------------------------------------------------------------


def test_the_whole_journey_from_mission_to_verified_recommendation(page: Page, people: People, tmp_path, shots):
    today = today_vn()
    due = today + timedelta(days=10)
    held_on = today - timedelta(days=2)
    minutes = tmp_path / MINUTES_NAME
    minutes.write_bytes(pdf_bytes("bien ban"))
    evidence = tmp_path / EVIDENCE_NAME
    evidence_content = pdf_bytes("ke hoach nhan rong dien hinh")
    evidence.write_bytes(evidence_content)

    # --- the inspector: mission, session, finding, recommendation
    log_in(page, people.inspector)
    create_mission(page, today)
    expect(page.locator("main")).to_contain_text("Trưởng đoàn: Nguyễn Văn Kiểm")
    start_mission(page)
    shots(page, "inspector-mission-workspace")

    log_session(page, held_on, minutes)
    shots(page, "inspector-working-session")
    page.get_by_role("navigation", name="Đường dẫn").get_by_role("link", name=MISSION_TITLE).click()
    sessions = page.get_by_role("region", name="Buổi làm việc", exact=True)
    expect(sessions.get_by_role("link", name=vn(held_on))).to_be_visible()

    record_finding(page, f"{vn(held_on)} – Trụ sở UBND đặc khu")
    expect(page.locator("main")).to_contain_text(f"{vn(held_on)} – Trụ sở UBND đặc khu")
    issue_recommendation(page, today, due)
    recommendation_url = page.url
    shots(page, "inspector-recommendation-issued")
    log_out(page, people.inspector)

    # --- the unit officer: finds it on the to-do page
    log_in(page, people.officer)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Việc cần làm").click()
    expect(page).to_have_url(re.compile(r"/todo$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Việc cần làm")
    due_soon = page.get_by_role("region", name=re.compile(r"^Sắp đến hạn \(trong 14 ngày\)"))
    row = due_soon.get_by_role("row").filter(has_text=RECOMMENDATION_TEXT)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(FINDING_TITLE)
    expect(row).to_contain_text(MISSION_TITLE)
    expect(row).to_contain_text(UNIT_NAME)
    expect(row).to_contain_text(vn(due))
    expect(row).to_contain_text("Còn 10 ngày")
    expect(row).to_contain_text("Chưa thực hiện")
    expect(row).to_contain_text("Chưa báo cáo tiến độ")
    shots(page, "officer-todo-open")
    row.get_by_role("link", name=RECOMMENDATION_TEXT).click()
    expect(page).to_have_url(recommendation_url)
    expect(page.locator("main")).to_contain_text(RECOMMENDATION_TEXT)

    # ... answers with an evidence file
    conversation = page.get_by_role("region", name="Trao đổi giữa đơn vị và đoàn kiểm tra")
    expect(conversation).to_contain_text("Chưa có trao đổi nào.")
    conversation.get_by_label("Nội dung trao đổi").fill(MESSAGE_TEXT)
    conversation.get_by_label("Tệp minh chứng (PDF, Word, Excel, ảnh; có thể chọn nhiều tệp)").set_input_files(
        str(evidence))
    conversation.get_by_role("button", name="Gửi", exact=True).click()
    expect(flash(page)).to_contain_text("Đã gửi trao đổi kèm 1 tệp minh chứng.")
    conversation = page.get_by_role("region", name="Trao đổi giữa đơn vị và đoàn kiểm tra")
    message = conversation.get_by_role("listitem").filter(has_text=MESSAGE_TEXT)
    expect(message).to_contain_text("Trần Thị Đầu Mối")
    expect(message).to_contain_text(UNIT_NAME)
    expect(message.get_by_role("link", name=EVIDENCE_NAME)).to_be_visible()
    evidence_region = page.get_by_role("region", name="Minh chứng", exact=True)
    evidence_row = evidence_region.get_by_role("row").filter(has_text=EVIDENCE_NAME)
    expect(evidence_row).to_contain_text("Trần Thị Đầu Mối")
    expect(evidence_row).to_contain_text(f"{len(evidence_content)} B")
    name, content = download(page, evidence_row.get_by_role("link", name=EVIDENCE_NAME))
    assert (name, content) == (EVIDENCE_NAME, evidence_content)

    # ... plans a follow-up action
    progress = page.get_by_role("region", name="Cập nhật tiến độ của đơn vị")
    progress.get_by_text("Thêm biện pháp khắc phục", exact=True).click()
    action_form = progress.locator("form").filter(has=page.get_by_role("button", name="Thêm biện pháp"))
    action_form.get_by_label("Biện pháp khắc phục").fill(ACTION_TEXT)
    action_form.get_by_label("Người / bộ phận thực hiện").fill("Phòng Nội vụ")
    action_form.get_by_label("Tiến độ (%)").fill("100")
    action_form.get_by_role("button", name="Thêm biện pháp").click()
    expect(flash(page)).to_contain_text("Đã thêm biện pháp khắc phục.")
    share = page.get_by_role("region", name=f"{UNIT_NAME} ({UNIT_CODE})")
    expect(share.get_by_role("row").filter(has_text=ACTION_TEXT)).to_contain_text("Phòng Nội vụ")

    # ... and reports it done
    progress = page.get_by_role("region", name="Cập nhật tiến độ của đơn vị")
    expect(progress).to_contain_text("Trạng thái hiện tại: Chưa thực hiện")
    progress_form = progress.locator("form").filter(has=page.get_by_role("button", name="Báo cáo tiến độ"))
    progress_form.get_by_label("Trạng thái mới").select_option(label=STATUS_REPORTED_DONE)
    progress_form.get_by_label("Ghi chú tiến độ (gửi vào phần trao đổi)").fill(PROGRESS_NOTE)
    progress_form.get_by_role("button", name="Báo cáo tiến độ").click()
    expect(flash(page)).to_contain_text(f"Đã cập nhật tiến độ của {UNIT_NAME}: {STATUS_REPORTED_DONE}.")
    expect(page.get_by_role("region", name="Cập nhật tiến độ của đơn vị")).to_contain_text(
        f"Trạng thái hiện tại: {STATUS_REPORTED_DONE}")
    expect(share).to_contain_text(f"Đơn vị tự đánh giá: {STATUS_REPORTED_DONE}")
    # reporting done closes nothing: the inspectors' verdict is still open
    verification = page.get_by_role("region", name="Xác minh của đoàn kiểm tra")
    expect(verification).to_contain_text("Chưa kết luận")
    expect(page.get_by_role("region", name="Trao đổi giữa đơn vị và đoàn kiểm tra")).to_contain_text(PROGRESS_NOTE)
    shots(page, "officer-reported-done")

    # ... the to-do page now shows it as waiting for the inspectors, no longer among the open items
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Việc cần làm").click()
    expect(page.get_by_role("region", name=re.compile(r"^Sắp đến hạn"))).to_have_count(0)
    waiting = page.get_by_role("region", name=re.compile(r"^Đã báo cáo hoàn thành, chờ xác minh"))
    row = waiting.get_by_role("row").filter(has_text=RECOMMENDATION_TEXT)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(STATUS_REPORTED_DONE)
    expect(row).to_contain_text("Đã báo cáo, chờ đoàn kiểm tra xác minh")
    expect(row).not_to_contain_text("Chưa báo cáo tiến độ")
    shots(page, "officer-todo-waiting-verification")
    log_out(page, people.officer)

    # --- the inspector: sees what waits, checks the evidence, verifies
    log_in(page, people.inspector)
    open_mission_from_desk(page)
    waiting_on_team = page.get_by_role("region", name=re.compile(r"^Việc chờ đoàn kiểm tra"))
    expect(waiting_on_team).to_contain_text("Đơn vị báo cáo hoàn thành, cần xác minh")
    to_verify = waiting_on_team.get_by_role("listitem").filter(has_text=RECOMMENDATION_TEXT).filter(
        has_text=UNIT_NAME)
    expect(to_verify).to_have_count(1)
    shots(page, "inspector-workspace-waiting")
    to_verify.get_by_role("link", name=RECOMMENDATION_TEXT).click()
    expect(page).to_have_url(recommendation_url)
    evidence_row = page.get_by_role("region", name="Minh chứng", exact=True).get_by_role("row").filter(
        has_text=EVIDENCE_NAME)
    name, content = download(page, evidence_row.get_by_role("link", name=EVIDENCE_NAME))
    assert (name, content) == (EVIDENCE_NAME, evidence_content)

    verification = page.get_by_role("region", name="Xác minh của đoàn kiểm tra")
    verification.get_by_label("Kết quả xác minh").select_option(label=STATUS_VERIFIED)
    verification.get_by_label("Cách xác minh").select_option(label="Xem xét hồ sơ, minh chứng")
    verification.get_by_label("Nhận xét").fill(VERIFY_NOTE)
    verification.get_by_role("button", name="Xác minh").click()
    expect(flash(page)).to_contain_text(f"Đã ghi nhận kết quả xác minh: {STATUS_VERIFIED}.")
    verification = page.get_by_role("region", name="Xác minh của đoàn kiểm tra")
    expect(verification).to_contain_text(STATUS_VERIFIED)
    expect(verification).to_contain_text("Xem xét hồ sơ, minh chứng")
    expect(verification).to_contain_text("Nguyễn Văn Kiểm")
    expect(verification).to_contain_text(VERIFY_NOTE)
    expect(verification.get_by_role("button", name="Mở lại kiến nghị")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(STATUS_VERIFIED)

    # --- the history shows every step, newest first, with who did it
    history = history_table(page)
    expected = [  # (summary, who), oldest first
        (f"Ban hành kiến nghị cho {UNIT_NAME}, thời hạn {vn(due)}", "Nguyễn Văn Kiểm"),
        (f"Gửi trao đổi ({UNIT_NAME}): {MESSAGE_TEXT}", "Trần Thị Đầu Mối"),
        (f"{UNIT_NAME} thêm biện pháp khắc phục: {ACTION_TEXT}", "Trần Thị Đầu Mối"),
        (f"{UNIT_NAME} báo cáo tiến độ: Chưa thực hiện → {STATUS_REPORTED_DONE}", "Trần Thị Đầu Mối"),
        (f"Gửi trao đổi ({UNIT_NAME}): {PROGRESS_NOTE}", "Trần Thị Đầu Mối"),
        (f"Xác minh kết quả thực hiện: {STATUS_VERIFIED} (Xem xét hồ sơ, minh chứng)", "Nguyễn Văn Kiểm"),
    ]
    rows = history.locator("tbody tr")
    expect(rows).to_have_count(len(expected))
    for position, (summary, who) in enumerate(reversed(expected)):
        expect(rows.nth(position).locator("td").nth(1)).to_have_text(who)
        expect(rows.nth(position).locator("td").nth(2)).to_have_text(summary)
    # the evidence file is named in the message's entry
    expect(rows.nth(len(expected) - 2)).to_contain_text(EVIDENCE_NAME)
    shots(page, "inspector-verified-with-history")

    # the mission workspace: nothing waits any more, the recommendation shows as verified
    page.get_by_role("navigation", name="Đường dẫn").get_by_role("link", name=MISSION_TITLE).click()
    expect(page.get_by_role("region", name=re.compile(r"^Việc chờ đoàn kiểm tra"))).not_to_contain_text(
        "Đơn vị báo cáo hoàn thành, cần xác minh")
    findings = page.get_by_role("region", name=re.compile(r"^Kết quả kiểm tra và kiến nghị"))
    expect(findings.get_by_role("row").filter(has_text=RECOMMENDATION_TEXT)).to_contain_text(STATUS_VERIFIED)
    log_out(page, people.inspector)

    # --- the unit officer: the verified item has left the to-do page
    log_in(page, people.officer)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Việc cần làm").click()
    expect(page.locator("main")).to_contain_text(NOTHING_TO_DO)
    expect(page.get_by_role("link", name=RECOMMENDATION_TEXT)).to_have_count(0)
    shots(page, "officer-todo-empty")


def test_an_officer_of_another_unit_cannot_see_the_recommendation(page: Page, people: People, shots):
    other_unit = factories.make_unit(OTHER_UNIT_NAME, code=OTHER_UNIT_CODE)
    outsider = factories.make_user(Role.UNIT_OFFICER, username="hatien.le", full_name="Lê Văn Đơn Vị Khác",
                                   units=[other_unit])
    db.session.commit()
    today = today_vn()

    log_in(page, people.inspector)
    create_mission(page, today)
    record_finding(page, session_label=None)
    finding_url = page.url
    issue_recommendation(page, today, today + timedelta(days=30))
    recommendation_url = page.url
    log_out(page, people.inspector)

    log_in(page, outsider)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Việc cần làm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Việc cần làm")
    expect(page.locator("main")).to_contain_text(NOTHING_TO_DO)
    expect(page.locator("main")).not_to_contain_text(RECOMMENDATION_TEXT)
    expect(page.locator("main")).to_contain_text(OTHER_UNIT_NAME)

    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Kiến nghị").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sổ theo dõi kiến nghị")
    expect(page.locator("main")).to_contain_text("Không có kiến nghị nào phù hợp.")
    expect(page.locator("main")).not_to_contain_text(RECOMMENDATION_TEXT)

    for url in (recommendation_url, finding_url):
        response = page.goto(url)
        assert response is not None and response.status == 403
        expect(page.get_by_role("heading", level=1)).to_have_text("Không có quyền truy cập")
        expect(page.locator("main")).not_to_contain_text(RECOMMENDATION_TEXT)
        expect(page.locator("main")).not_to_contain_text(FINDING_TITLE)
    shots(page, "outsider-forbidden")
