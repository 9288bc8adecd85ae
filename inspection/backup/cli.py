"""`flask backup create|verify|restore` (docs/backup.md). Messages in Vietnamese; exit code 1 on any failure."""

from datetime import datetime
from pathlib import Path

import click
from flask.cli import AppGroup

from inspection.backup import BackupError, retention, services
from inspection.backup.restore import restore_backup
from inspection.backup.services import Check
from inspection.backup.status import backup_health  # noqa: F401  (importing it registers the health check)
from inspection.timeutil import VIETNAM

backup_cli = AppGroup("backup", help="Sao lưu và khôi phục (cơ sở dữ liệu và kho tệp).")


@backup_cli.command("create")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
def create_command(path):
    """Write an archive; without PATH into INSPECTION_BACKUP_DIR, keeping the INSPECTION_BACKUP_KEEP newest."""
    try:
        written = retention.scheduled_backup() if path is None else _create_at(path)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:  # a full disk, an unwritable folder: nothing was published
        raise click.ClickException(f"Không ghi được bản sao lưu (chưa có tệp nào được tạo): {error}.") from None
    click.echo(f"Đã sao lưu vào {written}.")


def _create_at(path: Path) -> Path:
    manifest = services.create_backup(path)
    if manifest.missing_files:
        click.echo("CẢNH BÁO: " + services.missing_warning(manifest.missing_files), err=True)
    return path


@backup_cli.command("verify")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def verify_command(path):
    """Check an archive: readable, manifest, every file's SHA-256, the database copy."""
    try:
        check = services.verify_backup(path)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    _report(check, f"Tệp sao lưu {path} dùng được")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Ghi đè cơ sở dữ liệu và kho tệp đang có dữ liệu.")
def restore_command(path, force):
    """Restore an archive into the configured (empty) database and file store; stop the portal first."""
    try:
        check = restore_backup(path, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"Khôi phục không trọn vẹn: {error}. Kiểm tra chỗ trống và quyền ghi, rồi "
                                   "chạy lại với --force.") from None
    _report(check, f"Đã khôi phục từ {path}; số dòng từng bảng và SHA-256 từng tệp khớp manifest")


def _report(check: Check, success: str) -> None:
    for warning in check.warnings:
        click.echo("CẢNH BÁO: " + warning, err=True)
    if not check.ok:
        raise click.ClickException("Không đạt:\n- " + "\n- ".join(check.problems))
    manifest = check.manifest
    click.echo(f"{success}: {manifest.kind}, phiên bản {manifest.revision or '(chưa có)'}, "
               f"{sum(manifest.tables.values())} dòng trong {len(manifest.tables)} bảng, "
               f"{len(manifest.files())} tệp, tạo lúc {_local_time(manifest.created_at)}.")


def _local_time(iso: str) -> str:
    return datetime.fromisoformat(iso).astimezone(VIETNAM).strftime("%H:%M %d/%m/%Y")
