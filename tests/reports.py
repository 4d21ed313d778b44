"""Downloading a report as a browser does: a 202 "being made" answer is asked again at its
`Location` (the URL with the ticket) until the PDF is there (report_store.py)."""

import time

from werkzeug.test import TestResponse

TIMEOUT = 120.0  # seconds; the machine is shared, a first build loads matplotlib


def fetch_report(client, url: str, headers: dict | None = None) -> TestResponse:
    """The report at `url`, once it is made (or a refusal)."""
    response = client.get(url, headers=headers)
    deadline = time.monotonic() + TIMEOUT
    while response.status_code == 202:
        assert time.monotonic() < deadline, f"{url} was still being made after {TIMEOUT:g} s"
        time.sleep(0.1)
        response = client.get(response.headers["Location"], headers=headers)
    return response
