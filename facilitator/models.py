"""All tables. A session keeps a frozen copy of its lens set, so that later edits to
a set never change what an archived session meant."""

from datetime import UTC, date, datetime

from sqlalchemy import JSON, Column, LargeBinary, Text, UniqueConstraint
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
    # Part of every sign-in (cookie and "keep me signed in"): raising it ends them all
    # (signing out, "sign out everywhere else", a new password); accounts.py.
    sign_in_generation: int = 0
    created_at: datetime = Field(default_factory=utcnow)


class ApiToken(SQLModel, table=True):
    """Only the SHA-256 digest of a token is stored; the token is shown once. A revoked
    token keeps its row, so that it is answered `token_revoked` (services/accounts.py)."""

    __table_args__ = (NEVER_REUSE_IDS,)

    id: int | None = Field(default=None, primary_key=True)
    facilitator_id: int = Field(foreign_key="facilitator.id", index=True)
    digest: str = Field(unique=True, index=True, max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    label: str = Field(default="", max_length=80)
    expires_at: datetime | None = None  # None: until revoked
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None  # to the minute (accounts.USE_PRECISION)


class ExternalIdentity(SQLModel, table=True):
    """A facilitator's account at an organisation's identity provider (OpenID Connect),
    known by its issuer and subject: the same subject at another issuer is another
    person (services/identities.py)."""

    __tablename__ = "external_identity"
    __table_args__ = (UniqueConstraint("issuer", "subject"), NEVER_REUSE_IDS)

    id: int | None = Field(default=None, primary_key=True)
    facilitator_id: int = Field(foreign_key="facilitator.id", index=True)
    issuer: str = Field(max_length=255)
    subject: str = Field(max_length=255)
    created_at: datetime = Field(default_factory=utcnow)


class Collaboration(SQLModel, table=True):
    """A named partnership whose sessions are compared over time."""

    __table_args__ = (UniqueConstraint("facilitator_id", "name"), NEVER_REUSE_IDS)

    id: int | None = Field(default=None, primary_key=True)
    facilitator_id: int = Field(foreign_key="facilitator.id", index=True)
    name: str = Field(max_length=120)
    # The parties its next session starts with ([{"name", "organisations"}]; the last
    # session's that gave any).
    parties: list | None = Field(default=None, sa_column=Column(JSON, nullable=True))
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
    # Who made the current link: removing that co-facilitator revokes it.
    projector_link_by: int | None = Field(default=None, foreign_key="facilitator.id")
    min_group: int = 3
    # Organisations grouped for the picture ([{"name", "organisations": [names]}],
    # lenses/parties.py) and whether they are shown by name whatever their size ("open")
    # or only from min_group people ("anonymous").
    parties: list | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    attribution: str = Field(default="anonymous", max_length=10)
    state: str = Field(default="open", max_length=10)  # open → closed (for the archive)
    # Within an open session, the facilitator leads the room through phases (phases.py):
    # lobby → scoring → reveal → discussion, over one or more rounds; `focus` is the one
    # lens the phones score now, or None for all lenses.
    phase: str = Field(default="lobby", max_length=12)
    round: int = 1
    focus: str | None = Field(default=None, max_length=40)
    # The view the projector shows (lenses/presentation.py); None: the phase's first.
    view: str | None = Field(default=None, max_length=60)
    # When the scoring phase's timer ends (UTC), None without a timer (services/phases.py).
    timer_ends_at: datetime | None = None
    # When the room first saw results: from then on the parties and the attribution stay
    # as the room saw them (services/parties.py), also if the room goes back to scoring.
    revealed_at: datetime | None = None
    # Phones show their own place in the picture after the reveal (lenses/place.py).
    my_place: bool = True
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
    """Anonymous unless the session asks for names; the resume token is stored as a digest.

    The withdraw code is shown on the participant's phone, so that they can later ask the
    facilitator to delete their scores; it is not a secret and not in the exports.
    """

    __table_args__ = (UniqueConstraint("session_id", "withdraw_code"), NEVER_REUSE_IDS)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="lens_session.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id")
    name: str | None = Field(default=None, max_length=80)
    resume_digest: str = Field(unique=True, index=True, max_length=64)
    withdraw_code: str = Field(max_length=8)
    # "phone", or "paper": a printed form the facilitator entered for the participant
    # (services/paper.py); such a participant has no phone and no resume token.
    source: str = Field(default="phone", max_length=5)
    joined_at: datetime = Field(default_factory=utcnow)


class Round(SQLModel, table=True):
    """One pass over the session's lenses: how it is now, where we want to be, or the same
    question again after the conversation (lenses.rounds.KINDS)."""

    __table_args__ = (UniqueConstraint("session_id", "number"), NEVER_REUSE_IDS)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="lens_session.id", index=True)
    number: int
    kind: str = Field(max_length=10)


class Score(SQLModel, table=True):
    """A participant's current score on one statement in one round; a new one replaces it."""

    __table_args__ = (
        UniqueConstraint("participant_id", "round", "statement",
                         name="uq_score_participant_round_statement"),
        NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="lens_session.id", index=True)
    participant_id: int = Field(foreign_key="participant.id")
    round: int = 1
    statement: str = Field(max_length=40)
    value: int
    updated_at: datetime = Field(default_factory=utcnow)


class Comment(SQLModel, table=True):
    """A participant's short remark on a lens. The facilitator sees it at once; the room
    only after the facilitator approved it. Never shown with who wrote it."""

    __table_args__ = (NEVER_REUSE_IDS,)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="lens_session.id", index=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    round: int
    lens: str = Field(max_length=40)
    text: str = Field(max_length=280)
    status: str = Field(default="pending", max_length=10)  # pending, approved, rejected
    created_at: datetime = Field(default_factory=utcnow)


class Agreement(SQLModel, table=True):
    """What the room agreed on for a lens, and who does what by when ("afspraken")."""

    __table_args__ = (NEVER_REUSE_IDS,)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="lens_session.id", index=True)
    lens: str = Field(max_length=40)
    text: str = Field(max_length=500)
    who: str | None = Field(default=None, max_length=80)
    due: date | None = None
    created_at: datetime = Field(default_factory=utcnow)


class OwnLensSet(SQLModel, table=True):
    """A facilitator's own lens set: the TOML source as written, validated when saved.
    Sessions copy the parsed set when they open, so editing it changes no session."""

    __tablename__ = "own_lens_set"
    __table_args__ = (UniqueConstraint("facilitator_id", "key"), NEVER_REUSE_IDS)

    id: int | None = Field(default=None, primary_key=True)
    facilitator_id: int = Field(foreign_key="facilitator.id", index=True)
    key: str = Field(max_length=40)
    source: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)


class StoredReport(SQLModel, table=True):
    """A session report (PDF) as built, kept so that a download need not build it again.

    `digest` is the SHA-256 of everything the report is made of (services/report_store.py):
    a stored report is served only while its digest is that of the session's report data
    now, so a change that reaches the report (an agreement, a withdrawal, retention, a
    moderated comment) can never serve a stale one; it is built again instead."""

    __tablename__ = "stored_report"
    __table_args__ = (UniqueConstraint("session_id", "audience", "language"), NEVER_REUSE_IDS)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="lens_session.id", index=True)
    audience: str = Field(max_length=10)  # full or summary (pdf.AUDIENCES)
    language: str = Field(max_length=2)
    digest: str = Field(max_length=64)
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    built_at: datetime = Field(default_factory=utcnow)


class FollowUp(SQLModel, table=True):
    """An agreement of an earlier session of the collaboration that this session looks
    at again ("hoe staat het met onze afspraken?"), in the order the phones show them.
    `frozen` holds its figures once the session's raw answers went (retention)."""

    __tablename__ = "follow_up"
    __table_args__ = (UniqueConstraint("session_id", "agreement_id"), NEVER_REUSE_IDS)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="lens_session.id", index=True)
    agreement_id: int = Field(foreign_key="agreement.id", index=True)
    position: int
    frozen: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class FollowUpAnswer(SQLModel, table=True):
    """A participant's view of how far one followed-up agreement is (lenses/follow_up.py:
    VALUES); a new answer replaces it."""

    __tablename__ = "follow_up_answer"
    __table_args__ = (UniqueConstraint("participant_id", "agreement_id"), NEVER_REUSE_IDS)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="lens_session.id", index=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    agreement_id: int = Field(foreign_key="agreement.id", index=True)
    value: str = Field(max_length=12)
    updated_at: datetime = Field(default_factory=utcnow)


class ReaderLink(SQLModel, table=True):
    """A link for the partners of a collaboration (`/r/<token>`): its record, read only
    (services/readers.py). Only the token's SHA-256 digest is kept. A revoked link keeps
    its row (`revoked_at`) so that the access log still says which link read what."""

    __tablename__ = "reader_link"
    __table_args__ = (NEVER_REUSE_IDS,)

    id: int | None = Field(default=None, primary_key=True)
    collaboration_id: int = Field(foreign_key="collaboration.id", index=True)
    digest: str = Field(unique=True, index=True, max_length=64)
    full_reports: bool = False  # the full report too, not only the summary
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime  # the end of the expiry day (UTC)
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None


class ReaderAccess(SQLModel, table=True):
    """One read through a reader link, for the facilitator: which link, when, what
    (`record`, `summary` or `full`, with the session for a report). Nothing about the
    reader: no address, no browser. `session_id` is no foreign key: a deleted session's
    reads stay in the log (ids are never reused)."""

    __tablename__ = "reader_access"
    __table_args__ = (NEVER_REUSE_IDS,)

    id: int | None = Field(default=None, primary_key=True)
    reader_link_id: int = Field(foreign_key="reader_link.id", index=True)
    collaboration_id: int = Field(foreign_key="collaboration.id", index=True)
    what: str = Field(max_length=10)
    session_id: int | None = None
    at: datetime = Field(default_factory=utcnow)
