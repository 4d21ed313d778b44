"""scoring timer and "my place"

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 12:20:00.000000

`timer_ends_at`: when the scoring phase's timer ends (UTC), so that phones that reconnect
and screens that open late count down to the same moment; null without a timer.
`my_place`: whether phones show their own place in the picture after the reveal (on by
default, also for existing sessions).
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('lens_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('timer_ends_at', sqlmodel.sql.sqltypes.UTCDateTime(),
                                      nullable=True))
        batch_op.add_column(sa.Column('my_place', sa.Boolean(), nullable=False,
                                      server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table('lens_session', schema=None) as batch_op:
        batch_op.drop_column('my_place')
        batch_op.drop_column('timer_ends_at')
