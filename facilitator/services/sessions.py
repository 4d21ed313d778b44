"""Sessions as the facilitator sees them: open, look up, close, and their picture."""

from collections.abc import Mapping

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from facilitator.errors import ServiceError
from facilitator.live import push, tallies
from facilitator.live.snapshot import describe_rounds
from facilitator.models import Collaboration, LensSession, Organisation, Score, SessionShare, utcnow
from facilitator.queries import followed_up, organisations_of, rounds_of
from lenses import LANGUAGES
from lenses.parties import ANONYMOUS

from . import follow_up, lens_library, parties, phases, refusals, report_store, validation
from .codes import new_code
from .collaborations import find_or_create

MAX_ORGANISATIONS = 40
MAX_PARTICIPANTS = 10_000


def open_session(db: Session, facilitator_id: int, data: Mapping) -> LensSession:
    """Validate the request, then store the session with a fresh join code."""
    data = like(db, facilitator_id, validation.require_mapping(data))
    title = validation.text(data.get("title"), "title", max_length=120)
    key = data.get("lens_set", lens_library.FIRST)
    lens_set = lens_library.find(db, facilitator_id, key)
    if lens_set is None:
        known = ", ".join(s.key for s in lens_library.available(db, facilitator_id))
        raise ServiceError("unknown_lens_set", f"Unknown lens set; known sets: {known}.")
    organisations = validation.names(
        data.get("organisations"), "organisations", max_items=MAX_ORGANISATIONS,
        max_length=validation.NAME_LENGTH,
    )
    language = data.get("language", "nl")
    if language not in LANGUAGES:
        raise ServiceError("invalid_language", f"The language is one of {', '.join(LANGUAGES)}.")
    ask_names = data.get("ask_names", False)
    if not isinstance(ask_names, bool):
        raise ServiceError("invalid_ask_names", "ask_names must be true or false.")
    my_place = _my_place(data.get("my_place", True))
    cap = data.get("max_participants")
    if cap is not None and (type(cap) is not int or not 1 <= cap <= MAX_PARTICIPANTS):
        raise ServiceError("invalid_max_participants",
                           f"max_participants is a whole number from 1 to {MAX_PARTICIPANTS}.")
    collaboration = validation.text(
        data.get("collaboration"), "collaboration", max_length=120, required=False
    )
    rounds = phases.round_kinds(data.get("rounds"))
    attribution = parties.attribution(data.get("attribution", ANONYMOUS))
    session = LensSession(
        title=title, facilitator_id=facilitator_id, lens_set_key=lens_set.key,
        lens_set=lens_set.to_dict(), language=language, ask_names=ask_names, code="",
        max_participants=cap, phase=phases.start_phase(data.get("phase")), my_place=my_place,
        attribution=attribution,
    )
    partnership = find_or_create(db, facilitator_id, collaboration) if collaboration else None
    session.parties = parties.for_new_session(data, organisations, partnership)
    if partnership is not None:
        session.collaboration_id = partnership.id
        if "parties" in data:  # a choice made for this session carries forward
            parties.remember(db, session)
    _store_with_unique_code(db, session)
    follow_up.carry_forward(db, session, data.get("follow_up"))
    for position, name in enumerate(organisations):
        db.add(Organisation(session_id=session.id, name=name, position=position))
    phases.add_rounds(db, session.id, rounds)
    db.commit()
    return session


def like(db: Session, facilitator_id: int, data: Mapping) -> Mapping:
    """The request with `like` (a session id) replaced by that session's settings, as a
    new session of the same collaboration starts: its organisations, parties, attribution,
    lens set, rounds, language, whether names are asked, and the collaboration; what the
    request gives itself wins. A `like` the caller cannot see is not found (404), as elsewhere."""
    if "like" not in data:
        return data
    earlier = session_for(db, facilitator_id, data["like"])
    settings = {
        "organisations": [o.name for o in organisations_of(db, earlier.id)],
        "lens_set": earlier.lens_set_key, "language": earlier.language,
        "ask_names": earlier.ask_names, "rounds": [r.kind for r in rounds_of(db, earlier.id)],
        "collaboration": collaboration_name(db, earlier),
        "attribution": earlier.attribution,
    }
    if earlier.parties and "organisations" not in data:
        settings["parties"] = earlier.parties
    elif earlier.parties and validation.all_text(data["organisations"]):
        # other organisations: the earlier parties as far as they fit them
        settings["parties"] = parties.fitting(earlier.parties, data["organisations"]) or []
    return {**settings, **{key: value for key, value in data.items() if key != "like"}}


def _store_with_unique_code(db: Session, session: LensSession, attempts: int = 10) -> None:
    """A collision among 2.4e8 codes is rare; the unique index settles races."""
    for _ in range(attempts):
        session.code = new_code()
        db.add(session)
        try:
            db.flush()
            return
        except IntegrityError:
            db.rollback()
    raise ServiceError("no_code", "Could not find a free join code; try again.", 503)


def session_for(db: Session, facilitator_id: int, session_id: int, *,
                owner_only: bool = False) -> LensSession:
    """A facilitator sees their own sessions and those shared with them; others are
    simply not found. Deleting and sharing are for the owner alone."""
    session = db.get(LensSession, session_id) if refusals.require_id(session_id) else None
    if session is None or not (is_owner(session, facilitator_id) or (
            not owner_only and facilitator_id in shared_with(db, session.id))):
        raise ServiceError("session_not_found", "No such session.", 404)
    return session


def is_owner(session: LensSession, facilitator_id: int) -> bool:
    """The owner alone deletes and shares a session (co-facilitators run and read it)."""
    return session.facilitator_id == facilitator_id


def shared_with(db: Session, session_id: int) -> set[int]:
    query = select(SessionShare.facilitator_id).where(SessionShare.session_id == session_id)
    return set(db.exec(query))


def last_scored_round(db: Session, session: LensSession) -> int | None:
    """The session's current round if it has scores, else the last earlier one that has."""
    query = (select(Score.round).where(Score.session_id == session.id,
                                       Score.round <= session.round).distinct())
    rounds = set(db.exec(query))
    return session.round if session.round in rounds else max(rounds, default=None)


def close_session(db: Session, facilitator_id: int, session_id: int) -> LensSession:
    """Close voting under the session's lock, after which no score or join is accepted.
    Its read-only projector link ends with it (projector_links.py): the screens on it are
    told `revoked` before the closed picture is sent, which reaches only the signed-in
    facilitators' pages."""
    session = session_for(db, facilitator_id, session_id)
    with tallies.changing(db, session):  # which reads the session again
        if session.state != "closed":
            session.state, session.closed_at = "closed", utcnow()
            session.projector_digest = session.projector_link_by = None
            scored = last_scored_round(db, session)
            if scored is not None and scored != session.round:
                # Closed in a round nobody scored (moved on to "in a year", then ended):
                # the screens show the last round with scores, not an empty picture.
                session.round, session.view = scored, None
            db.add(session)
            db.commit()
    push.link_revoked(session.id)
    push.state(session)
    report_store.prepare(session)  # in the background: the close is answered at once
    return session


def _my_place(value: object) -> bool:
    if not isinstance(value, bool):
        raise ServiceError("invalid_my_place", "my_place must be true or false.")
    return value


def set_my_place(db: Session, session: LensSession, payload: object) -> LensSession:
    """`{"my_place": bool}`: whether phones show their own place after the reveal; the
    phones follow at once (a phone showing it hides it)."""
    my_place = _my_place(validation.require_mapping(payload).get("my_place"))
    with tallies.changing(db, session):
        session.my_place = my_place
        db.add(session)
        db.commit()
    push.state(session)
    return session


def collaboration_name(db: Session, session: LensSession) -> str | None:
    if session.collaboration_id is None:
        return None
    return db.get(Collaboration, session.collaboration_id).name


def describe(db: Session, session: LensSession) -> dict:
    """The session as the API shows it (without URLs, which the web layer adds)."""
    return {
        "id": session.id, "code": session.code, "title": session.title,
        "lens_set": session.lens_set_key, "language": session.language,
        "organisations": [o.name for o in organisations_of(db, session.id)],
        "parties": session.parties or [], "attribution": session.attribution,
        "ask_names": session.ask_names, "max_participants": session.max_participants,
        "state": session.state, **describe_rounds(db, session),
        "collaboration": collaboration_name(db, session),
        "follow_up": [agreement.id for _, agreement in followed_up(db, session.id)],
        "created_at": session.created_at.isoformat(),
        "closed_at": session.closed_at.isoformat() if session.closed_at else None,
    }
