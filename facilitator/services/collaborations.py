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
