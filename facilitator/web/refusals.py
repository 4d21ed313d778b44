"""A refusal (ServiceError) on an HTML page, answered as a page in the reader's language.

The JSON API answers a refusal as `{"error": {...}}` and Socket.IO as the acknowledgement
(acknowledgements.py); a page answers it here, with the refusal's HTTP status:

- something that is not there (or not the reader's: the services say "not found" for
  both) is the site's error page, 404;
- a view marked `@shows_refusals_on("endpoint")` shows that page again (the one the
  action was taken from), with the reason flashed;
- anything else is the error page with the reason and a link back.

A view keeps its own `except ServiceError` only when it does something else with a
refusal (shows a form again with what was typed, counts a miss, …).
"""

from collections.abc import Callable
from urllib.parse import urlsplit

from flask import (
    current_app,
    flash,
    make_response,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from facilitator.errors import ServiceError
from facilitator.services.follow_up import MAX_FOLLOW_UP
from facilitator.services.readers import MAX_DAYS

# The services' refusals that a page can meet, by code, in the reader's language.
MESSAGES = {
    "session_not_found": _l("This session does not exist, or it is not yours."),
    "collaboration_not_found": _l("This collaboration does not exist, or it is not yours."),
    "unknown_projector_link": _l("This projector link does not work (any more). Ask the "
                                 "facilitator for a new one."),
    "session_closed": _l("This session is closed."),
    "participant_not_found": _l("No participant of this session has this withdraw code."),
    "lens_set_not_found": _l("You have no lens set with this key."),
    "scores_removed": _l("The raw scores were removed after the retention period; the "
                         "picture and the report remain."),
    "invalid_audience": _l("The report is the full report or the summary."),
    "report_failed": _l("The report could not be made; try again."),
    "invalid_from": _l("A date is written as YYYY-MM-DD."),
    "invalid_to": _l("A date is written as YYYY-MM-DD."),
    "not_in_lobby": _l("Scoring has started: the agreements to look at again stay as they "
                       "are."),
    "already_answered": _l("Phones answered the follow-up already: it stays as it is."),
    "invalid_follow_up": _l("Tick at most %(n)s of the open agreements.", n=MAX_FOLLOW_UP),
    "unknown_reader_link": _l("This link to the collaboration's record does not work (any "
                              "more). Ask the facilitator of the collaboration for a new one."),
    "reader_link_expired": _l("This link to the collaboration's record has expired. Ask the "
                              "facilitator of the collaboration for a new one."),
    "full_report_not_shared": _l("This link shares the sessions' summaries, not their full "
                                 "reports."),
    "reader_not_found": _l("This reader link does not exist (any more)."),
    "invalid_expires": _l("A date is written as YYYY-MM-DD."),
    "expires_in_past": _l("The link's last day is today or a later day."),
    "expires_too_late": _l("A reader link lasts at most %(n)s days.", n=MAX_DAYS),
    "internal": _l("Something went wrong; try again."),
}
NOT_FOUND = _l("This page does not exist, or it is not yours.")


def message(error: ServiceError) -> str:
    """The refusal in the reader's language (the service's own words for a code that no
    page expects)."""
    said = MESSAGES.get(error.code) or (NOT_FOUND if error.status == 404 else error.message)
    return str(said)


def shows_refusals_on(endpoint: str) -> Callable:
    """Mark a view whose refusals show `endpoint`'s page again (with the view arguments it
    takes from this request), the reason flashed above it."""
    def mark(view: Callable) -> Callable:
        view.refusals_shown_on = endpoint
        return view
    return mark


def page(error: ServiceError):
    """The page for a refusal on an HTML route (see the module's docstring)."""
    said = message(error)
    endpoint = getattr(current_app.view_functions.get(request.endpoint),
                       "refusals_shown_on", None)
    if error.status == 404 or endpoint is None:
        return error_page(said, error.status)
    flash(said, "error")
    try:
        shown = make_response(_view(endpoint))
    except ServiceError as gone:  # that page is gone too (deleted meanwhile, say)
        session.pop("_flashes", None)  # the error page says what matters
        return error_page(message(gone), gone.status)
    shown.status_code = error.status
    return shown


def error_page(said: str, status: int):
    """The site's error page: what went wrong and a way back."""
    heading = (_("Not found") if status == 404 else _("Something went wrong")
               if status >= 500 else _("That did not work"))
    return render_template("error.html", heading=heading, message=said,
                           back=_back_url()), status


def _view(endpoint: str):
    """What `endpoint`'s view answers for this request's view arguments."""
    rule = next(current_app.url_map.iter_rules(endpoint))
    arguments = {key: value for key, value in (request.view_args or {}).items()
                 if key in rule.arguments}
    return current_app.view_functions[endpoint](**arguments)


def _back_url() -> str:
    """The page the reader came from on this site, else their start page."""
    came_from = urlsplit(request.referrer or "")
    if came_from.netloc == request.host and came_from.path != request.path:
        return came_from.path + (f"?{came_from.query}" if came_from.query else "")
    if current_user.is_authenticated:
        return url_for("sessions.index")
    return url_for("participate.home")
