"""Alembic environment: runs on the connection StyleRec hands over (SQLite, batch mode)."""

from alembic import context
from sqlalchemy import create_engine

from stylerec_app.storage.orm import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic` command line: use the URL from -x db=PATH
        url = context.get_x_argument(as_dictionary=True).get("db", "sqlite:///stylerec.sqlite")
        with create_engine(url).begin() as conn:
            _run(conn)
    else:
        _run(connection)


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """The FTS5 search table and its shadow tables are SQLite's, not ORM tables."""
    return not (type_ == "table" and name.startswith("products_fts"))


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
