"""where a participant's scores came from

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 12:15:00.000000

A participant without a phone fills in the printed form and the facilitator enters it
(services/paper.py): `source` is "phone" or "paper", so the exports can say which rows
were entered by proxy. Every participant before this migration scored on a phone.
"""

import sqlalchemy as sa
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.String(length=5), nullable=False,
                                      server_default='phone'))


def downgrade() -> None:
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_column('source')
