"""external identities: sign-in with the organisation's own account (OpenID Connect)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-08 01:00:00.000000

`external_identity`: a facilitator's account at an identity provider, by issuer and
subject (unique together); a facilitator may have several, one identity belongs to one
facilitator. Nothing else changes: accounts without one sign in as before.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('external_identity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=False),
    sa.Column('issuer', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['facilitator_id'], ['facilitator.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('issuer', 'subject'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('external_identity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_external_identity_facilitator_id'),
                              ['facilitator_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('external_identity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_external_identity_facilitator_id'))
    op.drop_table('external_identity')
