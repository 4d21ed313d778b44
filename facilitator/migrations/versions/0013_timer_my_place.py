"""scoring timer and "my place"

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 12:20:00.000000

`timer_ends_at`: when the scoring phase's timer ends (UTC), so that phones that reconnect
and screens that open late count down to the same moment; null without a timer.
`my_place`: whether phones show their own place in the picture after the reveal (on by
default, also for existing sessions).
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode: SQLite's batch mode copies the table and would
    # lose its AUTOINCREMENT (ids are never reused; see 0009).
    op.add_column('lens_session', sa.Column('timer_ends_at', sqlmodel.sql.sqltypes.UTCDateTime(),
                                            nullable=True))
    op.add_column('lens_session', sa.Column('my_place', sa.Boolean(), nullable=False,
                                            server_default=sa.true()))


def downgrade() -> None:
    op.execute("ALTER TABLE lens_session DROP COLUMN my_place")
    op.execute("ALTER TABLE lens_session DROP COLUMN timer_ends_at")
