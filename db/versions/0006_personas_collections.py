"""personas and curated styled collections

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 17:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('personas',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=128), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('style_blend', sa.JSON(), nullable=False),
        sa.Column('categories', sa.JSON(), nullable=False),
        sa.Column('meta', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_personas')),
        sa.UniqueConstraint('name', name=op.f('uq_personas_name')))
    op.create_table('persona_members',
        sa.Column('persona_id', sa.Integer(), nullable=False),
        sa.Column('shopper_id', sa.Integer(), nullable=False),
        sa.Column('distance', sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(['persona_id'], ['personas.id'],
                                name=op.f('fk_persona_members_persona_id_personas'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['shopper_id'], ['shoppers.id'],
                                name=op.f('fk_persona_members_shopper_id_shoppers'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('persona_id', 'shopper_id', name=op.f('pk_persona_members')))
    op.create_index('ix_persona_members_shopper', 'persona_members', ['shopper_id'])
    op.create_table('collections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=128), nullable=False),
        sa.Column('style', sa.JSON(), nullable=False),
        sa.Column('personas', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_collections')),
        sa.UniqueConstraint('name', name=op.f('uq_collections_name')))
    op.create_table('collection_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('collection_id', sa.Integer(), nullable=False),
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('persona', sa.String(length=128), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('reviewed_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['collection_id'], ['collections.id'],
                                name=op.f('fk_collection_items_collection_id_collections'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['product_id'], ['products.id'],
                                name=op.f('fk_collection_items_product_id_products'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_collection_items')))
    op.create_index('uq_collection_items_entry', 'collection_items',
                    ['collection_id', 'product_id', 'persona'], unique=True)


def downgrade() -> None:
    op.drop_index('uq_collection_items_entry', table_name='collection_items')
    op.drop_table('collection_items')
    op.drop_table('collections')
    op.drop_index('ix_persona_members_shopper', table_name='persona_members')
    op.drop_table('persona_members')
    op.drop_table('personas')
