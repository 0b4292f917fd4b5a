"""catalog scale: integer event times and keys, families and stock as columns, FTS5 search,
fingerprints of imported files

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 16:00:00
"""

import numpy as np
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

FTS_COLUMNS = "title, description, category, external_id"
KINDS = ("view", "click", "cart", "purchase", "rating")  # codes 0…4, as orm.KIND_CODES
_KIND_CASE = ("CASE kind " + " ".join(f"WHEN '{k}' THEN {i}" for i, k in enumerate(KINDS))
              + " ELSE 0 END")


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    bind = op.get_bind()
    if _sqlite():
        # values first: the table copy below CASTs, and CAST('purchase' AS INTEGER) is 0
        op.execute("UPDATE interactions SET timestamp = CAST(strftime('%s', timestamp) AS "
                   "INTEGER) WHERE typeof(timestamp) = 'text'")
        op.execute("UPDATE interactions SET kind = " + _KIND_CASE + " WHERE typeof(kind) = "
                   "'text'")
        with op.batch_alter_table('interactions', schema=None, recreate="always") as batch_op:
            batch_op.drop_index('ix_interactions_product')
            batch_op.drop_index('ix_interactions_shopper_time')
            batch_op.drop_constraint('uq_interactions_event_key', type_='unique')
            batch_op.alter_column('event_key', existing_type=sa.String(length=64),
                                  type_=sa.BigInteger(), existing_nullable=False)
            batch_op.alter_column('timestamp', existing_type=sa.DateTime(),
                                  type_=sa.BigInteger(), existing_nullable=False)
            batch_op.alter_column('kind', existing_type=sa.String(length=16),
                                  type_=sa.SmallInteger(), existing_nullable=False)
    else:
        op.drop_index('ix_interactions_product', table_name='interactions')
        op.drop_index('ix_interactions_shopper_time', table_name='interactions')
        op.drop_constraint('uq_interactions_event_key', 'interactions', type_='unique')
        op.alter_column('interactions', 'event_key', type_=sa.BigInteger(),
                        postgresql_using="('x' || substr(event_key, 1, 16))::bit(64)::bigint")
        op.alter_column('interactions', 'timestamp', type_=sa.BigInteger(),
                        postgresql_using="extract(epoch from timestamp)::bigint")
        op.alter_column('interactions', 'kind', type_=sa.SmallInteger(),
                        postgresql_using=_KIND_CASE)
    _rekey_events(bind)  # shopper-major: the key index is the shopper-history index too
    op.create_index('ux_interactions_event_key', 'interactions', ['event_key'], unique=True)
    _stamps_to_seconds(bind, (("products", ("created_at", "updated_at")),
                              ("shoppers", ("created_at",))))
    op.create_table('product_stats',
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('views', sa.Integer(), nullable=False),
        sa.Column('clicks', sa.Integer(), nullable=False),
        sa.Column('carts', sa.Integer(), nullable=False),
        sa.Column('purchases', sa.Integer(), nullable=False),
        sa.Column('ratings', sa.Integer(), nullable=False),
        sa.Column('last_event', sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(['product_id'], ['products.id'],
                                name=op.f('fk_product_stats_product_id_products'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('product_id', name=op.f('pk_product_stats')))
    op.execute("INSERT INTO product_stats (product_id, views, clicks, carts, purchases, "
               "ratings, last_event) SELECT product_id, "
               + ", ".join(f"sum(CASE WHEN kind = {code} THEN 1 ELSE 0 END)"
                           for code in range(5))
               + ", max(timestamp) FROM interactions GROUP BY product_id")

    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('group_id', sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column('in_stock', sa.Boolean(), nullable=True))
        batch_op.create_index(batch_op.f('ix_products_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_products_in_stock'), ['in_stock'], unique=False)
        batch_op.create_index(batch_op.f('ix_products_price'), ['price'], unique=False)
        batch_op.create_index(batch_op.f('ix_products_image_status'), ['image_status'],
                              unique=False)
    _backfill_product_columns(bind)

    op.create_table('import_files',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('run_id', sa.Integer(), nullable=False),
        sa.Column('entity', sa.String(length=16), nullable=False),
        sa.Column('path', sa.String(length=1024), nullable=False),
        sa.Column('size', sa.BigInteger(), nullable=False),
        sa.Column('mtime_ns', sa.BigInteger(), nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('options', sa.String(length=64), nullable=False),
        sa.Column('counts', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['run_id'], ['import_runs.id'],
                                name=op.f('fk_import_files_run_id_import_runs'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_import_files')))
    with op.batch_alter_table('import_files', schema=None) as batch_op:
        batch_op.create_index('ix_import_files_path_digest', ['path', 'digest'], unique=False)

    if _sqlite():
        op.execute(f"CREATE VIRTUAL TABLE products_fts USING fts5({FTS_COLUMNS}, "
                   "content='products', content_rowid='id', tokenize='trigram', "
                   "detail=none, columnsize=0)")
        op.execute("INSERT INTO products_fts(products_fts) VALUES ('rebuild')")


def _stamps_to_seconds(bind, tables) -> None:
    """DateTime text → whole seconds since 1970 (what orm.EpochSeconds stores)."""
    for table, columns in tables:
        if _sqlite():
            for column in columns:  # before the copy, which CASTs (see upgrade)
                op.execute(f"UPDATE {table} SET {column} = CAST(strftime('%s', {column}) AS "
                           f"INTEGER) WHERE typeof({column}) = 'text'")
            with op.batch_alter_table(table, schema=None) as batch_op:
                for column in columns:
                    batch_op.alter_column(column, existing_type=sa.DateTime(),
                                          type_=sa.BigInteger(), existing_nullable=False)
        else:
            for column in columns:
                op.alter_column(table, column, type_=sa.BigInteger(),
                                postgresql_using=f"extract(epoch from {column})::bigint")


def _rekey_events(bind) -> None:
    """Recompute every stored key with storage/event_keys.py, in id order (the order the
    files were read in), so re-importing a file after the upgrade finds its events."""
    from stylerec_app.storage.event_keys import OccurrenceCounter, keys_for

    rows = bind.execute(sa.text(
        "SELECT id, shopper_id, product_id, kind, value, timestamp, channel "
        "FROM interactions ORDER BY id")).all()
    if not rows:
        return
    ids = np.array([r[0] for r in rows], np.int64)
    keys = keys_for(OccurrenceCounter(), [r[1] for r in rows], [r[2] for r in rows],
                    [int(r[3]) for r in rows], [int(r[5]) for r in rows],
                    [np.nan if r[4] is None else r[4] for r in rows],
                    [r[6] or "" for r in rows])
    bind.execute(sa.text("UPDATE interactions SET event_key = :k WHERE id = :i"),
                 [{"k": int(k), "i": int(i)} for k, i in zip(keys, ids, strict=True)])


def _backfill_product_columns(bind) -> None:
    """Families and stock from the attributes older imports kept them in."""
    import json

    rows = bind.execute(sa.text("SELECT id, attributes FROM products")).all()
    updates = []
    for pid, raw in rows:
        attrs = raw if isinstance(raw, dict) else json.loads(raw or "{}")
        group = next((str(attrs[k]).strip() for k in ("item_group_id", "product_code",
                                                       "group", "parent_sku")
                      if str(attrs.get(k, "")).strip()), None)
        stock = attrs.get("in_stock")
        in_stock = None if stock is None else str(stock).strip().lower() not in (
            "no", "false", "0", "n")
        if group is not None or in_stock is not None:
            updates.append({"g": group, "s": in_stock, "i": pid})
    if updates:
        bind.execute(sa.text("UPDATE products SET group_id = :g, in_stock = :s WHERE id = :i"),
                     updates)


def downgrade() -> None:
    op.drop_table('product_stats')
    if _sqlite():
        op.execute("DROP TABLE IF EXISTS products_fts")
    with op.batch_alter_table('import_files', schema=None) as batch_op:
        batch_op.drop_index('ix_import_files_path_digest')
    op.drop_table('import_files')
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_products_price'))
        batch_op.drop_index(batch_op.f('ix_products_in_stock'))
        batch_op.drop_index(batch_op.f('ix_products_image_status'))
        batch_op.drop_index(batch_op.f('ix_products_group_id'))
        batch_op.drop_column('in_stock')
        batch_op.drop_column('group_id')
    # event keys and times stay integers: their text forms cannot be rebuilt
