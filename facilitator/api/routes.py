"""The JSON API (docs/api.md): facilitator endpoints behind a Bearer token."""

from flask import Blueprint, g, jsonify, request

from .. import services
from ..auth.tokens import token_required
from ..database import get_db
from ..errors import ServiceError
from ..links import join_url
from ..live import push_state
from ..shared_picture import session_picture

bp = Blueprint("api", __name__, url_prefix="/api")


def _json_body() -> object:
    body = request.get_json(silent=True)
    if body is None:
        raise ServiceError(
            "invalid_payload", "The body must be JSON (Content-Type: application/json)."
        )
    return body


def _session_json(session) -> dict:
    data = services.describe(get_db(), session)
    data["join_url"] = join_url(session.code)
    return data


@bp.get("/lens-sets")
def lens_sets():
    """Every lens set, bilingual, for clients that build a session form."""
    return jsonify([lens_set.to_dict() for lens_set in services.lens_sets()])


@bp.get("/sessions")
@token_required
def list_sessions():
    """The caller's own sessions, newest first."""
    return jsonify([_session_json(s) for s in services.sessions_of(get_db(), g.facilitator.id)])


@bp.post("/sessions")
@token_required
def open_session():
    """Open a session; 201 with its join code and URL."""
    session = services.open_session(get_db(), g.facilitator.id, _json_body())
    return jsonify(_session_json(session)), 201


@bp.get("/sessions/<int:session_id>")
@token_required
def get_session(session_id: int):
    return jsonify(_session_json(services.session_for(get_db(), g.facilitator.id, session_id)))


@bp.post("/sessions/<int:session_id>/close")
@token_required
def close_session(session_id: int):
    """Close voting; phones and projectors hear it at once."""
    session = services.close_session(get_db(), g.facilitator.id, session_id)
    push_state(session)
    return jsonify(_session_json(session))


@bp.get("/sessions/<int:session_id>/picture")
@token_required
def picture(session_id: int):
    session = services.session_for(get_db(), g.facilitator.id, session_id)
    return jsonify(session_picture(get_db(), session))
