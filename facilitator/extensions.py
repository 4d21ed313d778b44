"""Flask extensions, created here once and bound to the app in `create_app`."""

from flask_babel import Babel
from flask_login import LoginManager
from flask_socketio import SocketIO
from flask_wtf.csrf import CSRFProtect

# Threading mode with simple-websocket: no monkey patching, so SQLAlchemy and the
# SQLite driver behave as documented. `facilitator serve` runs it on gunicorn's gthread worker.
socketio = SocketIO(async_mode="threading", max_http_buffer_size=16 * 1024)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
