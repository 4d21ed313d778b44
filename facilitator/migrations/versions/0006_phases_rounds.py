"""phases, rounds, comments, agreements and own lens sets

Sessions that were open before keep taking scores (phase "scoring", round 1).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 12:52:26.292796
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('own_lens_set',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['facilitator_id'], ['facilitator.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('facilitator_id', 'key'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('own_lens_set', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_own_lens_set_facilitator_id'), ['facilitator_id'], unique=False)

    op.create_table('agreement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('lens', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('who', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['lens_session.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_session_id'), ['session_id'], unique=False)

    op.create_table('round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['lens_session.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_id', 'number'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_round_session_id'), ['session_id'], unique=False)

    op.create_table('comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('lens', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=280), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], ),
    sa.ForeignKeyConstraint(['session_id'], ['lens_session.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comment_session_id'), ['session_id'], unique=False)

    with op.batch_alter_table('lens_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phase', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False, server_default='scoring'))
        batch_op.add_column(sa.Column('round', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('focus', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True))

    op.execute("INSERT INTO round (session_id, number, kind) SELECT id, 1, 'now' FROM lens_session")

    # The old unique constraint (participant, statement) has no name of its own: on SQLite
    # the naming convention names it when the table is reflected; PostgreSQL named it.
    sqlite = op.get_bind().dialect.name == "sqlite"
    old = "uq_score_participant_id" if sqlite else "score_participant_id_statement_key"
    with op.batch_alter_table('score', schema=None,
                              naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s"},
                              table_kwargs={"sqlite_autoincrement": True}
                              ) as batch_op:
        batch_op.add_column(sa.Column('round', sa.Integer(), nullable=False, server_default='1'))
        batch_op.drop_constraint(old, type_='unique')
        batch_op.create_unique_constraint('uq_score_participant_round_statement',
                                          ['participant_id', 'round', 'statement'])


def downgrade() -> None:
    op.execute("DELETE FROM score WHERE round <> 1")
    with op.batch_alter_table('score', schema=None,
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_constraint('uq_score_participant_round_statement', type_='unique')
        batch_op.drop_column('round')
        batch_op.create_unique_constraint(None, ['participant_id', 'statement'])

    with op.batch_alter_table('lens_session', schema=None) as batch_op:
        batch_op.drop_column('focus')
        batch_op.drop_column('round')
        batch_op.drop_column('phase')

    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_session_id'))
        batch_op.drop_index(batch_op.f('ix_comment_participant_id'))

    op.drop_table('comment')
    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_round_session_id'))

    op.drop_table('round')
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_session_id'))

    op.drop_table('agreement')
    with op.batch_alter_table('own_lens_set', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_own_lens_set_facilitator_id'))

    op.drop_table('own_lens_set')
