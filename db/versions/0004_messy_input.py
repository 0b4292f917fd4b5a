"""messy input: issue codes and arguments, the worker of a run, titles of any length

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('import_issues', schema=None) as batch_op:
        batch_op.add_column(sa.Column('code', sa.String(length=64), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('args', sa.JSON(), nullable=False, server_default='{}'))
    with op.batch_alter_table('import_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('worker', sa.String(length=128), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.alter_column('title', existing_type=sa.String(length=512), type_=sa.Text(),
                              existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.alter_column('title', existing_type=sa.Text(), type_=sa.String(length=512),
                              existing_nullable=False)
    with op.batch_alter_table('import_runs', schema=None) as batch_op:
        batch_op.drop_column('worker')
    with op.batch_alter_table('import_issues', schema=None) as batch_op:
        batch_op.drop_column('args')
        batch_op.drop_column('code')
