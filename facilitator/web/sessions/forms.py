from collections.abc import Mapping, Sequence

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from facilitator import labels
from facilitator.models import LensSession
from facilitator.services.parties import MAX_PARTIES
from facilitator.services.sessions import MAX_ORGANISATIONS, MAX_PARTICIPANTS
from facilitator.services.validation import NAME_LENGTH
from lenses.anonymity import POOL_NAME
from lenses.parties import ANONYMOUS, ATTRIBUTIONS

# A new session's smallest group shown on its own (the model's default, lenses/anonymity.py).
MIN_GROUP = LensSession.model_fields["min_group"].default


class NewSessionForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=120)])
    lens_set = SelectField(_l("Lens set"))
    organisations = TextAreaField(
        _l("Participating organisations (one per line)"), validators=[DataRequired()]
    )
    parties = TextAreaField(_l("Parties (optional)"))
    attribution = RadioField(_l("How organisations are shown"), default=ANONYMOUS)
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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.attribution.choices = attribution_choices(MIN_GROUP)
        self.party_list: list[dict] = []

    def organisation_names(self) -> list[str]:
        return [line.strip() for line in self.organisations.data.splitlines() if line.strip()]

    def validate_parties(self, field: TextAreaField) -> None:
        self.party_list = read_parties(field.data or "", self.organisation_names())


def attribution_choices(min_group: int) -> list[SelectChoice]:
    """Anonymous or open, each said in full (labels.ATTRIBUTIONS)."""
    return [SelectChoice(key, str(labels.ATTRIBUTIONS[key]) % {"k": min_group})
            for key in ATTRIBUTIONS]


def read_parties(text: str, organisations: Sequence[str]) -> list[dict]:
    """The form's lines `Gemeenten: Gemeente Noordstad, Gemeente Zuidveen` as the service
    takes parties, each organisation spelled as in the list of organisations (matched
    whatever the case or spacing; a name with a comma is read whole). A line that cannot
    be read is named; which parties are allowed is the service's rule (parties.given)."""
    known = {_folded(name): " ".join(name.split()) for name in organisations}
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        name, colon, rest = line.partition(":")
        if not line.strip():
            continue
        if not colon or not name.strip() or not rest.strip(" ,"):
            raise ValidationError(_(
                "Line %(n)s: write the party's name, a colon and its organisations separated "
                "by commas, for example: Gemeenten: Gemeente Noordstad, Gemeente Zuidveen.",
                n=number))
        found.append({"name": " ".join(name.split()),
                      "organisations": _members(rest, known, number)})
    return found


def _members(text: str, known: Mapping[str, str], number: int) -> list[str]:
    """The organisations of one line: its comma-separated names, where the pieces of a
    name that itself holds a comma are joined until they name an organisation."""
    members, pending = [], []
    for piece in (p.strip() for p in text.split(",")):
        if not piece and not pending:
            continue
        pending.append(piece)
        match = known.get(_folded(", ".join(pending)))
        if match is not None:
            members.append(match)
            pending = []
    if pending:
        raise ValidationError(_("Line %(n)s: “%(name)s” is not one of the participating "
                                "organisations.", n=number, name=pending[0]))
    return members


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def parties_text(parties: Sequence[Mapping] | None) -> str:
    """Parties as the form's lines (`read_parties` reads them back)."""
    return "\n".join(f"{p['name']}: {', '.join(p['organisations'])}" for p in parties or ())


def lobby_page(session: LensSession, organisations: Sequence[str]) -> dict:
    """What the control page's parties card needs: each organisation with its party, the
    attribution choices, and the words of the forecast for its script (with "{n}" and
    "{with}" for what the script fills in)."""
    attributions = attribution_choices(session.min_group)
    return {
        "organisations": organisations, "attributions": attributions,
        "party_of": {m: p["name"] for p in session.parties or () for m in p["organisations"]},
        "parties_words": {
            "shown": str(labels.FORECAST["shown"]),
            "pooled": str(labels.FORECAST["pooled"]) % {"with": "{with}"},
            "withheld": str(labels.FORECAST["withheld"]),
            "needs": str(labels.NEEDS) % {"n": "{n}"},
            "alone": _("%(n)s more to show it on its own", n="{n}"),
            "party": str(labels.UNIT_KINDS["party"]), "pool": str(labels.POOL),
            "poolName": POOL_NAME, "none": _("No parties."),
            "attributions": {choice.value: choice.label for choice in attributions},
            "saved": _("The parties are saved."),
            "errors": {
                "invalid_parties": str(REFUSALS["invalid_parties"]),
                "invalid_attribution": str(REFUSALS["invalid_attribution"]),
                "parties_locked": _("The parties stay as they are: the room has seen the "
                                    "results."),
                "attribution_locked": _("Open can only be chosen before anyone joins: "
                                        "participants must know it before they score."),
            },
        },
    }


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
    "invalid_parties": _l(
        "Check the parties: at most %(n)s, each with a name of its own (not an "
        "organisation's, at most %(length)s characters), and each organisation in at most "
        "one party.", n=MAX_PARTIES, length=NAME_LENGTH,
    ),
    "invalid_attribution": _l("Choose anonymous or open."),
}
