"""Readings and the conversation agenda on sessions built for one story each."""

from lenses import Response, parse_lens_set, picture


def lens(key: str, *statements: str) -> dict:
    text = {"nl": key, "en": key}
    return {"key": key, "name": text, "question": text,
            "statements": [{"key": s, "text": text} for s in statements]}


LENS_SET = parse_lens_set({
    "key": "stories", "name": {"nl": "Verhalen", "en": "Stories"},
    "lenses": [lens("ambition", "ambition-1", "ambition-2"), lens("relationship", "relation-1"),
               lens("interests", "interests-1"), lens("process", "process-1"),
               lens("organisation", "organisation-1")],
}, "test")
ORGANISATIONS = ["Gemeente", "Zorg"]
MEMBERS = {"g1": "Gemeente", "g2": "Gemeente", "g3": "Gemeente",
           "z1": "Zorg", "z2": "Zorg", "z3": "Zorg"}


def scores(statement: str, **values: int) -> list[Response]:
    return [Response(p, MEMBERS[p], statement, value) for p, value in values.items()]


RESPONSES = [
    # everyone agrees on the ambition
    *scores("ambition-1", g1=4, g2=4, g3=4, z1=4, z2=4, z3=4),
    *scores("ambition-2", g1=4, g2=4, g3=4, z1=4, z2=4, z3=4),
    # individuals differ on the relationship, the same way in both organisations
    *scores("relation-1", g1=2, g2=3, g3=4, z1=2, z2=3, z3=4),
    # the organisations oppose each other on their interests
    *scores("interests-1", g1=5, g2=5, g3=5, z1=1, z2=1, z3=1),
    # the process splits the room in two as well, but across the organisations
    *scores("process-1", g1=5, g2=5, g3=1, z1=1, z2=1, z3=5),
]


def figures() -> dict:
    return picture(LENS_SET, RESPONSES, ORGANISATIONS).to_dict()


def reading(key: str) -> str:
    lens_ = next(lens_ for lens_ in figures()["lenses"] if lens_["key"] == key)
    return lens_["divergence"]["reading"]


def test_opposite_organisations_put_their_lens_first_on_the_agenda():
    first = figures()["agenda"][0]
    assert first["lens"] == "interests"
    assert first["reasons"] == ["low_consensus", "polarised", "between_parties"]
    assert first["consensus"] == 0.0
    assert reading("interests") == "between_parties"


def test_individuals_who_differ_within_each_organisation_read_as_within_parties():
    assert reading("relationship") == "within_parties"
    relationship = next(item for item in figures()["agenda"] if item["lens"] == "relationship")
    # 2, 3 and 4 equally often: spread over three neighbouring points (0.72) is mixed
    assert relationship["reasons"] == ["mixed_consensus", "within_parties"]


def test_everyone_agreeing_reads_as_agreement_at_the_end_of_the_agenda():
    assert reading("ambition") == "agreement"
    assert figures()["agenda"][-1] == {
        "lens": "ambition", "consensus": 1.0, "reading": "agreement", "reasons": [],
        "statements": ["ambition-1", "ambition-2"]}


def test_on_equal_consensus_the_larger_gap_between_organisations_comes_first():
    agenda = figures()["agenda"]
    # interests and process both split the room over the two extremes (consensus 0), but
    # the gap is 4 for interests and 4/3 for process
    assert [item["lens"] for item in agenda] == [
        "interests", "process", "relationship", "ambition"]
    assert [item["consensus"] for item in agenda[:2]] == [0.0, 0.0]


def test_a_lens_without_scores_is_not_on_the_agenda_and_reads_as_no_data():
    assert "organisation" not in [item["lens"] for item in figures()["agenda"]]
    assert reading("organisation") == "no_data"


def test_the_statements_of_a_lens_come_lowest_consensus_first():
    responses = [*scores("ambition-1", g1=4, g2=4, g3=4),
                 *scores("ambition-2", g1=1, g2=3, g3=5)]
    agenda = picture(LENS_SET, responses, ORGANISATIONS).to_dict()["agenda"]
    assert agenda == [{"lens": "ambition", "consensus": agenda[0]["consensus"],
                       "reading": "spread", "reasons": ["low_consensus"],
                       "statements": ["ambition-2", "ambition-1"]}]
