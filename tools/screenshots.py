"""Make the screenshots in docs/: a real server, 36 simulated phones, a real browser.

    .venv/bin/python tools/screenshots.py

Three organisations × twelve participants join and score the Kaats & Opheij set through
the real Socket.IO interface (python-socketio's client) while Playwright photographs the
projector at 1920×1080 in every view of every phase (docs/projector/, stepped through
with PageDown as a presentation clicker does), then a phone and the control page.
Scores are drawn at random (fixed seed) around views per organisation,
so the picture shows agreement, a difference between parties and one within them.
"""

import json
import os
import random
import shutil
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
        "phase": "lobby", "language": "nl"})


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


def join_phones(url: str, code: str) -> list:
    """36 phones join (three organisations × twelve) and stay connected."""
    phones = []
    for index in range(36):
        client = socketio_client.Client()
        client.connect(url, transports=["websocket"])
        answer = client.call("join", {"code": code, "organisation": ORGANISATIONS[index % 3]})
        phones.append((client, index % 3, answer["lenses"]))
    return phones


def score_phones(phones: list, rng: random.Random, first: int = 0) -> None:
    for index, (client, organisation, lenses) in enumerate(phones, start=first):
        for lens in lenses:
            for statement in lens["statements"]:
                value = score(VIEWS[lens["key"]][organisation], rng)
                client.call("score", {"statement": statement["key"], "value": value})
        if index == 4:
            client.call("comment", {"lens": "interests", "text": "We weten niet wat de "
                                    "woningcorporatie zelf uit de samenwerking wil halen."})


def sign_in(page, url: str) -> None:
    page.goto(f"{url}/login")
    page.fill("#name", "anna")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")


def photograph_views(page, folder: Path, prefix: str) -> None:
    """Every view of the phase, stepped through with PageDown as a clicker does."""
    views = page.evaluate("() => JSON.parse(document.getElementById('page-data').textContent)"
                          ".picture.views")
    page.wait_for_timeout(300)
    current = page.evaluate("() => document.body.dataset.view")
    for number in range(len(views)):
        name = current.replace(":", "-")
        page.screenshot(path=folder / f"{prefix}-{number + 1:02d}-{name}.png")
        page.keyboard.press("PageDown")
        page.wait_for_function(f"() => document.body.dataset.view !== {json.dumps(current)}"
                               " || true")
        page.wait_for_timeout(700)
        current = page.evaluate("() => document.body.dataset.view")


def photograph(url: str, token: str, session: dict, rng: random.Random) -> None:
    folder = ROOT / "docs/projector"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    path = f"/sessions/{session['id']}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        sign_in(page, url)
        page.goto(f"{url}{path}")
        page.wait_for_timeout(800)
        page.screenshot(path=folder / "1-lobby-empty.png")
        phones = join_phones(url, session["code"])
        page.wait_for_timeout(1200)
        page.screenshot(path=folder / "1-lobby.png")
        api(url, token, f"{path}/phase", {"phase": "scoring"})
        score_phones(phones[:25], rng)
        page.wait_for_timeout(1200)
        page.screenshot(path=folder / "2-scoring.png")
        phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
        phone.goto(session["join_url"])
        phone.locator("label.choice").nth(1).click()
        phone.locator("#join-form button[type=submit]").click()
        phone.locator("#statements label:has(input[value='4'])").first.click()
        phone.wait_for_timeout(500)
        phone.screenshot(path=ROOT / "docs/phone.png", full_page=True)
        score_phones(phones[25:], rng, first=25)
        api(url, token, f"{path}/phase", {"phase": "reveal"})
        page.reload()
        photograph_views(page, folder, "3-reveal")
        discuss(url, token, session)
        page.reload()
        photograph_views(page, folder, "4-discussion")
        shutil.copy(folder / "3-reveal-01-overview.png", ROOT / "docs/projector.png")
        for _ in range(20):  # back from the last view (the discussion ends on the agreements)
            if page.evaluate("() => document.body.dataset.view") == "lens:interests":
                break
            page.keyboard.press("PageUp")
            page.wait_for_timeout(400)
        page.wait_for_timeout(600)
        page.screenshot(path=ROOT / "docs/projector-lens.png")
        control = browser.new_page(viewport={"width": 1366, "height": 768})
        sign_in(control, url)
        control.goto(f"{url}{path}/control")
        control.wait_for_timeout(1000)
        control.screenshot(path=ROOT / "docs/control.png", full_page=True)
        for client, _organisation, _lenses in phones:
            client.disconnect()
        browser.close()


def main() -> None:
    port = 8765
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as folder:
        server, token, _env = start_server(Path(folder), port)
        try:
            session = open_session(url, token)
            photograph(url, token, session, random.Random(7))
        finally:
            server.terminate()
            server.wait()
    print("wrote docs/projector/*.png, docs/projector.png, docs/projector-lens.png, "
          "docs/phone.png and docs/control.png")


if __name__ == "__main__":
    main()
