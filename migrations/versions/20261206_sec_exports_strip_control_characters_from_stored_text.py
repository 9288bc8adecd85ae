"""strip control characters from stored text: a note saved with Word's soft break (\\x0b) or a NUL made
every .xlsx export of its row fail; the application now drops them on the way in and on the way out, and
this cleans what was stored before

Revision ID: sec_exports
Revises: sec_sessions
Create Date: 2026-12-06 12:30:00

"""
import re

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'sec_exports'
down_revision = 'sec_sessions'
branch_labels = None
depends_on = None

# What inspection/plaintext.py does (Unicode Cc but tab, LF and CR, and U+FFFE, U+FFFF, are dropped; those that
# end a line become LF), written out here because a migration must not import the application. PostgreSQL
# cannot hold NUL or lone surrogates in text at all, so its patterns start at U+0001.
PYTHON_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
PYTHON_LINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85]")
POSTGRESQL_CONTROLS = r"[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]"
POSTGRESQL_LINE_BREAKS = r"[\u000b\u000c\u001c-\u001e\u0085]"
SQLITE_FUNCTION = "portal_strip_controls"


def upgrade():
    clean_stored_text(op.get_bind())


def downgrade():
    pass  # the characters removed were never meant to be there, and cannot be put back


def clean_stored_text(connection) -> None:
    """Remove the control characters from every text column of every table, in place."""
    quote = connection.dialect.identifier_preparer.quote
    if connection.dialect.name == "sqlite":
        connection.connection.dbapi_connection.create_function(SQLITE_FUNCTION, 1, _strip, deterministic=True)
    for table, column in _text_columns(connection):
        connection.execute(*_statement(connection.dialect.name, quote(table), quote(column)))


def _text_columns(connection):
    inspector = sa.inspect(connection)
    for table in inspector.get_table_names():
        for column in inspector.get_columns(table):
            if isinstance(column["type"], sa.String) and table != "alembic_version":
                yield table, column["name"]


def _statement(dialect: str, table: str, column: str) -> tuple:
    if dialect == "postgresql":
        cleaned = f"regexp_replace(regexp_replace({column}, :breaks, chr(10), 'g'), :controls, '', 'g')"
        return (sa.text(f"UPDATE {table} SET {column} = {cleaned} WHERE {column} ~ :controls"),
                {"breaks": POSTGRESQL_LINE_BREAKS, "controls": POSTGRESQL_CONTROLS})
    # SQLite has no regular expressions: a Python function, registered above, does the work
    return (sa.text(f"UPDATE {table} SET {column} = {SQLITE_FUNCTION}({column}) "
                    f"WHERE typeof({column}) = 'text' AND {column} != {SQLITE_FUNCTION}({column})"),)


def _strip(value):
    if not isinstance(value, str):
        return value
    return PYTHON_CONTROLS.sub("", PYTHON_LINE_BREAKS.sub("\n", value))
