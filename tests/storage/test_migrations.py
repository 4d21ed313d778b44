"""The schema comes from Alembic migrations, and they match the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel, create_engine

from facilitator.database import migrate


def test_the_migrations_build_exactly_the_schema_of_the_models(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    migrate(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == [], "add a migration: see docs/decisions.md"
    engine.dispose()


def test_migrating_twice_changes_nothing(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    migrate(engine)
    migrate(engine)
    engine.dispose()
