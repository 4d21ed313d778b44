"""parties and attribution

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 18:00:00.000000

`lens_session.parties`: the session's parties, `[{"name", "organisations": [names]}]`
(lenses/parties.py), null for none; `collaboration.parties`: the parties a collaboration's
next session starts with. `lens_session.attribution`: "anonymous" (as every existing
session was) or "open".
"""

import sqlalchemy as sa
from alembic import op


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode: SQLite's batch mode copies the table and would
    # lose its AUTOINCREMENT (ids are never reused; see 0009).
    op.add_column('lens_session', sa.Column('parties', sa.JSON(), nullable=True))
    op.add_column('lens_session', sa.Column('attribution', sa.String(length=10),
                                            nullable=False, server_default='anonymous'))
    op.add_column('collaboration', sa.Column('parties', sa.JSON(), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE collaboration DROP COLUMN parties")
    op.execute("ALTER TABLE lens_session DROP COLUMN attribution")
    op.execute("ALTER TABLE lens_session DROP COLUMN parties")
