"""stored reports

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 08:54:50.356713

A session's reports (full and summary, per language) as built, with the digest of the
data they were built from (services/report_store.py): a closed session's reports are
made once when it closes and served from here; a change to the report's data makes them
again. Nothing to fill in for existing sessions: a report missing here is built on its
first download.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stored_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('audience', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('digest', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('built_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['lens_session.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_id', 'audience', 'language'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('stored_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stored_report_session_id'), ['session_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('stored_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stored_report_session_id'))

    op.drop_table('stored_report')
