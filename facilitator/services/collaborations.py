"""Collaborations: the sessions of one partnership, compared over time."""

from sqlmodel import Session, select

from facilitator.errors import ServiceError
from facilitator.models import Collaboration, LensSession

from . import refusals


def find_or_create(db: Session, facilitator_id: int, name: str) -> Collaboration:
    """The facilitator's collaboration of this name (case-insensitively), made when new."""
    for collaboration in collaborations_of(db, facilitator_id):
        if collaboration.name.casefold() == name.casefold():
            return collaboration
    collaboration = Collaboration(facilitator_id=facilitator_id, name=name)
    db.add(collaboration)
    db.flush()
    return collaboration


def collaborations_of(db: Session, facilitator_id: int) -> list[Collaboration]:
    query = select(Collaboration).where(Collaboration.facilitator_id == facilitator_id)
    return list(db.exec(query.order_by(Collaboration.name)))


def collaboration_for(db: Session, facilitator_id: int, collaboration_id: int) -> Collaboration:
    collaboration = db.get(Collaboration, collaboration_id) \
        if refusals.require_id(collaboration_id) else None
    if collaboration is None or collaboration.facilitator_id != facilitator_id:
        raise ServiceError("collaboration_not_found", "No such collaboration.", 404)
    return collaboration


def sessions_in(db: Session, collaboration: Collaboration) -> list[LensSession]:
    """Oldest first: the order of a trend."""
    query = select(LensSession).where(LensSession.collaboration_id == collaboration.id)
    return list(db.exec(query.order_by(LensSession.created_at, LensSession.id)))


def overview(db: Session, facilitator_id: int) -> list[dict]:
    """The facilitator's collaborations as their list shows them: `id`, `name`, how many
    `sessions`, the `last` one's start (None without any) and how many agreements are
    `open` (follow_up.open_agreements: what a new session would carry forward); the one
    held most recently first, then by name."""
    from .follow_up import open_agreements  # follow_up imports this module

    found = []
    for collaboration in collaborations_of(db, facilitator_id):
        held = sessions_in(db, collaboration)
        found.append({"id": collaboration.id, "name": collaboration.name,
                      "sessions": len(held), "last": held[-1].created_at if held else None,
                      "open": len(open_agreements(db, collaboration.id))})
    found.sort(key=lambda c: c["name"].casefold())
    held = sorted((c for c in found if c["last"]), key=lambda c: c["last"], reverse=True)
    return held + [c for c in found if c["last"] is None]
