"""Hypothesis strategies: random valid lens sets and random sessions of responses."""

from dataclasses import dataclass

from hypothesis import strategies as st

from lenses import LensSet, Response, parse_lens_set

keys = st.from_regex(r"[a-z0-9][a-z0-9-]{0,39}", fullmatch=True)
words = st.text(min_size=1, max_size=30).filter(str.strip)
texts = st.fixed_dictionaries({"nl": words, "en": words})


@st.composite
def lens_set_data(draw) -> dict:
    """A mapping that parse_lens_set accepts: 1-4 lenses of 1-4 statements, any small scale."""
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=4))
    lens_keys = draw(st.lists(keys, min_size=len(sizes), max_size=len(sizes), unique=True))
    statement_keys = iter(draw(st.lists(keys, min_size=sum(sizes), max_size=sum(sizes),
                                        unique=True)))
    lenses = [
        {"key": key, "name": draw(texts), "question": draw(texts),
         "statements": [{"key": next(statement_keys), "text": draw(texts)} for _ in range(size)]}
        for key, size in zip(lens_keys, sizes, strict=True)
    ]
    data = {"key": draw(keys), "name": draw(texts), "lenses": lenses}
    if draw(st.booleans()):
        data["description"] = draw(texts)
    if draw(st.booleans()):
        data["source"] = draw(words)
    if draw(st.booleans()):
        low = draw(st.integers(-5, 5))
        data["scale"] = {"min": low, "max": draw(st.integers(low + 1, low + 10)),
                         "low": draw(texts), "high": draw(texts)}
    return data


lens_sets = lens_set_data().map(lambda data: parse_lens_set(data, "random"))


@dataclass
class Session:
    lens_set: LensSet
    organisations: list[str]
    responses: list[Response]
    min_group: int


@st.composite
def sessions(draw) -> Session:
    """Up to 12 participants, each in one organisation, scoring random statements.

    Some (participant, statement) pairs come more than once: the last score counts.
    """
    lens_set = draw(lens_sets)
    organisations = draw(st.lists(words, min_size=1, max_size=4, unique=True))
    members = draw(st.lists(st.sampled_from(organisations), max_size=12))
    responses = []
    if members:
        scored = st.tuples(
            st.integers(0, len(members) - 1),
            st.sampled_from(lens_set.statement_keys()),
            st.sampled_from(lens_set.scale.points),
        )
        responses = [Response(f"p{i}", members[i], statement, value)
                     for i, statement, value in draw(st.lists(scored, max_size=60))]
    return Session(lens_set, organisations, responses, draw(st.integers(1, 4)))


@dataclass
class History:
    """What happened in a session: steps (participant, statement or None for a join only,
    value), in order; participant i is "p{i}" of organisation members[i]."""

    lens_set: LensSet
    organisations: list[str]
    members: list[str]
    steps: list[tuple[int, str | None, int]]
    min_group: int

    def joined(self) -> dict[str, str]:
        return {f"p{i}": self.members[i] for i, _, _ in self.steps}

    def scores(self) -> dict[tuple[str, str], int]:
        """The last score of each (participant, statement)."""
        return {(f"p{i}", s): value for i, s, value in self.steps if s is not None}


@st.composite
def histories(draw) -> History:
    """Up to 12 participants join; each scores some statements; some scores change; all in
    a random order.

    The values come from a few points of the scale (often), so that agreement and two
    camps are common.
    """
    lens_set = draw(lens_sets)
    organisations = draw(st.lists(words, min_size=1, max_size=4, unique=True))
    members = draw(st.lists(st.sampled_from(organisations), min_size=1, max_size=12))
    scale = lens_set.scale.points
    values = st.sampled_from(draw(st.lists(st.sampled_from(scale), min_size=1,
                                           max_size=len(scale))))
    pairs = [(i, key) for i in range(len(members)) for key in lens_set.statement_keys()]
    first = draw(st.lists(st.none() | values, min_size=len(pairs), max_size=len(pairs)))
    changes = draw(st.lists(st.tuples(st.sampled_from(pairs), values), max_size=20))
    steps = [(i, None, scale[0]) for i in range(len(members))]
    steps += [(i, key, value) for (i, key), value in zip(pairs, first, strict=True)
              if value is not None]
    steps += [(i, key, value) for (i, key), value in changes]
    return History(lens_set, organisations, members, draw(st.permutations(steps)),
                   draw(st.integers(1, 4)))


@dataclass
class RoundedSession:
    """A session of several rounds: who joined (in joining order) and each round's scores."""

    lens_set: LensSet
    organisations: list[str]
    joined: dict[str, str]  # participant -> organisation
    rounds: dict[int, list[Response]]
    min_group: int

    def truth(self) -> dict[tuple[str, int, str], int]:
        """(participant, round, statement) -> the score given."""
        return {(r.participant, number, r.statement): r.value
                for number, found in self.rounds.items() for r in found}


@st.composite
def rounded_sessions(draw, lens_set: LensSet | None = None, max_rounds: int = 3) -> RoundedSession:
    """1-4 organisations of 1-8 participants (sometimes none), 1-3 rounds; each participant
    skips whole rounds and lenses at random, and scores some statements of the others.
    Scores come from a few points of the scale, so equal scores are common."""
    lens_set = lens_set or draw(lens_sets)
    organisations = draw(st.lists(words, min_size=1, max_size=4, unique=True))
    sizes = [draw(st.integers(0, 8) if i else st.integers(1, 8)) for i in range(len(organisations))]
    joined = {f"p{name}-{i}": name for name, size in zip(organisations, sizes, strict=True)
              for i in range(size)}
    order = draw(st.permutations(list(joined)))
    joined = {p: joined[p] for p in order}
    values = st.sampled_from(draw(st.lists(st.sampled_from(lens_set.scale.points), min_size=1,
                                           max_size=3)))
    skip = draw(st.sampled_from([0.0, 0.15, 0.4]))  # how often a lens or round is skipped
    rounds = {}
    for number in range(1, draw(st.integers(1, max_rounds)) + 1):
        found = []
        for participant, name in joined.items():
            if draw(st.floats(0, 1)) < skip:
                continue  # skips the round
            for lens in lens_set.lenses:
                if draw(st.floats(0, 1)) < skip:
                    continue  # skips the lens
                keys = [s.key for s in lens.statements]
                chosen = draw(st.lists(st.sampled_from(keys), min_size=1, unique=True))
                found += [Response(participant, name, key, draw(values)) for key in chosen]
        rounds[number] = found
    return RoundedSession(lens_set, organisations, joined, rounds,
                          draw(st.sampled_from([1, 2, 3, 3, 3, 4])))
