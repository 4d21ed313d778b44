"""The providers and the password switch, as read from the environment (config.py)."""

import pytest

from facilitator.config import sign_in_settings

ENTRA = {"FACILITATOR_OIDC_PROVIDERS": "entra, keycloak",
         "FACILITATOR_OIDC_ENTRA_ISSUER": "https://login.microsoftonline.com/t/v2.0",
         "FACILITATOR_OIDC_ENTRA_CLIENT_ID": "id-1",
         "FACILITATOR_OIDC_ENTRA_CLIENT_SECRET": "secret-1",
         "FACILITATOR_OIDC_ENTRA_LABEL": "Microsoft",
         "FACILITATOR_OIDC_KEYCLOAK_ISSUER": "https://id.example.org/realms/west",
         "FACILITATOR_OIDC_KEYCLOAK_CLIENT_ID": "id-2",
         "FACILITATOR_OIDC_KEYCLOAK_CLIENT_SECRET": "secret-2",
         "FACILITATOR_OIDC_KEYCLOAK_REGISTER": "off",
         "FACILITATOR_OIDC_KEYCLOAK_DOMAIN": "west.example.org"}


def read(monkeypatch, **env: str) -> dict:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return sign_in_settings()


def test_without_settings_passwords_sign_in_and_there_is_no_provider(monkeypatch):
    monkeypatch.delenv("FACILITATOR_OIDC_PROVIDERS", raising=False)
    monkeypatch.delenv("FACILITATOR_PASSWORD_SIGN_IN", raising=False)
    assert sign_in_settings() == {"PASSWORD_SIGN_IN": True, "OIDC_PROVIDERS": []}


def test_each_named_provider_is_read_with_its_label_and_registration(monkeypatch):
    settings = read(monkeypatch, **ENTRA, FACILITATOR_PASSWORD_SIGN_IN="off")
    assert settings["PASSWORD_SIGN_IN"] is False
    assert settings["OIDC_PROVIDERS"] == [
        {"name": "entra", "label": "Microsoft", "issuer": ENTRA[
            "FACILITATOR_OIDC_ENTRA_ISSUER"], "client_id": "id-1",
         "client_secret": "secret-1", "register": True, "domain": ""},
        {"name": "keycloak", "label": "keycloak", "issuer": ENTRA[
            "FACILITATOR_OIDC_KEYCLOAK_ISSUER"], "client_id": "id-2",
         "client_secret": "secret-2", "register": False, "domain": "west.example.org"},
    ]


@pytest.mark.parametrize(("env", "says"), [
    ({"FACILITATOR_PASSWORD_SIGN_IN": "off"}, "needs FACILITATOR_OIDC_PROVIDERS"),
    ({"FACILITATOR_PASSWORD_SIGN_IN": "maybe"}, "on or off"),
    ({"FACILITATOR_OIDC_PROVIDERS": "Entra"}, "lowercase letters and digits"),
    ({**ENTRA, "FACILITATOR_OIDC_PROVIDERS": "entra,keycloak,entra"}, "twice"),
    ({"FACILITATOR_OIDC_PROVIDERS": "nobody"}, "FACILITATOR_OIDC_NOBODY_ISSUER is not set"),
    ({**ENTRA, "FACILITATOR_OIDC_ENTRA_CLIENT_SECRET": ""}, "ENTRA_CLIENT_SECRET is not set"),
    ({**ENTRA, "FACILITATOR_OIDC_ENTRA_REGISTER": "yes"}, "REGISTER is on or off"),
])
def test_a_wrong_setting_stops_the_start_saying_which(monkeypatch, env, says):
    monkeypatch.delenv("FACILITATOR_OIDC_PROVIDERS", raising=False)
    with pytest.raises(ValueError, match=says):
        read(monkeypatch, **env)
