"""'My place' over Socket.IO: after the reveal a phone asks `place` and gets its own lens
scores against what the picture shows, in its acknowledgement only."""


from facilitator.extensions import socketio
from lenses import builtin_lens_sets
from tests.conftest import ORGANISATIONS


def statements(app) -> tuple[str, ...]:
    found = builtin_lens_sets()["kaats-opheij"]
    return tuple(s.key for s in found.lenses[0].statements)


def room(app, session, phone, values, organisation=ORGANISATIONS[0]):
    """Phones that each score every statement of the first lens with one value."""
    phones = []
    for value in values:
        p = phone(session["code"], organisation)
        for key in statements(app):
            assert p.emit("score", {"statement": key, "value": value}, callback=True) == \
                {"ok": True}
        phones.append(p)
    return phones


def place(p) -> dict:
    return p.emit("place", {}, callback=True)


def test_after_the_reveal_a_phone_sees_its_own_place(app, session, control, phone):
    low, mid, high = room(app, session, phone, [2, 3, 4])
    assert place(low)["error"]["code"] == "results_hidden"  # not while scoring
    revealed = control.emit("phase", {"session": session["id"], "phase": "reveal"},
                            callback=True)
    lens = revealed["lenses"][0]
    shown = place(low)["place"]
    assert [p["lens"] for p in shown] == [lens["key"]]  # only lenses someone scored
    first = shown[0]
    assert first["own"] == 2 and first["mean"] == lens["mean"] == 3
    assert first["distribution"] == [lens["distribution"][str(p)] for p in range(1, 6)]
    assert first["standing"] == "lower"
    assert first["organisation"] == {"mean": 3.0, "withheld": None,
                                     "name": ORGANISATIONS[0], "kind": "organisation",
                                     "organisations": [ORGANISATIONS[0]]}
    assert place(mid)["place"][0]["standing"] == "about"
    assert place(high)["place"][0]["standing"] == "higher"


def test_the_figures_are_sent_as_shown_and_the_words_agree_with_them(
        app, session, control, phone):
    """Own 3,3 (10/3) beside the room's 3,4: "about", though most of the others'
    statement scores are below 3,3 (what the old rule went by, saying "higher")."""
    phones = []
    for values in ([3, 4, 3], [3, 3, 3], [5, 4, 3]):
        p = phone(session["code"], ORGANISATIONS[0])
        for key, value in zip(statements(app), values, strict=True):
            assert p.emit("score", {"statement": key, "value": value}, callback=True) == \
                {"ok": True}
        phones.append(p)
    control.emit("phase", {"session": session["id"], "phase": "reveal"}, callback=True)
    first = place(phones[0])["place"][0]
    assert (first["own"], first["mean"], first["standing"], first["threshold"]) == \
        (3.3, 3.4, "about", 0.25)
    assert first["organisation"]["mean"] == 3.4


def test_a_withheld_room_or_organisation_is_said_so(app, session, control, phone):
    alone, *_ = room(app, session, phone, [2, 4], ORGANISATIONS[0])
    control.emit("phase", {"session": session["id"], "phase": "reveal"}, callback=True)
    first = place(alone)["place"][0]
    assert first["withheld"] == "too_small" and first["mean"] is None
    assert first["distribution"] == [] and first["standing"] is None
    assert first["own"] == 2  # the own score is the phone's own
    assert first["organisation"] == {"mean": None, "withheld": "too_small",
                                     "name": "Overige organisaties", "kind": "pool",
                                     "organisations": [ORGANISATIONS[0]]}


def test_the_place_goes_to_the_asking_phone_alone(app, session, control, phone):
    phones = room(app, session, phone, [2, 3, 4])
    control.emit("phase", {"session": session["id"], "phase": "reveal"}, callback=True)
    for p in phones:
        p.get_received()
    control.get_received()
    place(phones[0])
    for other in [*phones, control]:
        assert not [m for m in other.get_received() if "place" in str(m["args"])]


def test_the_facilitator_switches_it_off_and_phones_follow(app, session, control, phone):
    p, *_ = room(app, session, phone, [2, 3, 4])
    control.emit("phase", {"session": session["id"], "phase": "reveal"}, callback=True)
    p.get_received()
    state = control.emit("settings", {"session": session["id"], "my_place": False},
                         callback=True)
    assert state["my_place"] is False
    assert [m["args"][0]["my_place"] for m in p.get_received() if m["name"] == "state"] == \
        [False]
    assert place(p)["error"]["code"] == "place_off"
    refused = control.emit("settings", {"session": session["id"], "my_place": "no"},
                           callback=True)
    assert refused["error"]["code"] == "invalid_my_place"


def test_place_needs_a_joined_phone(app, session):
    stranger = socketio.test_client(app)
    assert stranger.emit("place", {}, callback=True)["error"]["code"] == "not_joined"


def test_the_option_is_set_when_the_session_opens(client, anna):
    body = {"title": "Zonder", "organisations": ["A"], "my_place": False}
    made = client.post("/api/sessions", json=body, headers=anna)
    assert made.status_code == 201 and made.json["my_place"] is False
    wrong = client.post("/api/sessions", json={**body, "my_place": 1}, headers=anna)
    assert wrong.json["error"]["code"] == "invalid_my_place"


def checkbox(html: str, element_id: str) -> str:
    """The opening tag of the input with that id."""
    start = html.index(f'id="{element_id}"')
    return html[html.rindex("<input", 0, start):html.index(">", start)]


def test_the_new_session_form_has_the_option_on_and_can_switch_it_off(client, auth, anna):
    auth.login()
    assert "checked" in checkbox(client.get("/sessions/").get_data(as_text=True), "my_place")
    form = {"title": "Zonder plaats", "lens_set": "kaats-opheij", "language": "nl",
            "organisations": "A\r\nB", "rounds": "now"}  # an unticked box is not sent
    made = client.post("/sessions/", data=form)
    assert made.status_code == 302
    session_id = int(made.headers["Location"].rstrip("/").split("/")[-2])
    assert client.get(f"/api/sessions/{session_id}", headers=anna).json["my_place"] is False
    control = client.get(made.headers["Location"]).get_data(as_text=True)
    assert "checked" not in checkbox(control, "my-place")
