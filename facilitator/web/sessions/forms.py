from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from facilitator.services.sessions import MAX_ORGANISATIONS, MAX_PARTICIPANTS
from facilitator.services.validation import NAME_LENGTH


class NewSessionForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=120)])
    lens_set = SelectField(_l("Lens set"))
    organisations = TextAreaField(
        _l("Participating organisations (one per line)"), validators=[DataRequired()]
    )
    language = SelectField(
        _l("Language"), choices=[SelectChoice("nl", "Nederlands"), SelectChoice("en", "English")]
    )
    collaboration = StringField(
        _l("Collaboration (optional; sessions of one collaboration are compared over time)"),
        validators=[Length(max=120)],
    )
    ask_names = BooleanField(_l("Ask participants for their name (optional for them)"))
    my_place = BooleanField(
        _l("After the reveal, show each participant their own place in the picture on their "
           "phone"), default=True)
    rounds = SelectField(_l("Rounds"), default="now", choices=[
        SelectChoice("now", _l("One round: how is it now?")),
        SelectChoice("now-future", _l("Two rounds: now, and where we want to be in a year")),
        SelectChoice("now-after", _l("Two rounds: before and after the conversation")),
    ])
    max_participants = IntegerField(
        _l("At most this many participants (optional)"),
        validators=[Optional(), NumberRange(min=1, max=MAX_PARTICIPANTS)],
    )

    def organisation_names(self) -> list[str]:
        return [line.strip() for line in self.organisations.data.splitlines() if line.strip()]


ROUND_PLANS = {"now": ["now"], "now-future": ["now", "future"], "now-after": ["now", "after"]}


class CloseForm(FlaskForm):
    """Only the CSRF token: closing (or deleting) is one button."""


class ArchiveFilterForm(FlaskForm):
    """The archive's search and filters, sent as a GET query (no CSRF needed)."""

    q = StringField(_l("Search title or collaboration"))
    lens_set = SelectField(_l("Lens set"))


# The service's refusals, said in the facilitator's language on the form.
REFUSALS = {
    "invalid_title": _l("A title is 1 to 120 characters."),
    "invalid_organisations": _l(
        "Name 1 to %(n)s organisations, each once and at most %(length)s characters long.",
        n=MAX_ORGANISATIONS, length=NAME_LENGTH,
    ),
    "unknown_lens_set": _l("Choose one of the lens sets."),
    "invalid_language": _l("Choose Dutch or English."),
}
