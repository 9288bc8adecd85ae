"""The one command-line shape of the import pipeline: `flask units import PATH [--kind units|groups]
[--dry-run]` and `flask nominations import PATH [--dry-run]` are both made by `import_command` (the units
command lives here, with the pipeline, which sits above units in the layers; it keeps the name people know)."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.rules import RuleViolation

units_cli = AppGroup("units", help="Đơn vị, cụm và khối thi đua.")


def import_command(group: AppGroup, kinds: tuple[str, ...], help_text: str, kind_help: str | None = None):
    """Add `import` to `group`: the file's kind among `kinds` (an option when there are several)."""

    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra và báo cáo, không ghi gì.")
    def command(path: Path, dry_run: bool, kind: str = kinds[0]):
        run_file(kind, path, dry_run)

    if len(kinds) > 1:
        command = click.option("--kind", type=click.Choice(list(kinds)), default=kinds[0], show_default=True,
                               help=kind_help)(command)
    command.__doc__ = help_text
    return group.command("import")(command)


def run_file(kind: str, path: Path, dry_run: bool) -> None:
    from inspection.imports import pipeline

    max_bytes = current_app.config["IMPORT_MAX_BYTES"]
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)  # one byte more than allowed is enough for the reader to refuse
    run = pipeline.preview_file if dry_run else pipeline.import_file
    try:
        plan = run(SYSTEM, kind, data, path.name, max_bytes)
    except RuleViolation as violation:
        raise click.ClickException(violation.message) from None
    _report(plan)
    if plan.errors or plan.stale:
        click.echo(f"Có {len(plan.errors)} lỗi: không ghi gì vào cơ sở dữ liệu." if plan.errors else
                   "Dữ liệu vừa bị sửa trong lúc nhập: không ghi gì, hãy chạy lại lệnh.", err=True)
        raise click.exceptions.Exit(1)
    if dry_run:
        click.echo("Chạy thử (--dry-run): không ghi gì.")
        return
    db.session.commit()
    click.echo(pipeline.summary(plan))


def _report(plan) -> None:
    counts = plan.counts
    click.echo(f"Mới: {counts['new']}, cập nhật: {counts['updated']}, không đổi: {counts['unchanged']}, "
               f"lỗi: {len(plan.errors)}.")
    for note in plan.notes:
        click.echo(note)
    for error in plan.sorted_errors:
        click.echo(error.as_line())


import_command(units_cli, ("units", "groups"),
               "Nhập đơn vị hoặc cụm, khối thi đua từ tệp .xlsx/.csv: còn một dòng lỗi thì không ghi gì.",
               "units: đơn vị; groups: cụm, khối thi đua.")
