"""Addresses shown to people: the join URL on the projector and in the QR code."""

import io

import segno
from flask import Response, current_app, url_for


def join_url(code: str) -> str:
    """Phones must reach it, so FACILITATOR_PUBLIC_URL (e.g. http://192.168.1.20:8000)
    wins over the address the facilitator's own browser happens to use (often localhost)."""
    public = current_app.config.get("PUBLIC_URL")
    path = url_for("participate.session_page", code=code)
    return public.rstrip("/") + path if public else url_for(
        "participate.session_page", code=code, _external=True
    )


def qr_svg(url: str) -> Response:
    """The URL as a QR code, large enough to scan from the back of a room."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=10, border=2, xmldecl=False)
    return Response(buffer.getvalue(), mimetype="image/svg+xml")


def reader_url(token: str) -> str:
    """A reader link's address, for partners outside the room: FACILITATOR_PUBLIC_URL
    when set (as join_url), else the address this request came in on."""
    public = current_app.config.get("PUBLIC_URL")
    path = url_for("readers.record_page", token=token)
    return public.rstrip("/") + path if public else url_for(
        "readers.record_page", token=token, _external=True)


def qr_data_uri(url: str) -> str:
    """The URL as a QR code in an `<img src>` (the CSP allows data: images): for a link
    shown once, whose token is kept nowhere to serve it from later."""
    return segno.make(url, error="m").svg_data_uri(scale=6, border=2)
