"""`flask nominations …` commands. Each calls services and commits once, at the end."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.rules import RuleViolation

nominations_cli = AppGroup("nominations", help="Hồ sơ khen thưởng.")


@nominations_cli.command("seed-catalogue")
def seed_catalogue_command():
    """Create or update the award catalogue (emulation titles and award forms); safe to run again."""
    from inspection.nominations.catalogue import seed_catalogue

    result = seed_catalogue(SYSTEM)
    db.session.commit()
    click.echo(f"Danh mục hình thức khen thưởng: thêm {result.created}, cập nhật {result.updated}, "
               f"giữ nguyên {result.unchanged}.")


@nominations_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra và báo cáo, không ghi gì.")
def import_command(path: Path, dry_run: bool):
    """Nhập hồ sơ khen thưởng từ tệp .xlsx/.csv (cột như tệp mẫu): còn một dòng lỗi thì không ghi gì."""
    from inspection.nominations import importing

    max_bytes = current_app.config["IMPORT_MAX_BYTES"]
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)  # one byte more than allowed is enough for the reader to refuse
    run = importing.preview if dry_run else importing.run_import
    try:
        plan = run(SYSTEM, data, path.name, max_bytes)
    except RuleViolation as violation:
        raise click.ClickException(violation.message) from None
    counts = plan.counts
    click.echo(f"Mới: {counts['new']}, cập nhật: {counts['updated']}, không đổi: {counts['unchanged']}, "
               f"lỗi: {len(plan.errors)}.")
    for error in plan.sorted_errors:
        click.echo(error.as_line())
    if plan.errors or plan.stale:
        click.echo(f"Có {len(plan.errors)} lỗi: không ghi gì vào cơ sở dữ liệu." if plan.errors else
                   "Hồ sơ vừa bị sửa trong lúc nhập: không ghi gì, hãy chạy lại lệnh.", err=True)
        raise click.exceptions.Exit(1)
    if dry_run:
        click.echo("Chạy thử (--dry-run): không ghi gì.")
        return
    db.session.commit()
    click.echo(importing.summary(plan))
