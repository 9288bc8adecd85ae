"""`flask` commands. Each calls services and commits once, at the end."""

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.rules import RuleViolation

users_cli = AppGroup("users", help="Tài khoản người dùng.")
demo_cli = AppGroup("demo", help="Dữ liệu mẫu.")


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
        user = create_user(None, username=username, full_name=full_name, role=Role(role),
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
    db.session.commit()
    click.echo(summary)


@demo_cli.command("accounts")
def demo_accounts_command():
    """Print the demo accounts that exist here with their demo password."""
    from inspection.demo.loader import demo_accounts_text

    click.echo(demo_accounts_text())


@demo_cli.command("generate")
@click.option("--units", "unit_count", type=click.IntRange(10, 1_000_000), default=3500, show_default=True)
@click.option("--seed", type=int, default=2017, show_default=True)
def demo_generate_command(unit_count, seed):
    """Deterministic synthetic units, clusters and blocks for benchmarks."""
    from inspection.demo.generator import generate

    summary = generate(unit_count=unit_count, seed=seed)
    db.session.commit()
    click.echo(summary)


def register_commands(app: Flask) -> None:
    from inspection.nominations.cli import nominations_cli
    from inspection.notifications.cli import reminders_cli
    from inspection.units.cli import units_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(units_cli)
    app.cli.add_command(nominations_cli)
    app.cli.add_command(reminders_cli)
