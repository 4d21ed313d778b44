"""A real OpenID Connect provider (panva's oidc-provider, tests/oidc/provider.mjs) started
once per module on free ports of localhost, and a browser that signs in at it: the
provider's own sign-in and consent pages, their forms submitted as a person would."""

import re
from urllib.parse import urljoin

import pytest
import requests

from facilitator.app import create_app
from facilitator.database import get_db
from facilitator.services import report_store
from facilitator.services.accounts import add_facilitator
from tests.conftest import PASSWORD

from .providers import client, running

SITE = "http://facilitator.test"  # the tests' SERVER_NAME


def callback(name: str) -> str:
    return f"{SITE}/login/{name}/callback"


@pytest.fixture(scope="module")
def issuers():
    """Two providers: the first has our client and a client whose ID tokens are issued
    expired already; the second, another issuer with its own keys, has our client too."""
    with running(
        [client("facilitator", "secret-one", callback("one")),
         client("late", "secret-late", callback("late"), id_token_ttl=-300)],
        [client("facilitator", "secret-two", callback("two"))],
    ) as found:
        yield found


def providers(issuers, register: bool = True) -> list[dict]:
    one, two = issuers
    return [
        {"name": "one", "label": "Gemeente Noordstad", "issuer": one,
         "client_id": "facilitator", "client_secret": "secret-one", "register": register},
        {"name": "late", "label": "Late", "issuer": one, "client_id": "late",
         "client_secret": "secret-late", "register": register},
        {"name": "two", "label": "Zorggroep West", "issuer": two,
         "client_id": "facilitator", "client_secret": "secret-two", "register": register},
    ]


@pytest.fixture
def make_app(issuers):
    """An app with the providers (clock skew 0: an expired token is not let through),
    and Anna with a password; `settings` change it."""
    apps = []

    def make(**settings):
        app = create_app({
            "TESTING": True, "DATABASE_URL": "sqlite://",
            "SECRET_KEY": "test-secret", "WTF_CSRF_ENABLED": False,
            "SERVER_NAME": "facilitator.test", "REPORTS_AHEAD": False,
            "OIDC_PROVIDERS": providers(issuers), "OIDC_CLOCK_SKEW": 0, **settings})
        with app.app_context():
            add_facilitator(get_db(), "anna", PASSWORD)
        apps.append(app)
        return app

    yield make
    for app in apps:
        assert report_store.settle(120)
        app.extensions["facilitator.engine"].dispose()


@pytest.fixture
def app(make_app):
    return make_app()


def at_provider(client, name: str, login: str = "anna-sub", start: str | None = None,
                link: bool = False, abort: bool = False) -> str:
    """Start signing in with provider `name` in `client` (at `start`, or linking it on
    the account page), sign in at the provider as `login` and consent (or cancel); the
    URL the provider sends the browser back to."""
    response = (client.post(f"/account/identities/{name}") if link
                else client.get(start or f"/login/{name}"))
    assert response.status_code == 302, response.text
    browser = requests.Session()  # the provider's own cookies
    page = browser.get(response.location, allow_redirects=False)
    for prompt in ("login", "consent"):
        page = _follow(browser, page)
        if isinstance(page, str):  # consented before: straight back
            return page
        assert f'value="{prompt}"' in page.text, page.text
        if abort:  # the page's "[ Cancel ]"
            cancel = urljoin(page.url, re.search(r'href="([^"]+/abort)"', page.text)[1])
            return _follow(browser, browser.get(cancel, allow_redirects=False))
        action = urljoin(page.url, re.search(r'action="([^"]+)"', page.text)[1])
        form = {"prompt": prompt, "login": login, "password": "anything"}
        page = browser.post(action, data=form, allow_redirects=False)
    page = _follow(browser, page)
    assert isinstance(page, str), page.text
    return page


def _follow(browser, response):
    """Follow the provider's redirects; the URL back at this site, or the page reached."""
    while response.is_redirect:
        location = urljoin(response.url, response.headers["Location"])
        if location.startswith(SITE):
            return location
        response = browser.get(location, allow_redirects=False)
    assert response.status_code == 200, response.text
    return response
