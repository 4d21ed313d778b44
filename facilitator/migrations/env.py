"""Alembic environment: runs on the app's own engine connection (see database.migrate)."""

from alembic import context
from sqlmodel import SQLModel

from facilitator import models  # noqa: F401  (registers the tables)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
)
with context.begin_transaction():
    context.run_migrations()
