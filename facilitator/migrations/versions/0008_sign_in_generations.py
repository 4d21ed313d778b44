"""sign-in generations and who made the projector link

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 09:30:00.000000

Every facilitator gets a sign-in generation (0); a sign-in cookie names it, and raising it
ends every sign-in of that facilitator (signing out, a new password). Cookies of older
versions name no generation: they end here, and their facilitators sign in once more. A
session remembers who made its projector link, so that removing that co-facilitator
revokes it; links made before are kept (nobody is recorded as their maker).
"""

import sqlalchemy as sa
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('facilitator', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sign_in_generation', sa.Integer(), nullable=False,
                                      server_default='0'))
    # A nullable column that references another table is added in place, also on SQLite
    # (a batch would copy lens_session, which the other tables reference).
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE lens_session ADD COLUMN projector_link_by INTEGER "
                   "REFERENCES facilitator (id)")
    else:
        op.add_column('lens_session', sa.Column('projector_link_by', sa.Integer(),
                                                nullable=True))
        op.create_foreign_key(None, 'lens_session', 'facilitator', ['projector_link_by'],
                              ['id'])


def downgrade() -> None:
    # In place on both (SQLite 3.35+ drops a column; a copy of lens_session would break the
    # other tables' references to it); PostgreSQL drops the foreign key with its column.
    op.execute("ALTER TABLE lens_session DROP COLUMN projector_link_by")
    op.execute("ALTER TABLE facilitator DROP COLUMN sign_in_generation")
