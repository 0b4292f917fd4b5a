"""What differs between SQLite and PostgreSQL, in one place, so repositories stay engine-neutral.

Bulk writes go to the DB-API connection (SQLite's fast path is a prepared executemany;
PostgreSQL's is COPY into a temporary table and one INSERT … SELECT), and the two drivers
spell parameters differently (`?` against `%s`); `Raw` hides both. Upserts use each
dialect's own `insert` (both have ON CONFLICT). Index look-ups read the catalogue each
engine keeps.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def is_postgres(session: Session) -> bool:
    return session.bind.dialect.name == "postgresql"


def insert(session: Session, model):
    """INSERT with ON CONFLICT support for the session's engine."""
    return (postgresql.insert if is_postgres(session) else sqlite.insert)(model)


def greatest(session: Session) -> str:
    """The two-argument maximum: max(a, b) on SQLite, greatest(a, b) on PostgreSQL."""
    return "greatest" if is_postgres(session) else "max"


def index_names(session: Session, table: str) -> set[str]:
    if is_postgres(session):
        return {name for (name,) in session.connection().exec_driver_sql(
            "SELECT indexname FROM pg_indexes WHERE tablename = %(t)s "
            "AND schemaname = current_schema()", {"t": table})}
    return {r[0] for r in session.connection().exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,))}


def table_names(session: Session) -> set[str]:
    return set(inspect(session.connection()).get_table_names())


class Raw:
    """The DB-API connection under a session (inside its transaction), spoken in `?` style."""

    def __init__(self, session: Session) -> None:
        self.conn = session.connection().connection.driver_connection
        self.postgres = is_postgres(session)

    def _sql(self, sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s") if self.postgres else sql

    def execute(self, sql: str, params: Sequence = ()):
        """The cursor (rowcount: the rows the statement changed)."""
        cur = self.conn.cursor()
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def executemany(self, sql: str, rows: Iterable[Sequence]) -> None:
        cur = self.conn.cursor()
        cur.executemany(self._sql(sql), list(rows) if self.postgres else rows)
        cur.close()

    def scalar(self, sql: str, params: Sequence = ()):
        row = self.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def copy_into_temp(self, name: str, like: str, columns: Sequence[str],
                       rows: Iterable[Sequence]) -> None:
        """PostgreSQL: `rows` COPYed into a temporary table shaped like `like`'s `columns`,
        emptied first (it lives until the transaction ends)."""
        cols = ", ".join(columns)
        cur = self.conn.cursor()
        cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} ON COMMIT DROP AS "
                    f"SELECT {cols} FROM {like} WITH NO DATA")
        cur.execute(f"TRUNCATE {name}")
        with cur.copy(f"COPY {name} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cur.close()
