"""`flask units import …`: the units and groups import from the command line (it lives with the import
pipeline, which sits above units in the layers; the command keeps the name people know)."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.rules import RuleViolation

units_cli = AppGroup("units", help="Đơn vị, cụm và khối thi đua.")


@units_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(["units", "groups"]), default="units", show_default=True,
              help="units: đơn vị; groups: cụm, khối thi đua.")
@click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra và báo cáo, không ghi gì.")
def import_command(path: Path, kind: str, dry_run: bool):
    """Nhập đơn vị hoặc cụm, khối thi đua từ tệp .xlsx/.csv: còn một dòng lỗi thì không ghi gì."""
    from inspection.imports import services

    max_bytes = current_app.config["IMPORT_MAX_BYTES"]
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)  # one byte more than allowed is enough for the reader to refuse
    try:
        if dry_run:
            plan = services.preview(kind, data, path.name, max_bytes)
        else:
            plan = services.run_import(SYSTEM, kind, data, path.name, max_bytes)
    except RuleViolation as violation:
        raise click.ClickException(violation.message) from None
    _report(plan)
    if plan.errors:
        click.echo(f"Có {len(plan.errors)} lỗi: không ghi gì vào cơ sở dữ liệu.", err=True)
        raise click.exceptions.Exit(1)
    if dry_run:
        click.echo("Chạy thử (--dry-run): không ghi gì.")
        return
    db.session.commit()
    click.echo(services.summary(plan))


def _report(plan) -> None:
    counts = plan.counts
    click.echo(f"Mới: {counts['new']}, cập nhật: {counts['updated']}, không đổi: {counts['unchanged']}, "
               f"lỗi: {len(plan.errors)}.")
    for note in plan.notes:
        click.echo(note)
    for error in plan.sorted_errors:
        click.echo(error.as_line())
