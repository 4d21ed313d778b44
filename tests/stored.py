"""Everything the database holds, to show that a refused input changed nothing."""

from sqlalchemy import select
from sqlmodel import SQLModel


def stored(app) -> dict[str, list[tuple]]:
    """Every row of every table (sorted), read on a connection of its own."""
    with app.extensions["facilitator.engine"].connect() as connection:
        return {name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
                for name, table in sorted(SQLModel.metadata.tables.items())}
