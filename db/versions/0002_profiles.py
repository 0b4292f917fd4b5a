"""profiles

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 21:20:24.592018
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('embeddings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner', sa.String(length=16), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('model', sa.String(length=96), nullable=False),
    sa.Column('source_hash', sa.String(length=64), nullable=False),
    sa.Column('dim', sa.Integer(), nullable=False),
    sa.Column('vector', sa.LargeBinary(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_embeddings'))
    )
    with op.batch_alter_table('embeddings', schema=None) as batch_op:
        batch_op.create_index('uq_embeddings_owner_kind', ['owner', 'owner_id', 'kind'], unique=True)

    op.create_table('product_profiles',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('palette', sa.JSON(), nullable=False),
    sa.Column('style_weights', sa.JSON(), nullable=False),
    sa.Column('image_hash', sa.String(length=64), nullable=True),
    sa.Column('models', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_profiles_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', name=op.f('pk_product_profiles'))
    )
    op.create_table('shopper_profiles',
    sa.Column('shopper_id', sa.Integer(), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('events_used', sa.Integer(), nullable=False),
    sa.Column('last_event_id', sa.Integer(), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('colours', sa.JSON(), nullable=False),
    sa.Column('price_band', sa.JSON(), nullable=False),
    sa.Column('style_blend', sa.JSON(), nullable=False),
    sa.Column('models', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['shopper_id'], ['shoppers.id'], name=op.f('fk_shopper_profiles_shopper_id_shoppers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('shopper_id', name=op.f('pk_shopper_profiles'))
    )


def downgrade() -> None:
    op.drop_table('shopper_profiles')
    op.drop_table('product_profiles')
    with op.batch_alter_table('embeddings', schema=None) as batch_op:
        batch_op.drop_index('uq_embeddings_owner_kind')

    op.drop_table('embeddings')
