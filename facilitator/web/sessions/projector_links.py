"""The read-only projector page behind a projector link (no sign-in, no controls)."""

from flask import Blueprint, url_for

from facilitator.database import get_db
from facilitator.services.projector_links import session_for_link
from facilitator.web.links import join_url, qr_svg

from .projector import projector_page

bp = Blueprint("shared", __name__)


@bp.get("/p/<token>")
def projector(token: str):
    """The live picture for a venue's screen; revoking the link ends it (then this is
    the 404 page)."""
    session = session_for_link(get_db(), token)
    return projector_page(session, link=token, qr_url=url_for("shared.qr_code", token=token))


@bp.get("/p/<token>/qr.svg")
def qr_code(token: str):
    return qr_svg(join_url(session_for_link(get_db(), token).code))
