"""The JSON API for a facilitator's sessions (docs/api.md), on the API blueprint.

Each endpoint checks who asks (the Bearer token's facilitator must own or share the
session), calls one service, and answers with what it returns; the services tell the
room (live/push.py).
"""

from flask import g, jsonify, request

from facilitator.database import get_db
from facilitator.live.picture import archived_picture
from facilitator.queries import agreements_of, comments_of, describe_agreement, describe_comment
from facilitator.services import (
    agreements,
    archive,
    co_facilitators,
    comments,
    paper,
    parties,
    phases,
    sessions,
    validation,
    withdrawal,
)
from facilitator.web import downloads
from facilitator.web.auth.tokens import token_required
from facilitator.web.links import join_url

from .routes import bp, json_body


def _session_json(session) -> dict:
    data = sessions.describe(get_db(), session)
    data["shared_with"] = co_facilitators.shared_names(get_db(), session.id)
    data["join_url"] = join_url(session.code)
    return data




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
    session = sessions.open_session(get_db(), g.facilitator.id, json_body())
    return jsonify(_session_json(session)), 201


@bp.get("/sessions/<int:session_id>")
@token_required
def get_session(session_id: int):
    return jsonify(_session_json(sessions.session_for(get_db(), g.facilitator.id, session_id)))


@bp.patch("/sessions/<int:session_id>")
@token_required
def change_session(session_id: int):
    """`{"parties"?, "attribution"?}`: group the organisations into parties (until the
    reveal) or choose the attribution (open only before anyone joined)."""
    session = parties.change(get_db(), _own(session_id), json_body())
    return jsonify(_session_json(session))


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
    session = phases.move(get_db(), _own(session_id), json_body())
    return jsonify(_session_json(session))


@bp.post("/sessions/<int:session_id>/rounds")
@token_required
def add_round(session_id: int):
    """`{"kind": "future" | "after"}`: one more round at the end; 201."""
    session = _own(session_id)
    phases.add_round(get_db(), session, json_body())
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
    body = validation.require_mapping(json_body())
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
    agreement = agreements.add_agreement(get_db(), session, json_body())
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
    body = json_body()
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
def withdraw_participant(session_id: int, withdraw_code: str):
    """Withdraw one participant (scores, comments and place) at their request; 204."""
    withdrawal.withdraw_by_code(get_db(), g.facilitator.id, session_id, withdraw_code)
    return "", 204


@bp.post("/sessions/<int:session_id>/paper")
@token_required
def enter_paper_form(session_id: int):
    """`{"organisation", "name"?, "scores": {statement: value}}`: a filled-in paper form
    as a participant entered by proxy; 201 with its withdraw code. With
    `"withdraw_code"`, 200: the scores added to that form's participant."""
    session = _own(session_id)
    entered = paper.enter(get_db(), session, json_body())
    described = paper.describe(get_db(), session, entered.participant)
    return jsonify(described), 201 if entered.new else 200


@bp.get("/sessions/<int:session_id>/form.pdf")
@token_required
def paper_form(session_id: int):
    """The printable scoring form (A4, in the session's language)."""
    return downloads.form_pdf(_own(session_id))


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


@bp.get("/sessions/<int:session_id>/actions.csv")
@token_required
def actions_csv(session_id: int):
    """The action list: the agreements per lens (what, who, due)."""
    return downloads.actions_csv_file(_own(session_id))


@bp.get("/sessions/<int:session_id>/actions.xlsx")
@token_required
def actions_xlsx(session_id: int):
    return downloads.actions_xlsx_file(_own(session_id))
