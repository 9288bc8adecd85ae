"""`flask` commands. Each calls services and commits once, at the end."""

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.rules import RuleViolation

users_cli = AppGroup("users", help="Tài khoản người dùng.")
demo_cli = AppGroup("demo", help="Dữ liệu mẫu.")
documents_cli = AppGroup("documents", help="Văn bản: chữ ký số.")


@users_cli.command("create")
@click.option("--username", required=True)
@click.option("--full-name", required=True)
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
@click.option("--email", default=None)
@click.option("--unit", "unit_codes", multiple=True, help="Mã đơn vị (lặp lại cho nhiều đơn vị).")
@click.password_option("--password", help="Mật khẩu (hỏi nếu không nhập).")
def create_user_command(username, full_name, role, email, unit_codes, password):
    """Create an account, e.g. the first admin of a new server."""
    from inspection.admin.services import create_user
    from inspection.units.queries import unit_by_code

    units = [unit_by_code(code) for code in unit_codes]
    if None in units:
        raise click.ClickException("Không có đơn vị mang mã: " + ", ".join(
            code for code, unit in zip(unit_codes, units, strict=True) if unit is None))
    try:
        user = create_user(SYSTEM, username=username, full_name=full_name, role=Role(role),
                           password=password, email=email, units=units)
    except RuleViolation as violation:
        raise click.ClickException(violation.message) from None
    db.session.commit()
    click.echo(f"Đã tạo tài khoản {user.username} ({user.role.value}).")


@users_cli.command("list")
def list_users_command():
    for user in db.session.scalars(select(User).order_by(User.username)):
        state = "" if user.is_active_account else " (đã khóa)"
        click.echo(f"{user.username:<20} {user.role.value:<13} {user.full_name}{state}")


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Chỉ nạp khi cơ sở dữ liệu chưa có đơn vị nào.")
def demo_load_command(if_empty):
    """Load the Kiên Giang 2017 demo data set with one account per role."""
    from inspection.demo.loader import database_is_empty, load_demo

    if if_empty and not database_is_empty():
        click.echo("Cơ sở dữ liệu đã có dữ liệu: bỏ qua dữ liệu mẫu.")
        return
    summary = load_demo()
    from inspection.official.demo import load_demo_issuer

    load_demo_issuer()  # the council's heading and signer on official documents
    db.session.commit()
    click.echo(summary)


@demo_cli.command("accounts")
def demo_accounts_command():
    """Print the demo accounts that exist here with their demo password."""
    from inspection.demo.loader import demo_accounts_text

    click.echo(demo_accounts_text())


@demo_cli.command("generate")
@click.option("--units", "unit_count", type=click.IntRange(10, 1_000_000), default=None,
              help="Chỉ sinh đơn vị, cụm và khối thi đua (mặc định 3.500).")
@click.option("--scale", type=click.FloatRange(0.001, 10.0), default=None,
              help="Sinh bộ dữ liệu quy mô quốc gia (1 = 3.500 đơn vị, 100.000 kết quả kiểm tra, 1.000.000 hồ sơ khen "
                   "thưởng; 0,1 = nhỏ hơn mười lần) trên cơ sở dữ liệu trống.")
@click.option("--seed", type=int, default=2017, show_default=True)
@click.option("--as-of", "as_of", default=None, metavar="DD/MM/YYYY",
              help="Ngày tham chiếu của bộ dữ liệu quy mô quốc gia (mặc định: hôm nay).")
def demo_generate_command(unit_count, scale, seed, as_of):
    """Deterministic synthetic data for benchmarks: units, clusters and blocks; with --scale, the whole
    national data set (missions, findings, recommendations and their follow-up, dossiers, accounts)."""
    if scale is None:
        from inspection.demo.generator import generate

        summary = generate(unit_count=unit_count or 3500, seed=seed)
        db.session.commit()
        click.echo(summary)
        return
    if unit_count is not None:
        raise click.UsageError("Dùng --units hoặc --scale, không dùng cả hai.")
    _generate_national(scale, seed, _reference_day(as_of))


def _reference_day(text):
    from inspection.dates import parse_vn_date
    from inspection.timeutil import today_vn

    if text is None:
        return today_vn()
    try:
        return parse_vn_date(text)
    except ValueError:
        raise click.BadParameter(f"“{text}” không phải ngày hợp lệ; nhập theo dạng dd/mm/yyyy.",
                                 param_hint="--as-of") from None


def _generate_national(scale, seed, as_of):
    from inspection.demo.national_generate import generate_national, refresh_statistics

    try:
        summary = generate_national(scale, seed, as_of, progress=click.echo)
    except RuleViolation as violation:
        raise click.ClickException(violation.message) from None
    db.session.commit()
    refresh_statistics()
    db.session.commit()
    click.echo(summary)


@documents_cli.command("demo-certificate")
@click.option("--unit", "unit_codes", multiple=True, help="Mã đơn vị ký bằng chứng thư thử nghiệm (lặp lại được; "
              "mặc định: đơn vị ban hành của dữ liệu mẫu).")
@click.option("--if-missing", is_flag=True, help="Bỏ qua khi đã có chứng thư thử nghiệm trong instance/signing.")
def demo_certificate_command(unit_codes, if_missing):
    """Generate the demo's TEST signing certificate into instance/signing and configure it."""
    from flask import current_app

    from inspection.demo.kiengiang import SIGNING_UNITS
    from inspection.documents.official.signing.demo import demo_files, install_demo_certificate

    if if_missing and demo_files(current_app.instance_path)[0].exists():
        click.echo("Đã có chứng thư số thử nghiệm: bỏ qua.")
        return
    click.echo(install_demo_certificate(current_app.instance_path, unit_codes or SIGNING_UNITS))


def register_commands(app: Flask) -> None:
    from inspection.backup.cli import backup_cli  # also registers the "backup" health check
    from inspection.dashboard.jobs import dashboard_cli
    from inspection.imports.cli import units_cli
    from inspection.jobs.cli import jobs_cli
    from inspection.nominations.cli import nominations_cli
    from inspection.reminders.cli import reminders_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(documents_cli)
    app.cli.add_command(units_cli)
    app.cli.add_command(nominations_cli)
    app.cli.add_command(reminders_cli)
    app.cli.add_command(backup_cli)
    app.cli.add_command(jobs_cli)
    app.cli.add_command(dashboard_cli)
