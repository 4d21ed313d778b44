"""Refusals that several services give, in one place so their codes and words stay alike.

Phones and pages translate them by code (templates/participate/session.html,
templates/sessions/control.html); the message is for API clients and logs. This module
imports nothing of the services, so any of them (group_commit.py too) can use it.
"""

from facilitator.errors import ServiceError
from lenses import LensSet

MAX_ID = 2**31  # ids beyond what any database column holds are simply unknown


def session_gone() -> ServiceError:
    """The phone's participant or session was deleted (withdrawal, archive, retention)."""
    return ServiceError("unknown_participant", "This session no longer exists.", 404)


def session_closed() -> ServiceError:
    return ServiceError("session_closed", "This session is closed.", 409)


def require_open(session) -> None:
    """Refuse when the session (a models.LensSession) is closed."""
    if session.state == "closed":
        raise session_closed()


def not_scoring() -> ServiceError:
    return ServiceError("not_scoring", "The facilitator has not opened scoring now.", 409)


def round_over() -> ServiceError:
    """A score queued on a phone during an earlier round: refused, never moved."""
    return ServiceError("round_over", "That round is over; scores go to the current one.",
                        409)


def round_not_started() -> ServiceError:
    """A score for a round the room has not reached."""
    return ServiceError("round_not_started", "That round has not started; scores go to the "
                        "current one.", 409)


def not_in_focus() -> ServiceError:
    return ServiceError("not_in_focus", "The room scores another lens now.", 409)


def require_lens(lens_set: LensSet, key: object) -> str:
    """The key of one of the session's lenses (a comment's, an agreement's)."""
    if not lens_set.has_lens(key):
        raise ServiceError("unknown_lens", "This session has no such lens.")
    return key


def require_id(value: object) -> int | None:
    """An id from a client, or None when it cannot be one (beyond any database column)."""
    return value if type(value) is int and 0 < value < MAX_ID else None
