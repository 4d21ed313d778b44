"""API tokens with a label, an expiry, a revocation and their last use

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-09 10:00:00.000000

`label`: what the facilitator called the token ("" for tokens made before). `expires_at`:
when it stops working (UTC), null for never (as every existing token). `revoked_at`: when
it was revoked (one by one, "sign out everywhere else" or a new password); the row stays,
so the token is told `token_revoked`. `last_used_at`: its last use, to the minute.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode: SQLite's batch mode copies the table and would
    # lose its AUTOINCREMENT (ids are never reused; see 0009).
    op.add_column('apitoken', sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=80),
                                        nullable=False, server_default=''))
    for column in ('expires_at', 'revoked_at', 'last_used_at'):
        op.add_column('apitoken', sa.Column(column, sqlmodel.sql.sqltypes.UTCDateTime(),
                                            nullable=True))


def downgrade() -> None:
    for column in ('last_used_at', 'revoked_at', 'expires_at', 'label'):
        op.execute(f"ALTER TABLE apitoken DROP COLUMN {column}")
