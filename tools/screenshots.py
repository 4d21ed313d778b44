"""Make the screenshots in docs/: a real server, 36 simulated phones, a real browser.

    .venv/bin/python tools/screenshots.py

Three organisations × twelve participants score the Kaats & Opheij set through the real
Socket.IO interface (python-socketio's client); Playwright then photographs the projector
page and a phone. Scores are drawn at random (fixed seed) around views per organisation,
so the picture shows agreement, a difference between parties and one within them.
"""

import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import socketio as socketio_client
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).parents[1]
PASSWORD = "screenshot password"
ORGANISATIONS = ["Gemeente Noordstad", "Zorggroep West", "Woonstichting De Linde"]
# The centre of each organisation's view per lens; None = individuals differ widely.
VIEWS = {
    "ambition": [4, 4, 4],
    "interests": [2, 4.5, 3],
    "relationship": [None, None, None],
    "organisation": [3, 3, 2.5],
    "process": [2, 4, 4],
}


def facilitator(*args: str, env: dict, stdin: str | None = None) -> str:
    command = [sys.executable, "-m", "facilitator", *args]
    return subprocess.run(command, env=env, input=stdin, check=True, capture_output=True,
                          text=True).stdout


def start_server(folder: Path, port: int) -> tuple[subprocess.Popen, str, dict]:
    env = {**os.environ, "FACILITATOR_DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
           "FACILITATOR_SECRET_KEY": "screenshots"}
    facilitator("user", "add", "anna", "--password-stdin", env=env, stdin=PASSWORD)
    token = facilitator("token", "anna", env=env).strip().splitlines()[-1]
    server = subprocess.Popen([sys.executable, "-m", "facilitator", "serve", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    return server, token, env


def api(url: str, token: str, path: str, body: dict | None = None) -> object:
    """A call of the JSON API as the facilitator (POST when there is a body)."""
    request = urllib.request.Request(
        f"{url}/api{path}", data=json.dumps(body).encode() if body is not None else None,
        method="POST" if body is not None else "GET",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def open_session(url: str, token: str) -> dict:
    return api(url, token, "/sessions", {
        "title": "Jeugdhulp Regio West — voorjaar", "organisations": ORGANISATIONS,
        "phase": "scoring", "language": "nl"})


def discuss(url: str, token: str, session: dict) -> None:
    """Reveal, approve the comment, record an agreement: the room in the discussion."""
    path = f"/sessions/{session['id']}"
    api(url, token, f"{path}/phase", {"phase": "discussion"})
    for comment in api(url, token, f"{path}/comments"):
        api(url, token, f"{path}/comments/{comment['id']}", {"status": "approved"})
    api(url, token, f"{path}/agreements", {
        "lens": "interests", "text": "Elke partij zet op papier wat zij uit de samenwerking "
        "wil halen; bespreken in het volgende overleg.", "who": "Procesregisseur",
        "due": "2027-01-15"})


def score(value: float | None, rng: random.Random) -> int:
    if value is None:
        return rng.choice([1, 2, 4, 5, 5, 1])
    return min(5, max(1, round(rng.gauss(value, 0.6))))


def simulate_phones(url: str, code: str, rng: random.Random) -> None:
    for index in range(36):
        organisation = index % 3
        client = socketio_client.Client()
        client.connect(url, transports=["websocket"])
        answer = client.call("join", {"code": code, "organisation": ORGANISATIONS[organisation]})
        for lens in answer["lenses"]:
            for statement in lens["statements"]:
                value = score(VIEWS[lens["key"]][organisation], rng)
                client.call("score", {"statement": statement["key"], "value": value})
        if index == 4:
            client.call("comment", {"lens": "interests", "text": "We weten niet wat de "
                                    "woningcorporatie zelf uit de samenwerking wil halen."})
        client.disconnect()


def photograph(url: str, token: str, session: dict) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        phone = browser.new_page(viewport={"width": 360, "height": 740}, is_mobile=True)
        phone.goto(session["join_url"])
        phone.locator("label.choice").nth(1).click()
        phone.get_by_role("button", name="Beginnen met scoren").click()
        phone.locator("#statements label:has(input[value='4'])").first.click()
        phone.wait_for_timeout(500)
        phone.screenshot(path=ROOT / "docs/phone.png", full_page=True)
        discuss(url, token, session)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.goto(f"{url}/login")
        page.fill("#name", "anna")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.goto(f"{url}/sessions/{session['id']}")
        page.wait_for_timeout(1500)
        page.screenshot(path=ROOT / "docs/projector.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{url}/sessions/{session['id']}/control")
        page.wait_for_timeout(1000)
        page.screenshot(path=ROOT / "docs/control.png", full_page=True)
        browser.close()


def main() -> None:
    port = 8765
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as folder:
        server, token, _env = start_server(Path(folder), port)
        try:
            session = open_session(url, token)
            simulate_phones(url, session["code"], random.Random(7))
            photograph(url, token, session)
        finally:
            server.terminate()
            server.wait()
    print("wrote docs/projector.png, docs/phone.png and docs/control.png")


if __name__ == "__main__":
    main()
