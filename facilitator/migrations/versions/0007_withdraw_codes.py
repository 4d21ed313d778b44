"""withdraw codes

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 10:12:00.000000

Every participant gets a withdraw code, unique within their session; participants of
older versions get one here, so that the facilitator can delete their data too.
"""

import secrets

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# Frozen here: facilitator.codes may change, this migration must not.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"


def _backfill() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, session_id FROM participant")).all()
    taken: set[tuple[int, str]] = set()
    for participant_id, session_id in rows:
        code = None
        while code is None or (session_id, code) in taken:
            code = "".join(secrets.choice(ALPHABET) for _ in range(8))
        taken.add((session_id, code))
        connection.execute(sa.text("UPDATE participant SET withdraw_code = :code WHERE id = :id"),
                           {"code": code, "id": participant_id})


def upgrade() -> None:
    # The table is rebuilt on SQLite; it keeps AUTOINCREMENT (ids are never reused).
    with op.batch_alter_table('participant', schema=None,
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.add_column(sa.Column('withdraw_code', sa.String(length=8), nullable=True))
    _backfill()
    with op.batch_alter_table('participant', schema=None,
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.alter_column('withdraw_code', existing_type=sa.String(length=8),
                              nullable=False)
        batch_op.create_unique_constraint(
            batch_op.f('uq_participant_session_id_withdraw_code'),
            ['session_id', 'withdraw_code'])


def downgrade() -> None:
    with op.batch_alter_table('participant', schema=None,
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_participant_session_id_withdraw_code'),
                                 type_='unique')
        batch_op.drop_column('withdraw_code')
