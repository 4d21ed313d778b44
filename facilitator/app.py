"""facilitator: live workshops on collaboration between organisations."""

import os
import secrets
from pathlib import Path

from flask import Flask, jsonify, request
from flask_compress import Compress
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from facilitator.live.changefeed import ChangeFeed
from facilitator.live.coalesce import Coalescer
from facilitator.live.group_commit import GroupCommit
from facilitator.live.tallies import Tallies
from facilitator.services.participants import score_refusal
from facilitator.web import connections
from facilitator.web.cookie_session import CookieSessionInterface

from . import database, i18n
from .config import default_database_url, from_environment
from .errors import ServiceError
from .extensions import babel, csrf, login_manager, socketio


def _site_folder(name: str) -> str:
    """`templates/` and `static/` live at the top of the source tree and are copied into
    the wheel as `facilitator/_site/`; use whichever exists."""
    installed = Path(__file__).parent / "_site" / name
    return str(installed if installed.is_dir() else Path(__file__).parent.parent / name)


def _instance_secret_key(instance_path: str) -> str:
    """Without FACILITATOR_SECRET_KEY, a random key made once and kept in the instance
    folder (readable only by its owner), so sign-ins survive a restart."""
    path = Path(instance_path) / "secret-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
            f.write(secrets.token_hex(32))
    return path.read_text().strip()


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__, instance_relative_config=True,
        template_folder=_site_folder("templates"), static_folder=_site_folder("static"),
    )
    app.session_interface = CookieSessionInterface()
    app.config.from_mapping(from_environment())
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(app.instance_path)
    database.init_app(app, app.config["DATABASE_URL"] or default_database_url(app.instance_path))
    _init_live_figures(app)
    _init_extensions(app)
    _register_blueprints(app)
    _register_error_handlers(app)
    app.after_request(_security_headers)
    # Last: the Socket.IO handlers must be imported (by the blueprints) before the first
    # init_app, so that Flask-SocketIO keeps them for every app this factory makes. The
    # connection budget hooks the server just made; the proxy fix goes around it all.
    socketio.init_app(app, **_realtime_options(app.config))
    connections.init_app(app, socketio.server)
    _trust_proxies(app, app.config.get("PROXIES") or 0)
    return app


def _trust_proxies(app: Flask, proxies: int) -> None:
    """Behind reverse proxies (FACILITATOR_PROXIES), take the client's address and scheme
    from their X-Forwarded-* headers, or every rate limit would count the proxy, not the
    people. Wrapped around Flask-SocketIO's middleware, so Socket.IO events see it too.
    Off by default: without a proxy, anyone could send those headers."""
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies,
                                x_host=proxies)


def _init_live_figures(app: Flask) -> None:
    """Tallies in memory, a shared commit for concurrent scores, coalesced pictures; with
    FACILITATOR_REDIS_URL the tallies follow the other workers' changes."""
    redis_url = app.config.get("REDIS_URL")
    app.extensions["facilitator.tallies"] = Tallies(ChangeFeed(redis_url) if redis_url else None)
    app.extensions["facilitator.group_commit"] = GroupCommit(database.get_engine_of(app),
                                                              score_refusal)
    app.extensions["facilitator.coalescer"] = Coalescer(app.config["PICTURE_INTERVAL"])


def _realtime_options(config: dict) -> dict:
    """Socket.IO's async mode (`facilitator serve` picks it; threading in-process), the
    message queue that joins several workers, and WebSocket only across workers (a
    polling client would hit another worker with each request)."""
    options: dict = {"async_mode": config.get("ASYNC_MODE") or "threading"}
    if config.get("REDIS_URL"):
        options["message_queue"] = config["REDIS_URL"]
    if config.get("WEBSOCKET_ONLY"):
        options["transports"] = ["websocket"]
    return options


def _init_extensions(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)
    # Pages, scripts and stylesheets go out compressed (phones on congress Wi-Fi); the
    # security headers stay as they are. The JSON API is left as it was, for its tools.
    app.config.setdefault("COMPRESS_MIMETYPES", [
        "text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml"])
    Compress(app)
    app.after_request(_static_in_memory)  # runs before Compress's own hook


def _static_in_memory(response):
    """A static file is read into the response (the largest is 210 KB), so that it is
    compressed like a page and its file is closed with the response; as a stream,
    Flask-Compress would leave the file to the garbage collector."""
    if request.endpoint == "static" and response.status_code == 200:
        response.direct_passthrough = False
        response.make_sequence()
    return response


def _register_blueprints(app: Flask) -> None:
    from facilitator.web.api import readers as _api_readers  # noqa: F401
    from facilitator.web.api import sessions as _api_sessions  # noqa: F401
    from facilitator.web.api.routes import bp as api_bp
    from facilitator.web.auth import oidc
    from facilitator.web.auth.routes import bp as auth_bp
    from facilitator.web.lens_sets.routes import bp as lens_sets_bp
    from facilitator.web.participate import events as _participate_events  # noqa: F401
    from facilitator.web.participate.routes import bp as participate_bp
    from facilitator.web.readers.routes import bp as readers_bp
    from facilitator.web.sessions import archive as _archive_pages  # noqa: F401
    from facilitator.web.sessions import events as _session_events  # noqa: F401
    from facilitator.web.sessions import paper as _paper_pages  # noqa: F401
    from facilitator.web.sessions import participants as _participant_pages  # noqa: F401
    from facilitator.web.sessions import readers as _reader_pages  # noqa: F401
    from facilitator.web.sessions.projector_links import bp as shared_bp
    from facilitator.web.sessions.routes import bp as sessions_bp

    oidc.init_app(app)
    csrf.exempt(api_bp)  # Bearer tokens only, never cookies: nothing to forge
    for bp in (api_bp, auth_bp, lens_sets_bp, participate_bp, readers_bp, sessions_bp,
               shared_bp):
        app.register_blueprint(bp)


def _register_error_handlers(app: Flask) -> None:
    """A refusal or an error answers as JSON under /api/ (for tools), and as a page in the
    site's look everywhere else (facilitator/web/refusals.py). Socket.IO events answer
    with their acknowledgement instead (facilitator/web/acknowledgements.py)."""
    from facilitator.web import refusals

    def wants_json() -> bool:
        return request.path.startswith("/api/")

    @app.errorhandler(ServiceError)
    def service_error(error: ServiceError):
        if wants_json():
            return jsonify(error.as_dict()), error.status
        return refusals.page(error)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if wants_json():
            body = ServiceError(error.name.lower().replace(" ", "_"), error.description)
            return jsonify(body.as_dict()), error.code
        if error.code == 404:
            return refusals.error_page(str(refusals.NOT_FOUND), 404)
        return error

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        body = ServiceError("internal", "Something went wrong; try again.", 500)
        if wants_json():
            return jsonify(body.as_dict()), 500
        try:
            return refusals.error_page(refusals.message(body), 500)
        except Exception:  # noqa: BLE001 (the page itself failed: say it plainly)
            app.logger.exception("The error page failed too")
            return body.message, 500, {"Content-Type": "text/plain; charset=utf-8"}


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
    "form-action 'self'"
)


def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response
