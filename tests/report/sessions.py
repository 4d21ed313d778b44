"""Realistic sessions to report on: scores drawn with a fixed seed, figures by `lenses`."""

import random
from dataclasses import replace
from datetime import UTC, datetime

from facilitator.pdf import ReportData
from lenses import Response, builtin_lens_sets, opinion_groups, picture

LENS_SET = builtin_lens_sets()["kaats-opheij"]
# Three parties of eight, a party of two (below the anonymity threshold of 3) and one
# party nobody joined for.
PARTIES = {"Gemeente Noordstad": 8, "Zorggroep West": 8, "Jeugdzorg Plus": 8,
           "Stichting Kleinschalig": 2, "Woonstichting De Linde": 0}
SMALL_PARTY, MISSING_PARTY = "Stichting Kleinschalig", "Woonstichting De Linde"


def responses(parties: dict[str, int], seed: int = 7) -> tuple[list[Response], dict[str, str]]:
    """Every participant scores every statement around their party's view of each lens,
    so some lenses differ between the parties and some within them; the last participant
    of each party joins without scoring."""
    rng = random.Random(seed)
    lenses = LENS_SET.lenses
    result, joined = [], {}
    for party, size in parties.items():
        views = {lens.key: rng.uniform(1.8, 4.6) for lens in lenses}
        for number in range(size):
            participant = f"{party}-{number}"
            joined[participant] = party
            if number == size - 1 and size > 3:
                continue
            for lens in lenses:
                own = views[lens.key] + rng.gauss(0, 0.6)
                for statement in lens.statements:
                    value = min(5, max(1, round(own + rng.gauss(0, 0.7))))
                    result.append(Response(participant, party, statement.key, value))
    return result, joined


def picture_of(parties: dict[str, int], seed: int = 7, scored: bool = True) -> dict:
    """The picture JSON of docs/api.md for the given parties; with `scored` false,
    everybody joined but nobody scored yet."""
    scores, joined = responses(parties, seed)
    scores = scores if scored else []
    min_group = 3
    figures = picture(LENS_SET, scores, list(parties), min_group=min_group, joined=joined)
    data = figures.to_dict()
    return {"session": 1, "state": "closed", "participants": data["participation"]["participants"],
            **data, "groups": opinion_groups(LENS_SET, scores, min_group)}


def session(language: str = "en", parties: dict[str, int] | None = None, **changes) -> ReportData:
    """A report on a realistic session, with comments, agreements and a previous session."""
    parties = PARTIES if parties is None else parties
    data = ReportData(
        title="Voortgangssessie najaar", collaboration="Jeugdhulp Regio West",
        date=datetime(2026, 11, 23, 14, 0, tzinfo=UTC), facilitator="Anna de Vries",
        language=language, organisations=list(parties),
        lens_set=LENS_SET.localized(language), picture=picture_of(parties),
        comments={"interests": ["We zeggen niet hardop wat we echt willen.",
                                "Budget <blijft> een punt & dat weet iedereen."]},
        agreements={"relationship": [
            {"text": "Elke maand een gezamenlijke lunch", "who": "Gemeente Noordstad",
             "when": datetime(2026, 12, 15, tzinfo=UTC)},
            {"text": "Escalatieladder op papier", "who": "Bram", "when": "Q1 2027"}]},
        previous={"title": "Startsessie", "date": datetime(2026, 5, 12, tzinfo=UTC),
                  "lenses": [{"key": lens.key, "mean": 3.1 + 0.1 * i, "consensus": 0.6}
                             for i, lens in enumerate(LENS_SET.lenses)]},
    )
    return replace(data, **changes)
