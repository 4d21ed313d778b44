"""The JSON API for a collaboration's reader links (docs/api.md), on the API blueprint:
only the collaboration's owner makes, lists and revokes them."""

from flask import g, jsonify

from facilitator.database import get_db
from facilitator.services import readers
from facilitator.web.auth.tokens import token_required
from facilitator.web.links import reader_url

from .routes import bp, json_body


@bp.post("/collaborations/<int:collaboration_id>/readers")
@token_required
def make_reader_link(collaboration_id: int):
    """`{"expires"?: "YYYY-MM-DD", "full_reports"?: bool}`; 201 with the link's URL,
    shown only now (only its digest is kept)."""
    link, token = readers.make_link(get_db(), g.facilitator.id, collaboration_id, json_body())
    described = readers.describe_link(link)
    return jsonify({"id": link.id, "url": reader_url(token),
                    "expires_at": described["expires_at"],
                    "full_reports": link.full_reports}), 201


@bp.get("/collaborations/<int:collaboration_id>/readers")
@token_required
def list_reader_links(collaboration_id: int):
    """The links that are not revoked (expired ones too), newest first, with last use."""
    found = readers.links_of(get_db(), g.facilitator.id, collaboration_id)
    return jsonify([readers.describe_link(link) for link in found])


@bp.delete("/collaborations/<int:collaboration_id>/readers/<int:reader_id>")
@token_required
def revoke_reader_link(collaboration_id: int, reader_id: int):
    """The link stops at once (its URL answers 404, also for a page open on it); 204."""
    readers.revoke_link(get_db(), g.facilitator.id, collaboration_id, reader_id)
    return "", 204


@bp.get("/collaborations/<int:collaboration_id>/readers/log")
@token_required
def reader_log(collaboration_id: int):
    """The newest reads through the collaboration's reader links: which link, when, what."""
    return jsonify(readers.access_log(get_db(), g.facilitator.id, collaboration_id))
