"""The JSON API (docs/api.md): facilitator endpoints behind a Bearer token."""

from pathlib import Path

from flask import Blueprint, Response, g, jsonify, request

from facilitator.database import get_db
from facilitator.errors import ServiceError
from facilitator.live.picture import archived_picture
from facilitator.queries import agreements_of, comments_of, describe_agreement, describe_comment
from facilitator.services import (
    agreements,
    archive,
    co_facilitators,
    collaborations,
    comments,
    lens_library,
    phases,
    sessions,
    trends,
    validation,
    withdrawal,
)
from facilitator.web import downloads
from facilitator.web.auth.tokens import token_required
from facilitator.web.links import join_url

bp = Blueprint("api", __name__, url_prefix="/api")


def _json_body() -> object:
    body = request.get_json(silent=True)
    if body is None:
        raise ServiceError(
            "invalid_payload", "The body must be JSON (Content-Type: application/json)."
        )
    return body


def _session_json(session) -> dict:
    data = sessions.describe(get_db(), session)
    data["shared_with"] = co_facilitators.shared_names(get_db(), session.id)
    data["join_url"] = join_url(session.code)
    return data


OPENAPI = Path(__file__).parent / "openapi.json"


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI description of this API (for tools; docs/api.md is for people)."""
    return Response(OPENAPI.read_bytes(), mimetype="application/json")


@bp.get("/lens-sets")
def lens_sets():
    """The built-in lens sets, bilingual, for clients that build a session form."""
    return jsonify([lens_set.to_dict() for lens_set in lens_library.builtin_sets()])


@bp.get("/lens-sets/own")
@token_required
def own_lens_sets():
    """The caller's own lens sets, parsed, with their TOML source."""
    return jsonify([{**lens_library.parse(own.source).to_dict(), "source": own.source}
                    for own in lens_library.own_sets(get_db(), g.facilitator.id)])


@bp.post("/lens-sets/own")
@token_required
def save_own_lens_set():
    """`{"source": TOML, "replacing"?: key}`: a new own set, or a new version of one; 201.
    Nothing is stored when the text is not a valid lens set (400 naming the field)."""
    body = validation.require_mapping(_json_body())
    replacing = body.get("replacing")
    if replacing is not None and not isinstance(replacing, str):
        raise ServiceError("invalid_replacing", "replacing is the key of one of your sets.")
    own = lens_library.save(get_db(), g.facilitator.id, body.get("source"), replacing=replacing)
    return jsonify(lens_library.parse(own.source).to_dict()), 201


@bp.delete("/lens-sets/own/<key>")
@token_required
def delete_own_lens_set(key: str):
    """Sessions opened with it keep their own copy; 204."""
    lens_library.delete(get_db(), g.facilitator.id, key)
    return "", 204


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
    session = sessions.open_session(get_db(), g.facilitator.id, _json_body())
    return jsonify(_session_json(session)), 201


@bp.get("/sessions/<int:session_id>")
@token_required
def get_session(session_id: int):
    return jsonify(_session_json(sessions.session_for(get_db(), g.facilitator.id, session_id)))


@bp.post("/sessions/<int:session_id>/close")
@token_required
def close_session(session_id: int):
    """Close voting; phones and projectors hear it at once."""
    session = sessions.close_session(get_db(), g.facilitator.id, session_id)
    return jsonify(_session_json(session))


@bp.post("/sessions/<int:session_id>/phase")
@token_required
def move_session(session_id: int):
    """`{"phase", "round"?, "focus"?}`: lead the room to a phase; phones and screens
    follow at once."""
    session = phases.move(get_db(), _own(session_id), _json_body())
    return jsonify(_session_json(session))


@bp.post("/sessions/<int:session_id>/rounds")
@token_required
def add_round(session_id: int):
    """`{"kind": "future" | "after"}`: one more round at the end; 201."""
    session = _own(session_id)
    phases.add_round(get_db(), session, _json_body())
    return jsonify(_session_json(session)), 201


@bp.get("/sessions/<int:session_id>/comments")
@token_required
def list_comments(session_id: int):
    """Every comment of the session with its status (never with who wrote it)."""
    found = comments_of(get_db(), _own(session_id).id)
    return jsonify([describe_comment(c) for c in found])


@bp.post("/sessions/<int:session_id>/comments/<int:comment_id>")
@token_required
def moderate_comment(session_id: int, comment_id: int):
    """`{"status": "approved" | "rejected" | "pending"}`; the projector follows."""
    body = validation.require_mapping(_json_body())
    session = _own(session_id)
    comment = comments.moderate(get_db(), session, {**body, "comment": comment_id})
    return jsonify(describe_comment(comment))


@bp.get("/sessions/<int:session_id>/agreements")
@token_required
def list_agreements(session_id: int):
    found = agreements_of(get_db(), _own(session_id).id)
    return jsonify([describe_agreement(a) for a in found])


@bp.post("/sessions/<int:session_id>/agreements")
@token_required
def add_agreement(session_id: int):
    """`{"lens", "text", "who"?, "due"?}`; 201; the projector shows it."""
    session = _own(session_id)
    agreement = agreements.add_agreement(get_db(), session, _json_body())
    return jsonify(describe_agreement(agreement)), 201


@bp.delete("/sessions/<int:session_id>/agreements/<int:agreement_id>")
@token_required
def remove_agreement(session_id: int, agreement_id: int):
    session = _own(session_id)
    agreements.remove_agreement(get_db(), session, agreement_id)
    return "", 204


@bp.delete("/sessions/<int:session_id>")
@token_required
def delete_session(session_id: int):
    """Delete the session and all its data; 204."""
    archive.delete_session(get_db(), g.facilitator.id, session_id)
    return "", 204


@bp.post("/sessions/<int:session_id>/shares")
@token_required
def share_session(session_id: int):
    """`{"facilitator": name}`: a co-facilitator may run and read the session; 204."""
    body = _json_body()
    name = body.get("facilitator") if isinstance(body, dict) else None
    co_facilitators.share(get_db(), g.facilitator.id, session_id, name)
    return "", 204


@bp.delete("/sessions/<int:session_id>/shares/<name>")
@token_required
def unshare_session(session_id: int, name: str):
    co_facilitators.unshare(get_db(), g.facilitator.id, session_id, name)
    return "", 204


@bp.get("/sessions/<int:session_id>/participants")
@token_required
def list_participants(session_id: int):
    """Withdraw code, organisation and name (if asked) of each participant; no scores."""
    found = withdrawal.participants(get_db(), g.facilitator.id, session_id)
    return jsonify([p.to_dict() for p in found])


@bp.delete("/sessions/<int:session_id>/participants/<withdraw_code>")
@token_required
def delete_participant(session_id: int, withdraw_code: str):
    """Delete one participant's scores and place at their request; 204."""
    withdrawal.withdraw_by_code(get_db(), g.facilitator.id, session_id, withdraw_code)
    return "", 204


def _own(session_id: int):
    return sessions.session_for(get_db(), g.facilitator.id, session_id)


@bp.get("/sessions/<int:session_id>/picture")
@token_required
def picture(session_id: int):
    return jsonify(archived_picture(get_db(), _own(session_id), reveal=True))


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
