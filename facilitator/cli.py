"""The `facilitator` command: serve, and manage facilitator accounts and tokens."""

import sys

import click
from alembic import command
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from facilitator.services.retention import prune

from .app import create_app
from .database import alembic_config, get_db, get_engine, migrate
from .errors import ServiceError
from .services import accounts


@click.group(cls=FlaskGroup, create_app=create_app, add_default_commands=False)
def main() -> None:
    """facilitator: live lens sessions for collaborations between organisations.

    Settings come from the environment or a .env file: FACILITATOR_DATABASE_URL,
    FACILITATOR_SECRET_KEY, FACILITATOR_PUBLIC_URL.
    """


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--connections", "--threads", default=5000, show_default=True, type=int,
    help="Live connections per worker (each phone holds one).",
)
@click.option(
    "--workers", default=1, show_default=True, type=int,
    help="Processes; more than one needs FACILITATOR_REDIS_URL and takes WebSocket only "
         "(for phones on networks that refuse it: instances behind deploy/haproxy.cfg).",
)
@with_appcontext
def serve(host: str, port: int, connections: int, workers: int) -> None:
    """Run the server (gunicorn; gevent or threads for the WebSockets)."""
    from .server import async_mode_and_worker, run

    app = current_app._get_current_object()
    if workers > 1 and not app.config.get("REDIS_URL"):
        raise click.ClickException("--workers above 1 needs FACILITATOR_REDIS_URL.")
    if not app.config.get("PUBLIC_URL") and host in ("127.0.0.1", "localhost"):
        click.echo("Phones cannot reach 127.0.0.1: use --host 0.0.0.0 and set "
                   "FACILITATOR_PUBLIC_URL to this machine's address for a real room.")
    _warn_about_cookies(app, host)
    if app.config.get("RETENTION_MONTHS"):
        pruned = prune(get_db(), app.config["RETENTION_MONTHS"])
        click.echo(f"Retention: raw scores of sessions closed more than "
                   f"{app.config['RETENTION_MONTHS']} months ago are removed "
                   f"(FACILITATOR_RETENTION_MONTHS; `keep` keeps them); now from "
                   f"{len(pruned)} session(s).")
    else:
        click.echo("Retention: raw scores are kept (FACILITATOR_RETENTION_MONTHS=keep).")
    mode, worker_class = async_mode_and_worker(app.config.get("ASYNC_MODE"))
    # Connections opened in this (master) process must not be shared with the workers.
    app.extensions["facilitator.engine"].dispose()
    click.echo(f"facilitator on http://{host}:{port}/ ({workers} worker(s), {mode})")
    settings = {"ASYNC_MODE": mode, "WEBSOCKET_ONLY": workers > 1}
    run(lambda: create_app(settings), host, port, connections=connections,
        workers=workers, worker_class=worker_class)


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def _warn_about_cookies(app, host: str) -> None:
    """Listening beyond this machine without Secure cookies: the sign-in cookie crosses
    the network readable by anyone on it, unless HTTPS is in front (SECURITY.md)."""
    if host not in LOCAL_HOSTS and not app.config.get("SESSION_COOKIE_SECURE"):
        click.echo(f"Warning: listening on {host} without FACILITATOR_SECURE_COOKIES=1: "
                   "the facilitators' sign-in cookies cross the network unprotected. Put "
                   "HTTPS in front and set FACILITATOR_SECURE_COOKIES=1 (SECURITY.md).",
                   err=True)


@main.group()
def user() -> None:
    """Facilitator accounts."""


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@user.command("add")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def user_add(name: str, password_stdin: bool) -> None:
    """Create a facilitator account (the password is stored hashed)."""
    try:
        accounts.add_facilitator(get_db(), name, _read_password(password_stdin))
    except ServiceError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Facilitator {name!r} created.")


@user.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def user_password(name: str, password_stdin: bool) -> None:
    """Give NAME a new password; every sign-in of NAME ends (all cookies, everywhere, and
    the pages open with them), and so does every API token of NAME."""
    if accounts.find_facilitator(get_db(), name) is None:  # before asking for a password
        raise click.ClickException(f"No facilitator named {name!r}.")
    try:
        accounts.set_password(get_db(), name, _read_password(password_stdin))
    except ServiceError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"New password for {name!r}; every sign-in and API token of {name!r} has "
               "ended.")


@main.command()
@click.argument("name")
@click.option("--label", default="", help="What the token is for (shown in the lists).")
@click.option("--expires", type=click.IntRange(1, accounts.MAX_TOKEN_DAYS), metavar="DAYS",
              help="Days until it stops working (default: until revoked).")
@click.option("--list", "list_", is_flag=True, help="List NAME's tokens instead.")
@click.option("--revoke", metavar="ID|all", help="Revoke NAME's token ID, or all of them.")
@with_appcontext
def token(name: str, label: str, expires: int | None, list_: bool,
          revoke: str | None) -> None:
    """Print a new API token for NAME (the last line of the output); or list or revoke
    NAME's tokens."""
    try:
        if list_ or revoke is not None:
            _manage_tokens(name, list_, revoke)
            return
        value = accounts.create_token(get_db(), name, label, expires)
    except ServiceError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"API token for {name!r} (shown once; send it as 'Authorization: Bearer …'):")
    click.echo(value)


def _manage_tokens(name: str, list_: bool, revoke: str | None) -> None:
    if list_ and revoke is not None:
        raise click.UsageError("Give --list or --revoke, not both.")
    facilitator = accounts.find_facilitator(get_db(), name)
    if facilitator is None:
        raise click.ClickException(f"No facilitator named {name!r}.")
    if list_:
        tokens = accounts.tokens_of(get_db(), facilitator.id)
        click.echo("\n".join(_token_line(accounts.describe_token(t)) for t in tokens)
                   or f"{name!r} has no API tokens.")
    elif revoke == "all":
        count = accounts.revoke_tokens(get_db(), facilitator.id)
        click.echo(f"{count} API token(s) of {name!r} revoked.")
    elif revoke.isdigit():
        accounts.revoke_token(get_db(), facilitator.id, int(revoke))
        click.echo(f"API token {revoke} of {name!r} revoked.")
    else:
        raise click.UsageError("--revoke takes a token's id (see --list) or 'all'.")


def _token_line(token: dict) -> str:
    """`id  label  created …  expires …  last used …` (times in UTC)."""
    def when(moment) -> str:
        return moment.strftime("%Y-%m-%d %H:%M") if moment else "never"

    expires = (("expired " if token["expired"] else "expires ") + when(token["expires_at"])
               if token["expires_at"] else "no expiry")
    return (f"{token['id']:>4}  {token['label'] or '-'}  created {when(token['created_at'])}"
            f"  {expires}  last used {when(token['last_used_at'])}")


@main.command()
@click.option("--months", type=int, help="Default: FACILITATOR_RETENTION_MONTHS.")
@with_appcontext
def retention(months: int | None) -> None:
    """Remove the raw scores of sessions closed longer ago than the retention period
    (their picture and report stay). Run it daily, e.g. from cron."""
    months = months or current_app.config.get("RETENTION_MONTHS")
    if not months:
        raise click.ClickException("Give --months or set FACILITATOR_RETENTION_MONTHS.")
    try:
        pruned = prune(get_db(), months)
    except ServiceError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Raw scores removed from {len(pruned)} session(s) closed over {months} "
               "month(s) ago.")


@main.group()
def db() -> None:
    """The database schema (Alembic migrations in facilitator/migrations)."""


@db.command("upgrade")
@with_appcontext
def db_upgrade() -> None:
    """Migrate the database to the newest schema (the server also does this at start)."""
    migrate(get_engine())
    click.echo("The database schema is up to date.")


@db.command("revision")
@click.argument("message")
@with_appcontext
def db_revision(message: str) -> None:
    """Write a new migration from the difference between the models and the database."""
    with get_engine().begin() as connection:
        command.revision(alembic_config(connection), message=message, autogenerate=True)
