"""import options as text: PostgreSQL enforces VARCHAR lengths (SQLite never did)

An import's options string names its image folder, so it outgrows 64 characters; on a
team store that rejected the file's record.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 19:55:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('import_files', schema=None) as batch_op:
        batch_op.alter_column('options', existing_type=sa.String(length=64), type_=sa.Text(),
                              existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('import_files', schema=None) as batch_op:
        batch_op.alter_column('options', existing_type=sa.Text(), type_=sa.String(length=64),
                              existing_nullable=False)
