"""The read-only projector page behind a projector link (no sign-in, no controls)."""

from flask import Blueprint, abort, g, render_template, url_for

from ..database import get_db
from ..errors import ServiceError
from ..links import join_url, qr_svg
from ..projector_links import session_for_link
from ..queries import lens_set_of
from ..shared_picture import archived_picture

bp = Blueprint("shared", __name__)


@bp.get("/p/<token>")
def projector(token: str):
    """The live picture for a venue's screen; revoking the link ends it."""
    try:
        session = session_for_link(get_db(), token)
    except ServiceError:
        abort(404)
    g.language = session.language
    return render_template(
        "sessions/present.html", session=session, join_url=join_url(session.code),
        lens_set=lens_set_of(session).localized(session.language), read_only=True,
        picture=archived_picture(get_db(), session), link=token, close_form=None,
        collaboration=None, qr_url=url_for("shared.qr_code", token=token),
    )


@bp.get("/p/<token>/qr.svg")
def qr_code(token: str):
    try:
        return qr_svg(join_url(session_for_link(get_db(), token).code))
    except ServiceError:
        abort(404)
