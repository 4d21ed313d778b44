"""The facilitator's pages: the list of sessions, opening one, and its projector page."""

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from facilitator import labels
from facilitator.database import get_db
from facilitator.errors import ServiceError
from facilitator.queries import describe_follow_up, lens_set_of, organisations_of
from facilitator.services import (
    agreements,
    archive,
    co_facilitators,
    collaborations,
    follow_up,
    lens_library,
    parties,
    phases,
    projector_links,
    sessions,
    validation,
)
from facilitator.web import refusals
from facilitator.web.links import join_url, qr_svg
from facilitator.web.refusals import shows_refusals_on
from lenses.flow import MAX_ROUNDS, MAX_TIMER

from . import forms
from .forms import REFUSALS, ROUND_PLANS, ArchiveFilterForm, CloseForm, NewSessionForm
from .projector import projector_page

bp = Blueprint("sessions", __name__, url_prefix="/sessions")


@bp.before_request
@login_required
def require_login() -> None:
    """Every page here belongs to a signed-in facilitator."""


def own_session(session_id: int, *, owner_only: bool = False):
    """The signed-in facilitator's session (their own, or shared with them unless
    `owner_only`); any other is the 404 page (refusals.py)."""
    return sessions.session_for(get_db(), current_user.id, session_id, owner_only=owner_only)


def _lens_set_choices() -> list[SelectChoice]:
    language = str(get_locale())
    found = lens_library.available(get_db(), current_user.id)
    return [SelectChoice(s.key, s.name.get(language)) for s in found]


def _new_session_form() -> NewSessionForm:
    form = NewSessionForm()
    form.lens_set.choices = _lens_set_choices()
    return form


def _index(form: NewSessionForm, status: int = 200):
    """The archive (filtered by the query string) beside the form for a new session."""
    filters = ArchiveFilterForm(request.args, meta={"csrf": False})
    filters.lens_set.choices = [SelectChoice("", _("All lens sets")), *form.lens_set.choices]
    try:
        found = archive.search(
            get_db(), current_user.id, text=filters.q.data or None,
            date_from=archive.parse_day(request.args.get("from"), "from"),
            date_to=archive.parse_day(request.args.get("to"), "to"),
            lens_set=filters.lens_set.data or None,
        )
    except ServiceError as error:
        # Kept: a malformed date in the filters shows the archive page itself again,
        # empty, with the filters as typed and the reason.
        flash(refusals.message(error), "error")
        found, status = [], error.status
    names = {c.id: c.name for c in collaborations.collaborations_of(get_db(), current_user.id)}
    return render_template("sessions/index.html", sessions=found, form=form, filters=filters,
                           collaborations=names, min_group=forms.MIN_GROUP), status


@bp.get("/")
def index():
    """The facilitator's sessions (the archive), newest first, and the form to open one;
    `?like=<session id>` fills the form in from that session (a new session of the same
    collaboration)."""
    form = _new_session_form()
    like = request.args.get("like", type=int)
    if like is not None:
        _fill_in(form, sessions.like(get_db(), current_user.id, {"like": like}))
    return _index(form)


def _fill_in(form: NewSessionForm, settings: dict) -> None:
    """The form with an earlier session's settings (sessions.like); the title is new. Its
    parties are those the API would take: the earlier session's, else its collaboration's."""
    form.organisations.data = "\n".join(settings["organisations"])
    known = {c.name: c for c in collaborations.collaborations_of(get_db(), current_user.id)}
    form.parties.data = forms.parties_text(settings.get("parties") or parties.for_new_session(
        {}, settings["organisations"], known.get(settings["collaboration"])))
    form.attribution.data = settings["attribution"]
    form.lens_set.data, form.language.data = settings["lens_set"], settings["language"]
    form.ask_names.data, form.collaboration.data = settings["ask_names"], settings[
        "collaboration"]
    plans = {tuple(kinds): key for key, kinds in ROUND_PLANS.items()}
    form.rounds.data = plans.get(tuple(settings["rounds"]), "now")


@bp.post("/")
def create():
    form = _new_session_form()
    if form.validate_on_submit():
        data = {
            "title": form.title.data, "lens_set": form.lens_set.data,
            "organisations": form.organisation_names(), "language": form.language.data,
            "ask_names": form.ask_names.data, "collaboration": form.collaboration.data,
            "my_place": form.my_place.data,
            "max_participants": form.max_participants.data,
            "rounds": ROUND_PLANS[form.rounds.data],
            "parties": form.party_list, "attribution": form.attribution.data,
        }
        try:
            session = sessions.open_session(get_db(), current_user.id, data)
        except ServiceError as error:
            # Kept: the form again with what was typed, and the reason in the form's words.
            flash(REFUSALS.get(error.code) or refusals.message(error), "error")
            return _index(form, error.status)
        return redirect(url_for("sessions.control", session_id=session.id))
    return _index(form, 400)


@bp.get("/collaborations")
def collaboration_list():
    """The facilitator's collaborations: each with its sessions, the last one's date and
    its open agreements, linking to its page (the trend, archive.collaboration)."""
    return render_template("sessions/collaborations.html",
                           collaborations=collaborations.overview(get_db(), current_user.id))


@bp.context_processor
def collaboration_page() -> dict:
    """For the collaboration's page (sessions/collaboration.html, rendered by
    archive.collaboration): its open agreements and what the trend's chart draws, asked
    for by the template (so a page that never asks costs nothing)."""
    return {"open_agreements_of": _open_agreements_of, "drawn_apart": _drawn_apart}


def _open_agreements_of(collaboration_id: int) -> dict:
    """The agreements of the facilitator's collaboration that a new session would follow
    up (follow_up.open_agreements): `agreements`, each as a phone shows it with the session it
    was made in (`made_in`), `total`, and how many a new session follows up (`followed`:
    the oldest MAX_FOLLOW_UP)."""
    db = get_db()
    found = collaborations.collaboration_for(db, current_user.id, collaboration_id)
    held = {s.id: s for s in collaborations.sessions_in(db, found)}
    language = str(get_locale())
    agreements_open = follow_up.open_agreements(db, found.id)
    items = [{**describe_follow_up(db, a, language), "made_in": held[a.session_id].title}
             for a in agreements_open]
    return {"agreements": items, "total": len(items),
            "followed": min(len(items), follow_up.MAX_FOLLOW_UP)}


def _drawn_apart(series: list[dict]) -> dict[str, int]:
    """Per kind of later round in the trend's chart (trends.series: "future", "after"), in
    how many sessions it has a point: from two on static/js/trend.js joins them with a
    line of their own (dashed for the wish, dotted after the conversation); one stays a
    point."""
    counts = {}
    for kind in ("future", "after"):
        lines = [line["means"] for line in series if line["kind"] == kind]
        counts[kind] = sum(1 for points in zip(*lines, strict=True)
                           if any(p is not None for p in points)) if lines else 0
    return counts


@bp.get("/<int:session_id>/control")
def control(session_id: int):
    """The facilitator's control page (laptop or phone): phases, rounds, focus,
    moderation, agreements, files and sharing; the projector page shows only the room's
    view."""
    session = own_session(session_id)
    lens_set = lens_set_of(session).localized(str(get_locale()))
    return render_template(
        "sessions/control.html", session=session, join_url=join_url(session.code),
        is_owner=sessions.is_owner(session, current_user.id), limits={
            "agreement": agreements.MAX_TEXT, "name": validation.NAME_LENGTH,
            "rounds": MAX_ROUNDS, "timer_minutes": MAX_TIMER // 60,
        },
        lens_set=lens_set, close_form=CloseForm(),
        lens_names={lens["key"]: lens["name"] for lens in lens_set["lenses"]},
        phases=[(key, labels.PHASES[key]) for key in phases.PHASES],
        phase_labels=labels.plain(labels.PHASES),
        round_labels=labels.plain(labels.ROUNDS),
        collaboration=sessions.collaboration_name(get_db(), session),
        shared_with=co_facilitators.shared_names(get_db(), session.id),
        follow_up=follow_up.candidates(get_db(), session, current_user.id),
        follow_up_editable=session.state == "open" and session.phase == "lobby",
        follow_up_limit=follow_up.MAX_FOLLOW_UP,
        **forms.lobby_page(session, [o.name for o in organisations_of(get_db(), session.id)]),
    )


@bp.get("/<int:session_id>")
def present(session_id: int):
    """The projector page: join code and QR code, and the live picture once revealed."""
    session = own_session(session_id)
    return projector_page(session, link=None,
                          qr_url=url_for("sessions.qr_code", session_id=session.id))


@bp.post("/<int:session_id>/follow-up")
@shows_refusals_on("sessions.control")
def choose_follow_up(session_id: int):
    """The agreements of earlier sessions the room looks at again, as ticked (lobby)."""
    session = own_session(session_id)
    if CloseForm().validate_on_submit():
        ticked = [int(v) for v in request.form.getlist("agreement") if v.isdecimal()]
        follow_up.choose_again(get_db(), session, ticked, current_user.id)
        flash(_("The agreements to look at again are saved."), "info")
    return redirect(url_for("sessions.control", session_id=session_id))


@bp.post("/<int:session_id>/projector-link")
@shows_refusals_on("sessions.control")
def make_projector_link(session_id: int):
    """A (new) read-only projector link; shown once, as only its digest is kept."""
    if CloseForm().validate_on_submit():
        token = projector_links.make_link(get_db(), current_user.id, session_id)
        url = url_for("shared.projector", token=token, _external=True)
        flash(_("Projector link (shown only now; anyone with it sees the live picture): "
                "%(url)s", url=url), "info")
    return redirect(url_for("sessions.control", session_id=session_id))


@bp.post("/<int:session_id>/projector-link/revoke")
@shows_refusals_on("sessions.control")
def revoke_projector_link(session_id: int):
    if CloseForm().validate_on_submit():
        projector_links.revoke_link(get_db(), current_user.id, session_id)
        flash(_("The projector link no longer works."), "info")
    return redirect(url_for("sessions.control", session_id=session_id))


@bp.post("/<int:session_id>/shares")
@shows_refusals_on("sessions.control")
def share(session_id: int):
    """Share with a co-facilitator by name (owner only)."""
    if CloseForm().validate_on_submit():
        try:
            co_facilitators.share(get_db(), current_user.id, session_id, request.form.get("name"))
            flash(_("Shared."), "info")
        except ServiceError as error:
            # Kept: a name nobody has (the service says "not found" for it) is a slip in
            # the form, not a missing page: back to the control page, saying so.
            if error.code == "session_not_found":
                raise
            flash(_("No other facilitator has that name."), "error")
    return redirect(url_for("sessions.control", session_id=session_id))


@bp.post("/<int:session_id>/shares/<name>/remove")
@shows_refusals_on("sessions.control")
def unshare(session_id: int, name: str):
    if CloseForm().validate_on_submit():
        co_facilitators.unshare(get_db(), current_user.id, session_id, name)
    return redirect(url_for("sessions.control", session_id=session_id))


@bp.post("/<int:session_id>/close")
@shows_refusals_on("sessions.control")
def close(session_id: int):
    if CloseForm().validate_on_submit():
        sessions.close_session(get_db(), current_user.id, session_id)
        flash(_("Voting is closed."), "info")
    return redirect(url_for("sessions.control", session_id=session_id))


@bp.get("/<int:session_id>/qr.svg")
def qr_code(session_id: int):
    """The join URL as a QR code for the projector."""
    return qr_svg(join_url(own_session(session_id).code))
