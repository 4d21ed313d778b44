"""What `facilitator serve` says at start about the operator's choices."""

import pytest

from facilitator.cli import _warn_about_cookies


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "::"])
def test_listening_beyond_this_machine_without_secure_cookies_warns(app, capsys, host):
    _warn_about_cookies(app, host)
    assert "FACILITATOR_SECURE_COOKIES=1" in capsys.readouterr().err


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_listening_on_this_machine_alone_does_not_warn(app, capsys, host):
    _warn_about_cookies(app, host)
    assert capsys.readouterr().err == ""


def test_secure_cookies_silence_the_warning(app, capsys):
    app.config["SESSION_COOKIE_SECURE"] = True
    _warn_about_cookies(app, "0.0.0.0")
    assert capsys.readouterr().err == ""
