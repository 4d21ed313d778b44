"""Start tests/oidc/provider.mjs (panva's oidc-provider, a real OpenID Connect provider)
on free ports of localhost, for the module's tests and the end-to-end test."""

import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCRIPT = Path(__file__).parent / "provider.mjs"


def client(client_id: str, secret: str, redirect_uri: str, id_token_ttl: int = 300) -> dict:
    """A client registered at a provider; `id_token_ttl` below 0 issues expired tokens."""
    return {"client_id": client_id, "client_secret": secret, "redirect_uris": [redirect_uri],
            "id_token_ttl": id_token_ttl}


@contextmanager
def running(*providers: list[dict]) -> Iterator[list[str]]:
    """One provider per list of clients, each on a free port with its own keys; their
    issuers, while they run."""
    config = {"providers": [{"port": 0, "clients": clients} for clients in providers]}
    node = subprocess.Popen(["node", str(SCRIPT), json.dumps(config)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = node.stdout.readline()
        assert line, "the OpenID Connect provider did not start (npm ci?)"
        yield json.loads(line)["issuers"]
    finally:
        node.terminate()
        node.wait(10)
        node.stdout.close()
