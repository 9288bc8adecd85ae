"""Before a production server takes its first request: refuse an installation that is not ready and say, in
plain words with the setting's name, what is wrong: a missing or default secret key, a database that cannot
be reached or is not migrated to the code's newest revision, a file store that cannot be written.

"Production" is a process that serves: the gunicorn configuration (gunicorn.conf.py, used by `make serve`
and the systemd unit) runs `python -m inspection.startup` in its master before any worker starts and stops
with its message when it fails. The same command can precede the job worker and the scheduler
(ExecStartPre). `make run`, the tests and the `flask` commands (`flask db upgrade` must run on an
unmigrated database) are not affected."""

import sys

from flask import Flask
from sqlalchemy import make_url
from sqlalchemy.exc import SQLAlchemyError

from inspection import health

#: secret keys that are not secret: examples, test values, what people type first
KNOWN_DEFAULTS = frozenset({
    "test-secret", "dev", "development", "secret", "secret-key", "secretkey", "changeme", "change-me",
    "change_me", "please-change-me", "thay-doi", "thaydoi", "xxx", "none", "null",
})
MIN_SECRET_LENGTH = 32
UPGRADE_COMMAND = "flask --app wsgi db upgrade"


def problems(app: Flask) -> list[str]:
    """What keeps this installation from serving, one sentence each; empty when it is ready."""
    found = [secret_key_problem(app.config.get("SECRET_KEY")), file_store_problem(app.config["FILES_FOLDER"])]
    with app.app_context():
        found.append(database_problem(app.config["SQLALCHEMY_DATABASE_URI"]))
        _release_connections()
    return [problem for problem in found if problem]


def secret_key_problem(key) -> str | None:
    if not key:
        return "Chưa đặt khóa bí mật: đặt INSPECTION_SECRET_KEY (SECRET_KEY) là một chuỗi ngẫu nhiên dài."
    text = str(key)
    if text.strip().lower() in KNOWN_DEFAULTS or len(set(text)) < 4:
        return ("Khóa bí mật INSPECTION_SECRET_KEY (SECRET_KEY) là giá trị mặc định hoặc giá trị mẫu: "
                "hãy tạo một khóa ngẫu nhiên riêng cho máy chủ này.")
    if len(text) < MIN_SECRET_LENGTH:
        return (f"Khóa bí mật INSPECTION_SECRET_KEY (SECRET_KEY) quá ngắn ({len(text)} ký tự, cần ít nhất "
                f"{MIN_SECRET_LENGTH}): hãy tạo một khóa ngẫu nhiên dài hơn.")
    return None


def file_store_problem(folder: str) -> str | None:
    try:
        health.prove_writable(folder)
    except OSError as error:
        return (f"Không ghi được vào thư mục lưu tệp FILES_FOLDER ({folder}): {error.strerror or error}. "
                "Tạo thư mục, cấp quyền ghi cho người dùng chạy cổng thông tin, hoặc đặt INSPECTION_FILES_FOLDER.")
    return None


def database_problem(url: str) -> str | None:
    where = make_url(url).render_as_string(hide_password=True)
    try:
        schema = health.migrations()
    except SQLAlchemyError as error:
        return (f"Không kết nối được cơ sở dữ liệu INSPECTION_DATABASE_URL ({where}): {_reason(error)}. "
                "Kiểm tra địa chỉ, tài khoản và máy chủ cơ sở dữ liệu.")
    if not schema.ok:
        current = schema.facts["current"]
        state = f"đang ở {current}" if current else "chưa có bảng nào"
        return (f"Cơ sở dữ liệu ({where}) chưa được nâng cấp lên phiên bản của mã nguồn ({state}, cần "
                f"{schema.facts['head']}): chạy `{UPGRADE_COMMAND}` trước khi khởi động.")
    return None


def _reason(error: SQLAlchemyError) -> str:
    original = getattr(error, "orig", None) or error
    lines = str(original).strip().splitlines()
    return lines[0] if lines else type(original).__name__


def _release_connections() -> None:
    """The check's connections are not handed down to forked workers."""
    from inspection.extensions import db

    db.engine.dispose()


def main() -> int:
    from inspection import create_app

    try:
        app = create_app()
    except RuntimeError as error:  # the factory itself refuses a missing secret key
        return refuse([str(error)])
    found = problems(app)
    return refuse(found) if found else 0


def refuse(found: list[str]) -> int:
    print("Cổng thông tin KHÔNG khởi động vì cài đặt chưa sẵn sàng:", file=sys.stderr)
    for problem in found:
        print(f"  - {problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
