"""Pages for a facilitator's own lens sets. The web layer only shows and forwards: the
rules (valid set, unique key, nothing stored on error) are in lens_library."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from facilitator.database import get_db
from facilitator.errors import ServiceError
from facilitator.services import lens_library
from facilitator.web.sessions.forms import CloseForm

from .forms import LensSetForm

bp = Blueprint("lens_sets", __name__, url_prefix="/lens-sets")


@bp.before_request
@login_required
def require_login() -> None:
    """Every page here belongs to a signed-in facilitator."""


@bp.get("/")
def index():
    """The built-in sets (to copy) and the facilitator's own (to edit or delete)."""
    own = [(o, lens_library.parse(o.source))
           for o in lens_library.own_sets(get_db(), current_user.id)]
    return render_template("lens_sets/index.html", builtin=lens_library.builtin_sets(),
                           own=own, form=LensSetForm(),
                           delete_form=CloseForm())


@bp.get("/new")
def new():
    """The editor, starting from a copy of a built-in set (`?from=<key>`)."""
    key = request.args.get("from", lens_library.FIRST)
    text = lens_library.starting_text(get_db(), current_user.id, key)
    return _editor(LensSetForm(data={"source": text}), None)


@bp.post("/")
def create():
    return _save(LensSetForm(), None)


@bp.get("/<key>/edit")
def edit(key: str):
    own = lens_library.own_set(get_db(), current_user.id, key)
    return _editor(LensSetForm(data={"source": own.source}), key)


@bp.post("/<key>")
def update(key: str):
    return _save(LensSetForm(), key)


@bp.post("/<key>/delete")
def delete(key: str):
    if CloseForm().validate_on_submit():
        lens_library.delete(get_db(), current_user.id, key)
        flash(_("The lens set is deleted; sessions that used it keep their copy."), "info")
    return redirect(url_for("lens_sets.index"))


def _editor(form: LensSetForm, key: str | None, error: str | None = None, status: int = 200):
    return render_template("lens_sets/edit.html", form=form, key=key, error=error), status


def _save(form: LensSetForm, replacing: str | None):
    """Validate and store, or show the editor again with the text and what is wrong."""
    if not form.validate_on_submit():
        return _editor(form, replacing, _("The form expired; send it again."), 400)
    text = form.text()
    if text is None:
        return _editor(form, replacing, _("The file is not a text file (UTF-8)."), 400)
    form.source.data = text
    try:
        own = lens_library.save(get_db(), current_user.id, text, replacing=replacing)
    except ServiceError as error:
        # Kept: a set that does not parse (or whose key is taken) shows the editor again
        # with the typed text and the parser's own words; a missing set is the 404 page.
        if error.status == 404:
            raise
        return _editor(form, replacing, _("Not saved: %(problem)s", problem=error.message),
                       error.status)
    flash(_("Lens set “%(key)s” saved.", key=own.key), "info")
    return redirect(url_for("lens_sets.index"))
