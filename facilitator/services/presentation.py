"""The facilitator steps the projector through its views (lenses/presentation.py), from
the projector's keyboard or a clicker, or from the control page (a phone as the remote).

The chosen view is kept with the session, so every screen of the session — the
facilitator's projector page, read-only projector links, on any worker — shows the same
one, and a screen that joins late or reconnects shows it too (the picture carries it).
"""

from sqlmodel import Session

from facilitator.errors import ServiceError
from facilitator.live import push, tallies
from facilitator.live.picture import session_picture
from facilitator.models import LensSession
from facilitator.queries import rounds_of
from lenses.flow import results_visible
from lenses.presentation import stepped

from . import validation


def present(db: Session, session: LensSession, payload: object) -> str:
    """`{"view": id}` or `{"step": 1 | -1}`: the view every screen shows from now on."""
    payload = validation.require_mapping(payload)
    picture = session_picture(db, session)
    found = picture["views"]
    if "view" in payload:
        view = payload["view"]
        if not isinstance(view, str) or view not in found:
            raise ServiceError("unknown_view", "The view is one of: " + ", ".join(found) + ".")
    elif payload.get("step") in (1, -1) and type(payload.get("step")) is int:
        view = stepped(found, picture["view"], payload["step"])
    else:
        raise ServiceError("invalid_payload", 'Send {"view": <id>} or {"step": 1 or -1}.')
    with tallies.changing(db, session):
        session.view = view
        db.add(session)
        db.commit()
    push.view(session, {"view": view, "views": found})
    return view


def show_round(db: Session, session: LensSession, payload: object) -> LensSession:
    """`{"round": n}`: the screens show another round's results — also of a closed session,
    whose phase can no longer change — from its first view."""
    payload = validation.require_mapping(payload)
    with tallies.changing(db, session):
        if not results_visible(session.state, session.phase):
            raise ServiceError("results_hidden", "The room sees no results now: reveal first.",
                               409)
        number = payload.get("round")
        if type(number) is not int or number not in {r.number for r in rounds_of(db, session.id)}:
            raise ServiceError("invalid_round", "The round is one of the session's rounds.")
        session.round, session.view = number, None
        db.add(session)
        db.commit()
    push.state(session)
    return session
