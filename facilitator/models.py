"""All tables. A session keeps a frozen copy of its lens set, so that later edits to
a set never change what an archived session meant."""

from datetime import UTC, datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


# SQLite would otherwise reuse the id of a deleted row, and an old phone or projector
# holding that id could reach a stranger's new session.
NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


class Facilitator(SQLModel, table=True):
    __table_args__ = (NEVER_REUSE_IDS,)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True, max_length=80)
    password_hash: str
    created_at: datetime = Field(default_factory=utcnow)


class ApiToken(SQLModel, table=True):
    """Only the SHA-256 digest of a token is stored; the token is shown once."""

    __table_args__ = (NEVER_REUSE_IDS,)

    id: int | None = Field(default=None, primary_key=True)
    facilitator_id: int = Field(foreign_key="facilitator.id", index=True)
    digest: str = Field(unique=True, index=True, max_length=64)
    created_at: datetime = Field(default_factory=utcnow)


class Collaboration(SQLModel, table=True):
    """A named partnership whose sessions are compared over time."""

    __table_args__ = (UniqueConstraint("facilitator_id", "name"), NEVER_REUSE_IDS)

    id: int | None = Field(default=None, primary_key=True)
    facilitator_id: int = Field(foreign_key="facilitator.id", index=True)
    name: str = Field(max_length=120)
    created_at: datetime = Field(default_factory=utcnow)


class LensSession(SQLModel, table=True):
    __tablename__ = "lens_session"
    __table_args__ = (NEVER_REUSE_IDS,)

    id: int | None = Field(default=None, primary_key=True)
    collaboration_id: int | None = Field(default=None, foreign_key="collaboration.id", index=True)
    code: str = Field(unique=True, index=True, max_length=6)
    title: str = Field(max_length=120)
    facilitator_id: int = Field(foreign_key="facilitator.id", index=True)
    lens_set_key: str = Field(max_length=40)
    lens_set: dict = Field(sa_column=Column(JSON, nullable=False))
    language: str = Field(max_length=2)
    ask_names: bool = False
    max_participants: int | None = None  # a cap against bots on a public code
    # A read-only projector link (/p/<token>) for a screen where the facilitator does not
    # sign in; only the digest is kept, and a new link revokes the old one.
    projector_digest: str | None = Field(default=None, unique=True, index=True, max_length=64)
    min_group: int = 3
    state: str = Field(default="open", max_length=10)
    created_at: datetime = Field(default_factory=utcnow)
    closed_at: datetime | None = None
    # After the retention period the raw scores go; the picture stays, frozen here.
    pruned_at: datetime | None = None
    picture_snapshot: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class SessionShare(SQLModel, table=True):
    """Another facilitator who may run and read a session (a co-facilitator)."""

    __tablename__ = "session_share"
    __table_args__ = (UniqueConstraint("session_id", "facilitator_id"), NEVER_REUSE_IDS)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="lens_session.id", index=True)
    facilitator_id: int = Field(foreign_key="facilitator.id", index=True)


class Organisation(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("session_id", "name"), NEVER_REUSE_IDS)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="lens_session.id", index=True)
    name: str = Field(max_length=80)
    position: int


class Participant(SQLModel, table=True):
    """Anonymous unless the session asks for names; the resume token is stored as a digest."""

    __table_args__ = (NEVER_REUSE_IDS,)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="lens_session.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id")
    name: str | None = Field(default=None, max_length=80)
    resume_digest: str = Field(unique=True, index=True, max_length=64)
    joined_at: datetime = Field(default_factory=utcnow)


class Score(SQLModel, table=True):
    """A participant's current score on one statement; a new score replaces it."""

    __table_args__ = (UniqueConstraint("participant_id", "statement"), NEVER_REUSE_IDS)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="lens_session.id", index=True)
    participant_id: int = Field(foreign_key="participant.id")
    statement: str = Field(max_length=40)
    value: int
    updated_at: datetime = Field(default_factory=utcnow)
