"""The schema comes from Alembic migrations, and they match the models."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel, create_engine

from facilitator.database import alembic_config, migrate


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


def _old_session(connection, version: str) -> None:
    """A database at an older `version` with a facilitator and one closed session."""
    command.upgrade(alembic_config(connection), version)
    connection.execute(text(
        "INSERT INTO facilitator (name, password_hash, created_at) "
        "VALUES ('anna', 'x', '2026-01-01 10:00:00')"))
    connection.execute(text(
        "INSERT INTO lens_session (code, title, facilitator_id, lens_set_key, lens_set, "
        "language, ask_names, min_group, state, created_at) VALUES ('ACDEFG', 'Oud', 1, "
        "'kaats-opheij', '{}', 'nl', 0, 3, 'closed', '2026-01-01 10:00:00')"))


def test_a_database_of_the_first_version_opens_in_this_one_with_its_data(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with engine.begin() as connection:
        _old_session(connection, "0001")
    migrate(engine)
    with engine.connect() as connection:
        row = connection.execute(text(
            "SELECT title, state, max_participants FROM lens_session")).one()
    assert tuple(row) == ("Oud", "closed", None)
    engine.dispose()


def test_participants_of_an_older_version_get_withdraw_codes(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with engine.begin() as connection:
        _old_session(connection, "0006")
        connection.execute(text(
            "INSERT INTO organisation (session_id, name, position) VALUES (1, 'A', 0)"))
        for digest in ("a" * 64, "b" * 64):
            connection.execute(text(
                "INSERT INTO participant (session_id, organisation_id, resume_digest, "
                f"joined_at) VALUES (1, 1, '{digest}', '2026-01-01 10:00:00')"))
    migrate(engine)
    with engine.connect() as connection:
        codes = connection.execute(text("SELECT withdraw_code FROM participant")).scalars().all()
        table = connection.execute(text(
            "SELECT sql FROM sqlite_master WHERE name = 'participant'")).scalar()
    assert len(codes) == 2 and len(set(codes)) == 2 and all(len(c) == 8 for c in codes)
    assert "AUTOINCREMENT" in table  # ids of deleted participants are never reused
    engine.dispose()


def test_facilitators_of_an_older_version_get_a_sign_in_generation_in_place(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with engine.begin() as connection:
        _old_session(connection, "0007")
        connection.execute(text(
            "INSERT INTO organisation (session_id, name, position) VALUES (1, 'A', 0)"))
    migrate(engine)  # the sessions table is altered in place: its references hold
    with engine.connect() as connection:
        generation = connection.execute(text(
            "SELECT sign_in_generation FROM facilitator")).scalar()
        link_by = connection.execute(text("SELECT projector_link_by FROM lens_session")).scalar()
        table = connection.execute(text(
            "SELECT sql FROM sqlite_master WHERE name = 'lens_session'")).scalar()
    assert generation == 0 and link_by is None
    assert "AUTOINCREMENT" in table
    engine.dispose()


def test_api_tokens_of_an_older_version_keep_working_in_place(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with engine.begin() as connection:
        _old_session(connection, "0014")
        connection.execute(text(
            "INSERT INTO apitoken (facilitator_id, digest, created_at) "
            "VALUES (1, :digest, '2026-01-01 10:00:00')"), {"digest": "d" * 64})
    migrate(engine)  # columns added in place: the table keeps its AUTOINCREMENT
    with engine.connect() as connection:
        row = connection.execute(text(
            "SELECT label, expires_at, revoked_at, last_used_at FROM apitoken")).one()
        table = connection.execute(text(
            "SELECT sql FROM sqlite_master WHERE name = 'apitoken'")).scalar()
    assert tuple(row) == ("", None, None, None)  # no expiry, not revoked: as before
    assert "AUTOINCREMENT" in table
    engine.dispose()
