"""Flask's signed-cookie session, without its cost on every Socket.IO event.

Flask-SocketIO pushes a request context for each event, and Flask opens the cookie session
of every request context it pushes: it builds a new itsdangerous serializer (which encodes
a test value to learn its kind), checks the signature and decodes the JSON, only for
Flask-SocketIO to swap in the connection's own session (`saved_session`, copied from the
cookie once, at the connection's first event). In a full hall that was a tenth of the
server's time per score. Here the serializer is built once per secret key, and an event
whose connection has its session already gets an empty one to be swapped out.
"""

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer

# Where Flask-SocketIO keeps a connection's session in the connection's WSGI environ
# (flask_socketio.SocketIO._handle_event). Should it move, events open the cookie again:
# slower, never wrong.
SOCKETIO_SESSION = "saved_session"


class CookieSessionInterface(SecureCookieSessionInterface):
    def __init__(self) -> None:
        self._serializers: dict[tuple, URLSafeTimedSerializer] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        key = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        found = self._serializers.get(key)
        if found is None:
            found = super().get_signing_serializer(app)
            if found is not None:
                self._serializers = {key: found}  # a new key replaces the old one
        return found

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if SOCKETIO_SESSION in request.environ:
            return self.session_class()
        return super().open_session(app, request)
