"""agreements followed up

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 12:15:00.000000

A new session of a collaboration looks again at the agreements of its earlier sessions
(lenses/follow_up.py): `follow_up` holds which agreements a session follows up, in order
(with their figures frozen once the raw answers went, retention), `follow_up_answer` each
participant's view of how far one is. New tables only: nothing to fill in.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('follow_up',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('frozen', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], ),
    sa.ForeignKeyConstraint(['session_id'], ['lens_session.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_id', 'agreement_id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_session_id'), ['session_id'], unique=False)

    op.create_table('follow_up_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], ),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], ),
    sa.ForeignKeyConstraint(['session_id'], ['lens_session.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('participant_id', 'agreement_id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('follow_up_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_answer_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_answer_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_answer_session_id'), ['session_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('follow_up_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_answer_session_id'))
        batch_op.drop_index(batch_op.f('ix_follow_up_answer_participant_id'))
        batch_op.drop_index(batch_op.f('ix_follow_up_answer_agreement_id'))

    op.drop_table('follow_up_answer')
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_session_id'))
        batch_op.drop_index(batch_op.f('ix_follow_up_agreement_id'))

    op.drop_table('follow_up')
