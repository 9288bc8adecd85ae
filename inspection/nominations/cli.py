"""`flask nominations …` commands. Each calls services and commits once, at the end."""

import click
from flask.cli import AppGroup

from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.imports.cli import import_command

nominations_cli = AppGroup("nominations", help="Hồ sơ đề nghị khen thưởng.")


@nominations_cli.command("seed-catalogue")
def seed_catalogue_command():
    """Create or update the award catalogue (emulation titles and award forms); safe to run again."""
    from inspection.nominations.catalogue import seed_catalogue

    result = seed_catalogue(SYSTEM)
    db.session.commit()
    click.echo(f"Danh mục hình thức khen thưởng: thêm {result.created}, cập nhật {result.updated}, "
               f"giữ nguyên {result.unchanged}.")


import_command(nominations_cli, ("dossiers",),
               "Nhập hồ sơ đề nghị khen thưởng từ tệp .xlsx/.csv (cột như tệp mẫu): còn một dòng lỗi thì không ghi gì.")
