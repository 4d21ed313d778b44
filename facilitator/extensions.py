"""Flask extensions, created here once and bound to the app in `create_app`."""

from flask_babel import Babel
from flask_login import LoginManager
from flask_socketio import SocketIO
from flask_wtf.csrf import CSRFProtect

# Threading mode with simple-websocket: no monkey patching, so SQLAlchemy and the
# SQLite driver behave as documented. `facilitator serve` runs it on gunicorn's gthread worker.
# async_handlers=False: one phone's events are handled in the order it sent them, so a
# quick change of a score (3, then 5) can never be stored as 3. They run in the greenlet
# (thread) that reads the connection, so web/connections.py bounds what one connection
# may send and yields to the others after every message.
socketio = SocketIO(
    async_mode="threading", async_handlers=False, max_http_buffer_size=16 * 1024
)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
