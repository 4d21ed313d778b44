"""reader links

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-08 01:00:00.000000

`reader_link`: links for the partners of a collaboration, who read its record without
signing in (services/readers.py); only the token's digest is kept. `reader_access`: each
read through such a link (which link, when, what), for the facilitator. Nothing to fill
in: a collaboration starts without readers.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reader_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('collaboration_id', sa.Integer(), nullable=False),
    sa.Column('digest', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('full_reports', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('revoked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('last_used_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['collaboration_id'], ['collaboration.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('reader_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reader_link_collaboration_id'),
                              ['collaboration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reader_link_digest'), ['digest'], unique=True)

    op.create_table('reader_access',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reader_link_id', sa.Integer(), nullable=False),
    sa.Column('collaboration_id', sa.Integer(), nullable=False),
    sa.Column('what', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['collaboration_id'], ['collaboration.id'], ),
    sa.ForeignKeyConstraint(['reader_link_id'], ['reader_link.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('reader_access', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reader_access_collaboration_id'),
                              ['collaboration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reader_access_reader_link_id'),
                              ['reader_link_id'], unique=False)


def downgrade() -> None:
    op.drop_table('reader_access')
    op.drop_table('reader_link')
