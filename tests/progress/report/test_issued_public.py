"""An issued report reaches the public pages only when the regional team puts it there, and
only while its plan is published; anyone can then download its frozen files."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.plans import services as plan_services
from vawdasv.progress.models import IssuedReport
from vawdasv.progress.report.issuing import issue_report


@pytest.fixture
def issued(plan, world):
    return issue_report(actor=world.admin, strategy=plan.strategy, period_label="2018/19")


def _public_page(client, world, prefix=""):
    return client.get(f"{prefix}/public/{world.partnership.slug}/").content.decode()


def _toggle(client, plan, issued, public: str):
    url = reverse("progress:report-issued-public", args=[plan.strategy.slug, issued.pk])
    return client.post(url, {"public": public})


def test_issuing_alone_never_publishes(client, world, plan, issued):
    stored = issued.files.first()
    assert "Progress reports issued to the board" not in _public_page(client, world)
    url = reverse("progress:public-issued-file", args=[stored.pk])
    assert client.get(url).status_code == 404


def test_the_regional_team_puts_a_report_on_the_public_pages_and_anyone_downloads_it(
    client, world, plan, issued
):
    client.force_login(world.admin)
    assert _toggle(client, plan, issued, "1").status_code == 302
    issued.refresh_from_db()
    assert issued.public
    entry = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(IssuedReport), verb=Verb.UPDATED
    ).get()
    assert entry.changes == {"public": {"before": False, "after": True}}
    client.logout()
    for prefix, heading in (("", "Progress reports issued to the board"),
                            ("/cy", "Adroddiadau cynnydd a gyhoeddwyd i’r bwrdd")):  # fmt: skip
        assert heading in _public_page(client, world, prefix)
    stored = issued.files.get(language="cy", format="pdf")
    response = client.get(reverse("progress:public-issued-file", args=[stored.pk]))
    assert response.status_code == 200
    with stored.file.open("rb") as frozen:
        assert b"".join(response.streaming_content) == frozen.read()


def test_taking_it_off_makes_its_files_private_again(client, world, plan, issued):
    client.force_login(world.admin)
    _toggle(client, plan, issued, "1")
    _toggle(client, plan, issued, "0")
    client.logout()
    stored = issued.files.first()
    assert client.get(reverse("progress:public-issued-file", args=[stored.pk])).status_code == 404


def test_only_the_regional_team_may_publish_an_issued_report(client, world, plan, issued):
    client.force_login(world.lead)
    assert _toggle(client, plan, issued, "1").status_code == 403
    issued.refresh_from_db()
    assert not issued.public


def test_a_report_of_a_plan_no_longer_published_is_not_public(client, world, plan, issued):
    client.force_login(world.admin)
    _toggle(client, plan, issued, "1")
    plan_services.update_strategy(
        actor=world.admin, strategy=plan.strategy, data={"status": "draft"}
    )
    client.logout()
    stored = issued.files.first()
    assert client.get(reverse("progress:public-issued-file", args=[stored.pk])).status_code == 404
