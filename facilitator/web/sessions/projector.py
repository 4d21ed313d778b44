"""The projector page, for the signed-in facilitator and for a read-only projector link:
one template, in the session's language, showing only what the room may see."""

from flask import g, render_template

from facilitator import labels, palette
from facilitator.database import get_db
from facilitator.live.picture import archived_picture
from facilitator.models import LensSession
from facilitator.queries import lens_set_of
from facilitator.web.links import join_url
from lenses.anonymity import POOL_NAME


def projector_page(session: LensSession, *, link: str | None, qr_url: str) -> str:
    g.language = session.language
    return render_template(
        "sessions/present.html", session=session, join_url=(url := join_url(session.code)),
        join_url_plain=url.split("://", 1)[-1],
        lens_set=lens_set_of(session).localized(session.language),
        picture=archived_picture(get_db(), session), link=link, qr_url=qr_url,
        phase_labels=labels.plain(labels.PHASES),
        round_labels=labels.plain(labels.ROUNDS),
        follow_up_labels=labels.in_order(labels.FOLLOW_UP),
        readings=labels.plain(labels.READINGS), reasons=labels.plain(labels.REASONS),
        bands=labels.plain(labels.BANDS), withheld=labels.plain(labels.WITHHELD),
        counts=labels.counts(), consensus_scale=str(labels.CONSENSUS_SCALE),
        # The pool of units is named POOL_NAME in the data; the page says it in its language.
        pool_name=POOL_NAME, pool=str(labels.POOL),
        palette=palette.for_pages(),
    )
