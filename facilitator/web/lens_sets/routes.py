"""Pages for a facilitator's own lens sets. The web layer only shows and forwards: the
rules (valid set, unique key, nothing stored on error) are in lens_library."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from facilitator.database import get_db
from facilitator.errors import ServiceError
from facilitator.services import lens_library
from facilitator.web import refusals
from facilitator.web.sessions.forms import CloseForm
from lenses import MAX_LENSES, MAX_STATEMENTS, MAX_TEXT, builtin_lens_sets

from . import fields
from .forms import LensSetForm

bp = Blueprint("lens_sets", __name__, url_prefix="/lens-sets")


@bp.before_request
@login_required
def require_login() -> None:
    """Every page here belongs to a signed-in facilitator."""


@bp.get("/")
def index():
    """The built-in sets (to copy) and the facilitator's own (to edit or delete)."""
    own = lens_library.own_with_sets(get_db(), current_user.id)
    return render_template("lens_sets/index.html", builtin=lens_library.builtin_sets(),
                           own=own, form=LensSetForm(), language_note=fields.language_note)


@bp.get("/new")
def new():
    """The form editor: an empty set, or a copy of a set (`?from=<key>`, own or built-in)."""
    key = request.args.get("from")
    if key is None:
        return _form(fields.empty_set(), None)
    found = lens_library.find(get_db(), current_user.id, key)
    if found is None:
        raise ServiceError("lens_set_not_found", "No such lens set of yours.", 404)
    return _form(fields.from_lens_set(found, f"{found.key}-copy"[:40]), None)


@bp.post("/new")
def create_from_form():
    return _save_form(None)


@bp.get("/<key>/edit")
def edit(key: str):
    """The form editor for an own set; one the loader no longer takes opens as TOML."""
    own = lens_library.own_set(get_db(), current_user.id, key)
    parsed = lens_library.readable(own.source)
    if parsed is None:
        return redirect(url_for("lens_sets.toml", key=key))
    return _form(fields.from_lens_set(parsed), key)


@bp.post("/<key>/edit")
def update_from_form(key: str):
    return _save_form(key)


@bp.get("/import")
def import_toml():
    """TOML in: paste a text or upload a file."""
    return _editor(LensSetForm(), None)


@bp.get("/<key>/toml")
def toml(key: str):
    own = lens_library.own_set(get_db(), current_user.id, key)
    return _editor(LensSetForm(data={"source": own.source}), key)


@bp.get("/<key>/download")
def download(key: str):
    """TOML out: the set's text as a file, an own set's as stored or a built-in one's."""
    if key in builtin_lens_sets():
        text = lens_library.builtin_source(key)
    else:
        text = lens_library.own_set(get_db(), current_user.id, key).source
    return Response(text, mimetype="application/toml", headers={
        "Content-Disposition": f'attachment; filename="{key}.toml"'})


@bp.post("/")
def create():
    return _save(LensSetForm(), None)


@bp.post("/<key>")
def update(key: str):
    return _save(LensSetForm(), key)


@bp.get("/<key>/delete")
def confirm_delete(key: str):
    """Deleting asks first, on a page of its own (a real form, no script needed)."""
    own = lens_library.own_set(get_db(), current_user.id, key)
    parsed = lens_library.readable(own.source)
    return render_template("lens_sets/delete.html", own=own, lens_set=parsed,
                           form=CloseForm())


@bp.post("/<key>/delete")
def delete(key: str):
    lens_library.own_set(get_db(), current_user.id, key)  # another's set is the 404 page
    if CloseForm().validate_on_submit():
        lens_library.delete(get_db(), current_user.id, key)
        flash(_("The lens set is deleted; sessions that used it keep their copy."), "info")
    return redirect(url_for("lens_sets.index"))


def _form(data: dict, key: str | None, problems: list[tuple[str, str]] = (),
          status: int = 200):
    """The form editor with `data`; `problems` are (loader path, message in the page's
    language), every one shown at once next to its field (or list) and in a summary at the
    top that links to each."""
    limits = {"lenses": MAX_LENSES, "statements": MAX_STATEMENTS, "text": MAX_TEXT}
    errors, summary = fields.marks(data, list(problems))
    return render_template("lens_sets/form.html", data=data, key=key, errors=errors,
                           summary=summary, field_id=fields.field_id, limits=limits,
                           csrf_form=CloseForm()), status


def _save_form(replacing: str | None):
    """A row added, removed or moved: the form again, unsaved. Save: stored, or the form
    again with the values as typed and every refusal of the loader next to its field."""
    if replacing is not None:
        lens_library.own_set(get_db(), current_user.id, replacing)  # else the 404 page
    data = fields.from_form(request.form)
    if not CloseForm().validate_on_submit():
        return _form(data, replacing, [("(root)", _("The form expired; send it again."))], 400)
    op = request.form.get("op", "save")
    if op != "save":
        fields.apply(data, op)
        return _form(data, replacing)
    mapping = fields.to_mapping(data)
    try:
        own = lens_library.save_mapping(get_db(), current_user.id, mapping, replacing=replacing)
    except lens_library.InvalidLensSet as error:
        return _form(data, replacing, [(p.field, fields.message(p.code, p.params))
                                       for p in error.problems], 400)
    except ServiceError as error:
        if error.status == 404:
            raise
        if error.code == "lens_set_exists":
            code = "key_builtin" if mapping["key"] in builtin_lens_sets() else "key_taken"
            return _form(data, replacing, [("key", fields.message(code, {}))], error.status)
        return _form(data, replacing, [("(root)", refusals.message(error))], error.status)
    return _saved(own)


def _saved(own):
    """Saved: the list of sets, the set named by its name in the page's language (falling
    back to the other), with what it says of its languages."""
    lens_set = lens_library.parse(own.source)  # read a moment ago: from the cache
    said = _("Lens set “%(name)s” saved.", name=lens_set.name.get(str(get_locale())))
    note = fields.language_note(lens_set)
    flash(f"{said} {note}" if note else said, "info")
    return redirect(url_for("lens_sets.index"))


def _editor(form: LensSetForm, key: str | None, errors: list[str] = (), status: int = 200):
    return render_template("lens_sets/edit.html", form=form, key=key,
                           errors=list(errors)), status


def _save(form: LensSetForm, replacing: str | None):
    """Validate and store, or show the editor again with the text and every problem."""
    if not form.validate_on_submit():
        return _editor(form, replacing, [_("The form expired; send it again.")], 400)
    text = form.text()
    if text is None:
        return _editor(form, replacing, [_("The file is not a text file (UTF-8).")], 400)
    form.source.data = text
    try:
        own = lens_library.save(get_db(), current_user.id, text, replacing=replacing)
    except lens_library.InvalidLensSet as error:
        # Each field's TOML path (as the text names it) and the problem in the page's words.
        return _editor(form, replacing, [
            ("" if p.field == "(file)" else f"{p.field}: ") + fields.message(p.code, p.params)
            for p in error.problems], error.status)
    except ServiceError as error:
        # Kept: a set whose key is taken shows the editor again with the typed text; a
        # missing set is the 404 page.
        if error.status == 404:
            raise
        said = refusals.message(error)
        if error.code == "lens_set_exists":
            key = lens_library.parse(text).key  # read (and kept) a moment ago
            said = "key: " + fields.message(
                "key_builtin" if key in builtin_lens_sets() else "key_taken", {})
        return _editor(form, replacing, [said], error.status)
    return _saved(own)
