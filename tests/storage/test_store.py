import hashlib
import shutil
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from stylerec_app.domain.errors import SchemaTooNewError, StoreError
from stylerec_app.storage import database
from stylerec_app.storage.database import head_revision, open_store
from stylerec_app.storage.orm import Base


def test_migrations_create_exactly_the_orm_schema(store):
    def ours(obj, name, type_, reflected, compare_to):
        return not (type_ == "table" and name.startswith("products_fts"))

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={
            "compare_type": True, "include_object": ours}), Base.metadata)
    assert diff == []


def test_sqlite_runs_with_wal_and_foreign_keys(sqlite_store):
    with sqlite_store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_foreign_keys_are_enforced(store):
    with pytest.raises(Exception, match="(?i)foreign key"), store.write() as s:
        s.execute(text("INSERT INTO interactions (event_key, shopper_id, product_id, kind, "
                       "timestamp, channel) VALUES (1, 99, 99, 0, 0, '')"))


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_store_from_a_newer_version_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "future.sqlite"
    open_store(path, create=True).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _digest(path)
    with pytest.raises(SchemaTooNewError, match="newer version of StyleRec"):
        open_store(path, create=True)
    assert _digest(path) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9999_future"
    assert not list(tmp_path.glob("*.bak-*"))


def test_files_that_are_not_stores_are_refused(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="not an SQLite database"):
        open_store(junk, create=True)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x)")
    with pytest.raises(StoreError, match="not a StyleRec store"):
        open_store(other, create=True)


def test_missing_store_without_create_is_an_error(tmp_path):
    with pytest.raises(StoreError, match="No store"):
        open_store(tmp_path / "absent.sqlite", create=False)


NEXT_REVISION = '''
from alembic import op
import sqlalchemy as sa

revision = "9000"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("products") as batch:
        batch.add_column(sa.Column("season", sa.String(16), nullable=True))


def downgrade():
    with op.batch_alter_table("products") as batch:
        batch.drop_column("season")
'''


def test_upgrade_backs_up_the_file_then_migrates_keeping_rows(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    store = open_store(path, create=True)
    with store.write() as s:
        s.execute(text("INSERT INTO products (external_id, title, description, category, colour,"
                       " attributes, image_status, content_hash, created_at, updated_at) VALUES "
                       "('P1', 'Mug', '', '', '', '{}', 'none', '', '2020-01-01', '2020-01-01')"))
    store.close()
    current = head_revision()
    newer = tmp_path / "migrations"
    shutil.copytree(database.migrations_dir(), newer)
    (newer / "versions" / "9000_season.py").write_text(NEXT_REVISION.format(head=head_revision()))
    monkeypatch.setattr(database, "migrations_dir", lambda: newer)

    upgraded = open_store(path, create=True)
    assert upgraded.backup_path is not None and upgraded.backup_path.exists()
    with upgraded.read() as s:
        assert s.execute(text("SELECT title, season FROM products")).one() == ("Mug", None)
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9000"
    upgraded.close()
    with sqlite3.connect(upgraded.backup_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == current
        assert conn.execute("SELECT title FROM products").fetchone()[0] == "Mug"


def test_the_quick_revision_reader_agrees_with_alembic():
    """`info` and opening a store read revisions without importing Alembic (0.2 s)."""
    from alembic.script import ScriptDirectory

    from stylerec_app.storage.database import _revisions, alembic_config, head_revision

    scripts = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == scripts.get_current_head()
    assert _revisions() == {s.revision: s.down_revision for s in scripts.walk_revisions()}
