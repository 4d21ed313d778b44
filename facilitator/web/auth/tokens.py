"""Bearer-token authentication for the JSON API (cookies are not accepted there,
so the API needs no CSRF protection)."""

from collections.abc import Callable
from functools import wraps

from flask import g, request

from facilitator.database import get_db
from facilitator.errors import ServiceError
from facilitator.services.accounts import facilitator_for_token


def token_required(view: Callable) -> Callable:
    @wraps(view)
    def wrapped(*args, **kwargs):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ServiceError(
                "unauthorized", "Send a valid API token as 'Authorization: Bearer TOKEN'.", 401
            )
        # Unknown: `unauthorized`; revoked: `token_revoked`; expired: `token_expired` (401).
        g.facilitator = facilitator_for_token(get_db(), token.strip())
        return view(*args, **kwargs)

    return wrapped
