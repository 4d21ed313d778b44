"""What a report worker process runs (facilitator/workers.py starts them): a PDF from plain
ReportData, a raw export from its ExportData (services/exports.py), with no database, no
Socket.IO and no gevent.

build_report needs a Flask app context only for its translated texts (Flask-Babel), so
each worker process makes one small app that knows the catalogue and nothing else, once.
"""

from collections.abc import Callable
from importlib import import_module
from typing import Any

from flask import Flask

from facilitator.pdf import ReportData, build_report
from facilitator.pdf.form import FormData, build_form

_app: Flask | None = None


def run(builder: str, data: ReportData, audience: str) -> bytes:
    """Call `builder` ("module:function", the setting REPORT_BUILDER) with the report's
    data in an app context with the catalogue; the PDF's bytes."""
    module, _, name = builder.partition(":")
    with _catalogue_app().app_context():
        return getattr(import_module(module), name)(data, audience)


def build(data: ReportData, audience: str) -> bytes:
    """The default builder: the session report (facilitator/pdf)."""
    return build_report(data, audience)


def translated(function: Callable[..., Any], *args: Any) -> Any:
    """`function(*args)` in an app context with the catalogue (a module-level function
    and plain data, as everything that crosses to a worker)."""
    with _catalogue_app().app_context():
        return function(*args)


def _catalogue_app() -> Flask:
    """An app whose root is this package, so Flask-Babel finds `translations/` as the
    server's app does (BABEL_DEFAULT_LOCALE as in config.py)."""
    global _app
    if _app is None:
        from flask_babel import Babel

        from facilitator.config import DEFAULTS

        _app = Flask(__name__)
        _app.config["BABEL_DEFAULT_LOCALE"] = DEFAULTS["BABEL_DEFAULT_LOCALE"]
        Babel(_app)
    return _app


def form(data: FormData) -> bytes:
    """The session's printable scoring form (services/paper.py)."""
    with _catalogue_app().app_context():
        return build_form(data)
