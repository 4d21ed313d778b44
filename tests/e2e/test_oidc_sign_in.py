"""A facilitator signs in with their organisation's account in Chromium: the sign-in
page's button, the real provider's own sign-in and consent pages (tests/oidc/provider.mjs),
and back on the sessions page of `facilitator serve`, with password sign-in switched off."""

import re

from playwright.sync_api import expect

from tests.oidc.providers import client, running
from tests.servers import free_port, server_env, serving


def test_a_facilitator_signs_in_at_their_organisations_provider(browser, tmp_path,
                                                                artifacts):
    port = free_port()
    redirect_uri = f"http://127.0.0.1:{port}/login/noordstad/callback"
    with running([client("facilitator", "e2e-secret", redirect_uri)]) as [issuer]:
        env = server_env(tmp_path / "db.sqlite3", "e2e-secret",
                         FACILITATOR_OIDC_PROVIDERS="noordstad",
                         FACILITATOR_OIDC_NOORDSTAD_ISSUER=issuer,
                         FACILITATOR_OIDC_NOORDSTAD_CLIENT_ID="facilitator",
                         FACILITATOR_OIDC_NOORDSTAD_CLIENT_SECRET="e2e-secret",
                         FACILITATOR_OIDC_NOORDSTAD_LABEL="Gemeente Noordstad",
                         FACILITATOR_PASSWORD_SIGN_IN="off")
        with serving(env, tmp_path / "server.log", port) as server:
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{server.url}/login")
            expect(page.locator("input[type=password]")).to_have_count(0)
            page.screenshot(path=str(artifacts / "oidc-sign-in.png"))
            page.get_by_role("link", name="Inloggen met Gemeente Noordstad").click()
            expect(page).to_have_url(re.compile(re.escape(issuer) + "/interaction/"))
            page.fill("input[name=login]", "anna-at-noordstad")
            page.fill("input[name=password]", "her own password")
            page.get_by_role("button", name="Sign-in").click()
            page.get_by_role("button", name="Continue").click()
            expect(page).to_have_url(f"{server.url}/sessions/")
            page.goto(f"{server.url}/account")
            expect(page.locator("#identities")).to_contain_text("Gemeente Noordstad")
            page.screenshot(path=str(artifacts / "oidc-account.png"), full_page=True)
            expect(page.locator("main")).to_contain_text(
                "facilitator token Test anna-at-noordstad")
            context.close()
