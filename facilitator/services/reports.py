"""The session report's data from what is stored: the glue between storage and pdf/.

The PDF itself is built off the loop and kept (report_store.py)."""

from sqlmodel import Session

from facilitator import workers
from facilitator.live import tallies
from facilitator.models import Collaboration, Facilitator, LensSession
from facilitator.pdf import ReportData
from facilitator.queries import agreements_by_lens, lens_set_of, organisations_of, parties_of

from .rounds import round_figures, round_picture
from .trends import measured_state, previous_session


def report_data(db: Session, session: LensSession) -> ReportData:
    """Every download gathers this (report_store.py compares its digest with the stored
    report's), so each round's tally is built once (tallies.loaded_once)."""
    with tallies.loaded_once():
        return _report_data(db, session)


def _report_data(db: Session, session: LensSession) -> ReportData:
    """Gathered on the loop with the database, stage by stage, giving the loop to the other
    connections between them (and within them: tallies._load); the opinion groups are
    computed off the loop and kept (live/groups.py)."""
    collaboration = (db.get(Collaboration, session.collaboration_id)
                     if session.collaboration_id else None)
    names = [o.name for o in organisations_of(db, session.id)]
    # The measured round ("now") in full; every round's figures for the later ones.
    picture = round_picture(db, session)
    rounds = round_figures(db, session)
    previous = _previous(db, session)
    workers.give_way()
    return ReportData(
        title=session.title,
        collaboration=collaboration.name if collaboration else None,
        date=session.created_at,
        facilitator=db.get(Facilitator, session.facilitator_id).name,
        language=session.language,
        organisations=names,
        lens_set=lens_set_of(session).localized(session.language),
        picture=picture,
        rounds=rounds,
        previous=previous,
        comments=picture.get("comments") or {},
        agreements=agreements_by_lens(db, session.id),
        parties=[party.to_dict() for party in parties_of(session, names)],
    )


def _previous(db: Session, session: LensSession) -> dict | None:
    previous = previous_session(db, session)
    if previous is None:
        return None
    return {"title": previous.title, "date": previous.created_at,
            "lenses": measured_state(db, previous)}
