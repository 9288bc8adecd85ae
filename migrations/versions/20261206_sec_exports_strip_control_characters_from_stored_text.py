"""strip control characters from stored text: a note saved with Word's soft break (\\x0b) or a NUL made
every .xlsx export of its row fail; the application now drops them on the way in and on the way out, and
this cleans what was stored before

Revision ID: sec_exports
Revises: 6fbf330bf64f
Create Date: 2026-12-06 12:30:00

"""
import re

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'sec_exports'
down_revision = '6fbf330bf64f'
branch_labels = None
depends_on = None

# The characters inspection/plaintext.py drops (Unicode Cc but tab, LF and CR; U+FFFE, U+FFFF), written out
# here because a migration must not import the application. PostgreSQL cannot hold NUL or lone surrogates
# in text at all, so its pattern starts at U+0001.
PYTHON_PATTERN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
POSTGRESQL_PATTERN = r"[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]"
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
        return (sa.text(f"UPDATE {table} SET {column} = regexp_replace({column}, :pattern, '', 'g') "
                        f"WHERE {column} ~ :pattern"), {"pattern": POSTGRESQL_PATTERN})
    # SQLite has no regular expressions: a Python function, registered above, does the work
    return (sa.text(f"UPDATE {table} SET {column} = {SQLITE_FUNCTION}({column}) "
                    f"WHERE typeof({column}) = 'text' AND {column} != {SQLITE_FUNCTION}({column})"),)


def _strip(value):
    return PYTHON_PATTERN.sub("", value) if isinstance(value, str) else value
