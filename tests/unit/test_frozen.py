"""Pictures frozen before the room's own figures were withheld (lenses/frozen.py): with the
rule applied again they show exactly what a picture made under the rule shows."""

from dataclasses import replace

from hypothesis import given

from lenses import picture
from lenses.agenda import agenda
from lenses.frozen import withhold

from .strategies import sessions


def frozen_before_the_rule(session) -> dict:
    """The picture as the code before the rule made it: the room's figures of every lens
    and statement (as min_group 1 gives them), the organisations and divergence under
    min_group, no `shown` of lenses and statements; the agenda of those figures."""
    args = (session.lens_set, session.responses, session.organisations)
    everything, under = picture(*args, min_group=1), picture(*args, session.min_group)
    lenses = tuple(replace(whole, organisations=part.organisations, divergence=part.divergence,
                           parties=part.parties)
                   for whole, part in zip(everything.lenses, under.lenses, strict=True))
    old = replace(under, lenses=lenses, agenda=agenda(lenses)).to_dict()
    for lens in old["lenses"]:
        del lens["shown"]
        for statement in lens["statements"]:
            del statement["shown"]
    return old


@given(sessions())
def test_a_frozen_picture_withheld_again_is_the_picture_under_the_rule(session):
    old = {**frozen_before_the_rule(session), "comparison": [{"round": 2, "lenses": []}]}
    new = picture(session.lens_set, session.responses, session.organisations,
                  session.min_group).to_dict()
    again = withhold(old)
    assert again["lenses"] == new["lenses"]
    assert again["agenda"] == new["agenda"]
    assert again["comparison"] is None  # round 1's counts are not in a snapshot


@given(sessions())
def test_a_picture_made_under_the_rule_is_left_as_it_is(session):
    new = picture(session.lens_set, session.responses, session.organisations,
                  session.min_group).to_dict()
    assert withhold(new) is new


@given(sessions())
def test_a_snapshot_from_before_the_bands_gets_them_and_their_reasons(session):
    new = picture(session.lens_set, session.responses, session.organisations,
                  session.min_group).to_dict()
    old = {**new, "lenses": [
        {**lens, "divergence": {k: v for k, v in lens["divergence"].items() if k != "band"},
         "organisations": [{k: v for k, v in o.items() if k != "withheld"}
                           for o in lens["organisations"]]} for lens in new["lenses"]],
        # the old threshold: every lens below 0.75 "low"
        "agenda": [{**item, "reasons": (["low_consensus"] if item["consensus"] < 0.75 else [])
                    + [r for r in item["reasons"] if not r.endswith("_consensus")]}
                   for item in new["agenda"]]}
    again = withhold(old)
    assert again["lenses"] == new["lenses"]
    assert again["agenda"] == new["agenda"]
