"""Everything the database holds, to show that a refused input changed nothing."""

from sqlalchemy import select
from sqlmodel import SQLModel

# Bookkeeping of access, not data a request stores: a token's use is noted (at most once
# a minute) whatever the request's answer.
NOT_STORED_DATA = {("apitoken", "last_used_at")}


def stored(app) -> dict[str, list[tuple]]:
    """Every row of every table (sorted), read on a connection of its own."""
    with app.extensions["facilitator.engine"].connect() as connection:
        return {name: sorted((tuple(row) for row in connection.execute(select(*(
                    column for column in table.columns
                    if (name, column.name) not in NOT_STORED_DATA)))), key=repr)
                for name, table in sorted(SQLModel.metadata.tables.items())}
