"""when the room first saw results

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 19:05:00.000000

`lens_session.revealed_at`: the first time the session's results became visible (the
reveal of round 1); from then on its parties and attribution stay as the room saw them,
also when the facilitator goes back to scoring. Null for sessions before this column;
for those, a round beyond the first still counts as revealed.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode: SQLite's batch mode copies the table and would
    # lose its AUTOINCREMENT (ids are never reused; see 0009).
    op.add_column('lens_session', sa.Column('revealed_at', sqlmodel.sql.sqltypes.UTCDateTime(),
                                            nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE lens_session DROP COLUMN revealed_at")
