"""A participant's page stays light for phones on congress Wi-Fi: the whole page, scripts
and stylesheet included, is under 100 KB as the server sends it compressed."""

import gzip
import re

import brotli

from tests.conftest import ORGANISATIONS

LIMIT = 100 * 1024


PHONE = {"Accept-Encoding": "gzip, deflate, br"}  # what a phone's browser sends


def _sent(client, path: str) -> int:
    """The bytes the server sends for `path` to a phone, checked to be compressed."""
    response = client.get(path, headers=PHONE)
    assert response.status_code == 200, path
    body = response.get_data()
    response.close()
    encoding = response.headers.get("Content-Encoding")
    if response.mimetype.startswith(("text/", "application/")):  # not the tiny icon
        assert encoding in ("gzip", "br"), (path, encoding)
        assert gzip.decompress(body) if encoding == "gzip" else brotli.decompress(body)
    return len(body)


def test_the_participants_page_with_its_scripts_is_under_100_kb_compressed(client, session):
    path = f"/j/{session['code']}"
    page = client.get(path).get_data(as_text=True)
    assert ORGANISATIONS[0] in page
    parts = [path, *re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)]
    assert any(p.endswith(".js") for p in parts) and any(p.endswith(".css") for p in parts)
    total = sum(_sent(client, part) for part in parts)
    assert total < LIMIT, f"{total} bytes"


def test_compressed_pages_keep_their_security_headers(client, session):
    response = client.get(f"/j/{session['code']}", headers=PHONE)
    assert response.headers["Content-Encoding"] in ("gzip", "br")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    body = response.get_data()
    html = gzip.decompress(body) if response.headers["Content-Encoding"] == "gzip" else (
        brotli.decompress(body))
    assert b"<html" in html
