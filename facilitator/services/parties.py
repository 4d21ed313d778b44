"""A session's parties and attribution (lenses/parties.py): given when it opens, changed
from the lobby (`PATCH /api/sessions/{id}`), and the default of its collaboration's next
session.

Parties may change until the room first sees results (the reveal of round 1): from then
on the units of the picture the room saw must stay what they were. Attribution may turn
open only while nobody has joined: whoever joins must be told before their first score
that their organisation will be shown by name (the phone's join screen says so).
"""

from collections.abc import Mapping, Sequence

from sqlalchemy import func
from sqlmodel import Session, select

from facilitator.errors import ServiceError
from facilitator.live import push, tallies
from facilitator.models import Collaboration, LensSession, Participant
from facilitator.queries import organisations_of
from lenses.flow import results_visible
from lenses.parties import ATTRIBUTIONS, OPEN, parties

from . import refusals, validation

MAX_PARTIES = 20


def given(value: object, organisations: Sequence[str]) -> list[dict] | None:
    """`[{"name", "organisations": [names]}]` checked against the session's organisations
    (each in at most one party; names distinct, and not an organisation's), as stored;
    None for none (null or an empty list)."""
    if value is None or value == []:
        return None
    if not isinstance(value, list) or len(value) > MAX_PARTIES:
        raise _invalid(f"parties is a list of at most {MAX_PARTIES} "
                       "{\"name\", \"organisations\"} objects.")
    found = []
    for item in value:
        if not isinstance(item, Mapping) or not isinstance(item.get("organisations"), list):
            raise _invalid("Each party is {\"name\": …, \"organisations\": [names]}.")
        try:
            name = validation.text(item.get("name"), "party", max_length=validation.NAME_LENGTH)
        except ServiceError as error:
            raise _invalid(error.message) from None
        members = item["organisations"]
        if not all(validation.is_text(m) for m in members):
            raise _invalid(f"The organisations of party {name!r} must be names.")
        found.append((name, members))
    try:
        checked = parties(found, organisations)
    except ValueError as error:
        raise _invalid(f"Invalid parties: {error}.") from None
    return [party.to_dict() for party in checked] or None


def attribution(value: object) -> str:
    if value not in ATTRIBUTIONS:
        raise ServiceError("invalid_attribution",
                           f"attribution is one of {', '.join(ATTRIBUTIONS)}.")
    return value


def for_new_session(data: Mapping, organisations: Sequence[str],
                    collaboration: Collaboration | None) -> list[dict] | None:
    """The parties a new session opens with: those given, else its collaboration's (of
    the organisations this session has)."""
    if "parties" in data:
        return given(data["parties"], organisations)
    if collaboration is None or not collaboration.parties:
        return None
    known = set(organisations)
    kept = [{"name": p["name"], "organisations": [m for m in p["organisations"] if m in known]}
            for p in collaboration.parties]
    return given([p for p in kept if p["organisations"]], organisations)


def remember(db: Session, session: LensSession) -> None:
    """The session's parties become its collaboration's default for the next session."""
    if session.collaboration_id is not None and session.parties:
        collaboration = db.get(Collaboration, session.collaboration_id)
        collaboration.parties = session.parties
        db.add(collaboration)


def change(db: Session, session: LensSession, payload: object) -> LensSession:
    """`{"parties"?, "attribution"?}` from the lobby: stored, the tallies rebuilt with the
    new units, and every screen told (the control page's forecast follows)."""
    payload = validation.require_mapping(payload)
    unknown = set(payload) - {"parties", "attribution"}
    if unknown:
        raise ServiceError("invalid_payload", "Only parties and attribution can be changed: "
                           f"not {', '.join(sorted(unknown))}.")
    names = [o.name for o in organisations_of(db, session.id)]
    new_parties = given(payload["parties"], names) if "parties" in payload else session.parties
    new_attribution = attribution(payload.get("attribution", session.attribution))
    with tallies.changing(db, session) as live:
        refusals.require_open(session)
        if "parties" in payload and new_parties != session.parties and _revealed(session):
            raise ServiceError("parties_locked", "The parties can be changed only until the "
                               "room first sees the results.", 409)
        if new_attribution == OPEN != session.attribution and _anyone_joined(db, session):
            raise ServiceError("attribution_locked", "Open attribution can be chosen only "
                               "before anyone joins: participants must know it first.", 409)
        session.parties, session.attribution = new_parties, new_attribution
        db.add(session)
        remember(db, session)
        db.commit()
        live.reload()
    push.state(session)
    return session


def _revealed(session: LensSession) -> bool:
    return session.round > 1 or results_visible(session.state, session.phase)


def _anyone_joined(db: Session, session: LensSession) -> bool:
    return db.exec(select(func.count()).select_from(Participant)
                   .where(Participant.session_id == session.id)).one() > 0


def _invalid(message: str) -> ServiceError:
    return ServiceError("invalid_parties", message)
