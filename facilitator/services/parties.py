"""A session's parties and attribution (lenses/parties.py): given when it opens, changed
from the lobby (`PATCH /api/sessions/{id}`), and the default of its collaboration's next
session.

Parties and attribution may change until the room first sees results (`revealed_at`, the
first reveal): from then on the units of the picture the room saw must stay what they
were, also if the room goes back to scoring. Attribution may turn open only while nobody
has joined: whoever joins must be told before their first score that their organisation
will be shown by name (the phone's join screen says so).
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
    """"anonymous" or "open" (lenses/parties.py), else invalid_attribution."""
    if value not in ATTRIBUTIONS:
        raise ServiceError("invalid_attribution",
                           f"attribution is one of {', '.join(ATTRIBUTIONS)}.")
    return value


def for_new_session(data: Mapping, organisations: Sequence[str],
                    collaboration: Collaboration | None) -> list[dict] | None:
    """The parties a new session opens with: those the request gives (checked: a wrong one
    is refused), else its collaboration's — kept only as far as they fit this session's
    organisations, since the user did not type them for it."""
    if "parties" in data:
        return given(data["parties"], organisations)
    if collaboration is None or not collaboration.parties:
        return None
    return fitting(collaboration.parties, organisations)


def fitting(stored: list[dict], organisations: Sequence[str]) -> list[dict] | None:
    """Stored parties (a collaboration's, an earlier session's) as far as they fit
    `organisations`: members that are not among them dropped, and a party that then has
    none, or is named like one of them, left out."""
    known, names = set(organisations), {name.casefold() for name in organisations}
    kept = [{"name": p["name"], "organisations": [m for m in p["organisations"] if m in known]}
            for p in stored if p["name"].casefold() not in names]
    try:
        return given([p for p in kept if p["organisations"]], organisations)
    except ServiceError:  # stored under older rules: start without parties
        return None


def remember(db: Session, session: LensSession) -> None:
    """The session's parties (or none) become its collaboration's default for the next
    session: the last choice made is the one that carries forward."""
    if session.collaboration_id is not None:
        collaboration = db.get(Collaboration, session.collaboration_id)
        collaboration.parties = session.parties
        db.add(collaboration)


def change(db: Session, session: LensSession, payload: object) -> LensSession:
    """`{"parties"?, "attribution"?}` from the lobby: stored, the tallies rebuilt with the
    new units, and every screen told (the control page's forecast follows). Both are read
    and checked under the session's lock, against the session as it is then."""
    payload = validation.require_mapping(payload)
    unknown = set(payload) - {"parties", "attribution"}
    if unknown:
        raise ServiceError("invalid_payload", "Only parties and attribution can be changed: "
                           f"not {', '.join(sorted(unknown))}.")
    names = [o.name for o in organisations_of(db, session.id)]
    new_parties = given(payload["parties"], names) if "parties" in payload else None
    new_attribution = attribution(payload["attribution"]) if "attribution" in payload else None
    with tallies.changing(db, session) as live:
        refusals.require_open(session)
        if "parties" in payload and new_parties != session.parties:
            _require_unseen(session, "parties_locked", "The parties can be changed only "
                            "until the room first sees the results.")
            session.parties = new_parties
            remember(db, session)
        if new_attribution is not None and new_attribution != session.attribution:
            _require_unseen(session, "attribution_locked", "The attribution can be changed "
                            "only until the room first sees the results.")
            if new_attribution == OPEN and _anyone_joined(db, session):
                raise ServiceError("attribution_locked", "Open attribution can be chosen only "
                                   "before anyone joins: participants must know it first.", 409)
            session.attribution = new_attribution
        db.add(session)
        db.commit()
        live.reload()
    push.state(session)
    return session


def revealed(session: LensSession) -> bool:
    """Whether the room has seen results: the units it saw must not change afterwards
    (going back to scoring and revealing again with other parties would let the room
    subtract the two pictures). A session from before `revealed_at` counts as revealed
    once it is beyond its first round."""
    return (session.revealed_at is not None or session.round > 1
            or results_visible(session.state, session.phase))


def _require_unseen(session: LensSession, code: str, message: str) -> None:
    if revealed(session):
        raise ServiceError(code, message, 409)


def _anyone_joined(db: Session, session: LensSession) -> bool:
    return db.exec(select(func.count()).select_from(Participant)
                   .where(Participant.session_id == session.id)).one() > 0


def _invalid(message: str) -> ServiceError:
    return ServiceError("invalid_parties", message)
