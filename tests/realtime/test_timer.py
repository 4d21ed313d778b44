"""The scoring timer over Socket.IO and HTTP: set with the phase, extended, stopped;
phones and screens hear its end and the seconds left; refusals change nothing."""

import pytest

from lenses.flow import MAX_TIMER


def received(client, name: str) -> list:
    return [m["args"][0] for m in client.get_received() if m["name"] == name]


def emit(page, event: str, **payload):
    return page.emit(event, payload, callback=True)


def test_the_timer_starts_with_scoring_and_phones_hear_its_end(session, control, phone):
    p = phone(session["code"])
    p.get_received()
    state = emit(control, "phase", session=session["id"], phase="scoring", timer=300)
    assert 298 <= state["remaining"] <= 300 and state["ends_at"].endswith("Z")
    heard = received(p, "state")[-1]
    assert heard["ends_at"] == state["ends_at"] and 298 <= heard["remaining"] <= 300
    again = p.emit("join", {"code": session["code"], "resume": p.answer["resume"]},
                   callback=True)
    assert again["session"]["ends_at"] == state["ends_at"]  # a reconnecting phone too
    assert received(control, "picture")[-1]["ends_at"] == state["ends_at"]  # screens too


def test_the_timer_is_extended_stopped_and_ends_with_the_phase(session, control, phone):
    emit(control, "phase", session=session["id"], phase="scoring", timer=60)
    extended = emit(control, "timer", session=session["id"], extend=120)
    assert 178 <= extended["remaining"] <= 180
    reset = emit(control, "timer", session=session["id"], timer=30)
    assert 28 <= reset["remaining"] <= 30
    same = emit(control, "phase", session=session["id"], phase="scoring")
    assert same["ends_at"] == reset["ends_at"]  # the same phase again keeps it
    stopped = emit(control, "timer", session=session["id"], timer=None)
    assert stopped["ends_at"] is None and stopped["remaining"] is None
    emit(control, "timer", session=session["id"], timer=30)
    revealed = emit(control, "phase", session=session["id"], phase="reveal")
    assert revealed["ends_at"] is None  # the timer belongs to the scoring phase
    back = emit(control, "phase", session=session["id"], phase="scoring")
    assert back["ends_at"] is None


def test_extending_past_sixty_minutes_stops_at_sixty(session, control):
    emit(control, "phase", session=session["id"], phase="scoring", timer=MAX_TIMER)
    assert emit(control, "timer", session=session["id"], extend=600)["remaining"] <= MAX_TIMER


@pytest.mark.parametrize("timer", [0, -5, MAX_TIMER + 1, 2.5, True, "300"])
def test_a_timer_at_or_below_zero_or_over_sixty_minutes_is_refused(session, control, timer):
    emit(control, "phase", session=session["id"], phase="scoring", timer=120)
    before = emit(control, "phase", session=session["id"], phase="scoring")
    for event, payload in (("phase", {"phase": "scoring", "timer": timer}),
                           ("timer", {"timer": timer}), ("timer", {"extend": timer})):
        answer = emit(control, event, session=session["id"], **payload)
        assert answer["error"]["code"] == "invalid_timer", (event, payload)
    after = emit(control, "phase", session=session["id"], phase="scoring")
    assert after["ends_at"] == before["ends_at"]  # nothing changed


def test_a_timer_event_without_timer_or_extend_is_refused_and_the_timer_runs_on(session,
                                                                               control):
    running = emit(control, "phase", session=session["id"], phase="scoring", timer=120)
    answer = emit(control, "timer", session=session["id"])
    assert answer["error"]["code"] == "invalid_timer"
    after = emit(control, "phase", session=session["id"], phase="scoring")
    assert after["ends_at"] == running["ends_at"]


def test_a_timer_is_only_for_scoring(session, control):
    emit(control, "phase", session=session["id"], phase="reveal")
    answer = emit(control, "phase", session=session["id"], phase="reveal", timer=60)
    assert answer["error"]["code"] == "invalid_timer"
    assert emit(control, "timer", session=session["id"], timer=60)["error"]["code"] == \
        "not_scoring"


def test_a_phone_cannot_set_the_timer(session, phone):
    p = phone(session["code"])
    answer = p.emit("timer", {"session": session["id"], "timer": 60}, callback=True)
    assert answer["error"]["code"] == "unauthorized"


def test_the_api_sets_the_timer_with_the_phase(client, anna, session):
    url = f"/api/sessions/{session['id']}/phase"
    answer = client.post(url, json={"phase": "scoring", "timer": 90}, headers=anna)
    assert answer.status_code == 200 and 88 <= answer.json["remaining"] <= 90
    refused = client.post(url, json={"phase": "scoring", "timer": 0}, headers=anna)
    assert refused.status_code == 400 and refused.json["error"]["code"] == "invalid_timer"
    assert client.get(f"/api/sessions/{session['id']}", headers=anna).json["ends_at"] == \
        answer.json["ends_at"]
