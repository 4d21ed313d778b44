"""The JSON API (docs/api.md), behind a Bearer token: the blueprint, the lens sets and the
collaborations; a session's endpoints are in sessions.py."""

from pathlib import Path

from flask import Blueprint, Response, g, jsonify, request

from facilitator.database import get_db
from facilitator.errors import ServiceError
from facilitator.services import (
    collaborations,
    lens_library,
    trends,
    validation,
)
from facilitator.web import downloads
from facilitator.web.auth.tokens import token_required

bp = Blueprint("api", __name__, url_prefix="/api")


def json_body() -> object:
    """The request's JSON; a body that is not JSON, or nested too deeply for the parser
    (~1,000 levels: a RecursionError, not a ValueError), is `invalid_payload`."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        raise ServiceError("invalid_payload", "The JSON is nested too deeply.") from None
    if body is None:
        raise ServiceError(
            "invalid_payload", "The body must be JSON (Content-Type: application/json)."
        )
    return body


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
    """The caller's own lens sets, parsed, with their TOML source (one stored before a
    limit it no longer meets: its key and source only)."""
    return jsonify([{**(parsed.to_dict() if parsed else {"key": own.key}), "source": own.source}
                    for own, parsed in lens_library.own_with_sets(get_db(), g.facilitator.id)])


@bp.post("/lens-sets/own")
@token_required
def save_own_lens_set():
    """`{"source": TOML, "replacing"?: key}`: a new own set, or a new version of one; 201.
    Nothing is stored when the text is not a valid lens set (400 `invalid_lens_set`, its
    `errors` listing every problem with its path: InvalidLensSet.as_dict)."""
    body = validation.require_mapping(json_body())
    replacing = body.get("replacing")
    if replacing is not None and not validation.is_text(replacing):
        raise ServiceError("invalid_replacing", "replacing is the key of one of your sets.")
    own = lens_library.save(get_db(), g.facilitator.id, body.get("source"), replacing=replacing)
    return jsonify(lens_library.parse(own.source).to_dict()), 201


@bp.delete("/lens-sets/own/<key>")
@token_required
def delete_own_lens_set(key: str):
    """Sessions opened with it keep their own copy; 204."""
    lens_library.delete(get_db(), g.facilitator.id, key)
    return "", 204


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


@bp.get("/collaborations/<int:collaboration_id>/record.zip")
@token_required
def collaboration_record(collaboration_id: int):
    """The collaboration's whole record for a records system: every closed session's
    PDF/A reports, action list and anonymised figures, with MDTO metadata; 202 while a
    report is still being made."""
    found = collaborations.collaboration_for(get_db(), g.facilitator.id, collaboration_id)
    return downloads.record_zip(found)
