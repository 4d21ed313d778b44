"""facilitator: live workshops on collaboration between organisations."""

import os
import secrets
from pathlib import Path

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

from . import database, i18n
from .config import default_database_url, from_environment
from .errors import ServiceError
from .extensions import babel, csrf, login_manager, socketio
from .tallies import Tallies


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
    app.config.from_mapping(from_environment())
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(app.instance_path)
    database.init_app(app, app.config["DATABASE_URL"] or default_database_url(app.instance_path))
    app.extensions["facilitator.tallies"] = Tallies()
    _init_extensions(app)
    _register_blueprints(app)
    _register_error_handlers(app)
    app.after_request(_security_headers)
    # Last: the Socket.IO handlers must be imported (by the blueprints) before the first
    # init_app, so that Flask-SocketIO keeps them for every app this factory makes.
    socketio.init_app(app)
    return app


def _init_extensions(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)


def _register_blueprints(app: Flask) -> None:
    from .api.routes import bp as api_bp
    from .auth.routes import bp as auth_bp
    from .participate import events as _participate_events  # noqa: F401
    from .participate.routes import bp as participate_bp
    from .sessions import archive as _archive_pages  # noqa: F401
    from .sessions import events as _session_events  # noqa: F401
    from .sessions.routes import bp as sessions_bp
    from .sessions.shared import bp as shared_bp

    csrf.exempt(api_bp)  # Bearer tokens only, never cookies: nothing to forge
    for bp in (api_bp, auth_bp, participate_bp, sessions_bp, shared_bp):
        app.register_blueprint(bp)


def _register_error_handlers(app: Flask) -> None:
    def wants_json() -> bool:
        return request.path.startswith("/api/")

    @app.errorhandler(ServiceError)
    def service_error(error: ServiceError):
        return jsonify(error.as_dict()), error.status

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if wants_json():
            body = ServiceError(error.name.lower().replace(" ", "_"), error.description)
            return jsonify(body.as_dict()), error.code
        return error

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        body = ServiceError("internal", "Something went wrong; try again.")
        return jsonify(body.as_dict()), 500


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
