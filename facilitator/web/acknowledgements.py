"""Shared plumbing for Socket.IO handlers: refusals become acknowledgements."""

from collections.abc import Callable
from functools import wraps

from flask import current_app

from facilitator.errors import ServiceError


def acknowledged(handler: Callable) -> Callable:
    """Turn a ServiceError (or any unexpected failure) into `{"error": {...}}`.

    A client never sees a traceback; an unexpected failure is logged without the
    payload (it may hold personal text) and answered as an internal error.
    """

    @wraps(handler)
    def wrapped(*args):
        try:
            return handler(*args)
        except ServiceError as error:
            return error.as_dict()
        except Exception:
            current_app.logger.exception("Socket.IO handler %s failed", handler.__name__)
            return ServiceError("internal", "Something went wrong; try again.", 500).as_dict()

    return wrapped
