"""`flask units …` commands."""

from flask.cli import AppGroup

units_cli = AppGroup("units", help="Đơn vị, cụm và khối thi đua.")
