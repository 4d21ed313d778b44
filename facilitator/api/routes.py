"""The JSON API (docs/api.md): facilitator endpoints behind a Bearer token."""

from pathlib import Path

from flask import Blueprint, Response, g, jsonify, request

from .. import archive, collaborations, downloads, services, sharing, trends
from ..auth.tokens import token_required
from ..database import get_db
from ..errors import ServiceError
from ..links import join_url
from ..live import push_deleted, push_state
from ..shared_picture import archived_picture

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
    data["shared_with"] = sharing.shared_names(get_db(), session.id)
    data["join_url"] = join_url(session.code)
    return data


OPENAPI = Path(__file__).parent / "openapi.json"


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI description of this API (for tools; docs/api.md is for people)."""
    return Response(OPENAPI.read_bytes(), mimetype="application/json")


@bp.get("/lens-sets")
def lens_sets():
    """Every lens set, bilingual, for clients that build a session form."""
    return jsonify([lens_set.to_dict() for lens_set in services.lens_sets()])


@bp.get("/sessions")
@token_required
def list_sessions():
    """The archive: the caller's sessions, newest first, filtered by `q` (title or
    collaboration), `from`/`to` (YYYY-MM-DD) and `lens_set`."""
    found = archive.search(
        get_db(), g.facilitator.id, text=request.args.get("q"),
        date_from=archive.parse_day(request.args.get("from"), "from"),
        date_to=archive.parse_day(request.args.get("to"), "to"),
        lens_set=request.args.get("lens_set"),
    )
    return jsonify([_session_json(s) for s in found])


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


@bp.delete("/sessions/<int:session_id>")
@token_required
def delete_session(session_id: int):
    """Delete the session and all its data; 204."""
    archive.delete_session(get_db(), g.facilitator.id, session_id)
    push_deleted(session_id)
    return "", 204


@bp.post("/sessions/<int:session_id>/shares")
@token_required
def share_session(session_id: int):
    """`{"facilitator": name}`: a co-facilitator may run and read the session; 204."""
    body = _json_body()
    name = body.get("facilitator") if isinstance(body, dict) else None
    sharing.share(get_db(), g.facilitator.id, session_id, name)
    return "", 204


@bp.delete("/sessions/<int:session_id>/shares/<name>")
@token_required
def unshare_session(session_id: int, name: str):
    sharing.unshare(get_db(), g.facilitator.id, session_id, name)
    return "", 204


def _own(session_id: int):
    return services.session_for(get_db(), g.facilitator.id, session_id)


@bp.get("/sessions/<int:session_id>/picture")
@token_required
def picture(session_id: int):
    return jsonify(archived_picture(get_db(), _own(session_id)))


@bp.get("/sessions/<int:session_id>/report.pdf")
@token_required
def report(session_id: int):
    """The session report; `?audience=summary` for the shareable summary."""
    return downloads.report(_own(session_id))


@bp.get("/sessions/<int:session_id>/scores.csv")
@token_required
def scores_csv(session_id: int):
    return downloads.csv(_own(session_id))


@bp.get("/sessions/<int:session_id>/scores.xlsx")
@token_required
def scores_xlsx(session_id: int):
    return downloads.xlsx(_own(session_id))


@bp.get("/collaborations")
@token_required
def list_collaborations():
    found = collaborations.collaborations_of(get_db(), g.facilitator.id)
    return jsonify([{"id": c.id, "name": c.name} for c in found])


@bp.get("/collaborations/<int:collaboration_id>")
@token_required
def collaboration(collaboration_id: int):
    """Each lens's n, mean and consensus per session, oldest first: the trend."""
    found = collaborations.collaboration_for(get_db(), g.facilitator.id, collaboration_id)
    return jsonify(trends.trend(get_db(), found))
