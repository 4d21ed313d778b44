"""the view the projector presents

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 09:00:00.000000

The facilitator steps the projector through the views of a phase (lenses/presentation.py);
the chosen view is kept with the session, so that every screen, on any worker and after a
restart, shows the same one, and a screen that joins late shows it too. Null: the first
view of the phase.
"""

import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('lens_session', sa.Column('view', sa.String(length=60), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE lens_session DROP COLUMN view")
