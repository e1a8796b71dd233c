"""A person signed in through the organisation's provider, which checked a second factor itself,
is not asked for ours again; without the provider's word our second factor still applies."""

from __future__ import annotations

from vawdasv.accounts.sso import SSO_MFA_SESSION_KEY


def _home_for(client, user, settings, provider_checked_mfa: bool):
    settings.TWO_FACTOR_ENFORCED = True
    client.force_login(user)
    session = client.session
    session[SSO_MFA_SESSION_KEY] = provider_checked_mfa
    session.save()
    return client.get("/progress/")


def test_an_administrator_whose_provider_checked_mfa_is_not_sent_to_set_up_two_factor(
    client, world, settings
):
    response = _home_for(client, world.admin, settings, provider_checked_mfa=True)
    assert response.status_code == 200


def test_an_administrator_without_the_providers_mfa_must_still_set_up_two_factor(
    client, world, settings
):
    response = _home_for(client, world.admin, settings, provider_checked_mfa=False)
    assert response.status_code == 302
    assert "/two-factor/" in response["Location"]
