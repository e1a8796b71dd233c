import datetime
import json

import pytest
from django.urls import reverse

from tests.national.conftest import approved, quarter_round
from vawdasv.national import services
from vawdasv.partnerships import services as partnership_services
from vawdasv.progress.enums import RoundStatus

pytestmark = pytest.mark.django_db


def _publish_progress(world, on=True):
    partnership_services.update_settings(
        actor=world.admin, partnership=world.partnership, publish_progress=on
    )


@pytest.fixture
def reported_unpublished(world):
    """A closed round with one narrative marked public, while the partnership keeps its
    progress to itself (the setting is off by default)."""
    q2 = quarter_round(world.strategy, "2025/26 Q2", datetime.date(2025, 9, 30))
    public = approved(q2, world.police_action, "green", narrative="Forty officers trained.")
    approved(q2, world.council_action, "amber", narrative="Waiting for the venue.")
    services.mark_update(actor=world.admin, update=public, highlight=True, public=True)
    return q2


@pytest.fixture
def reported(world, reported_unpublished):
    _publish_progress(world)
    return reported_unpublished


def test_a_partnership_that_does_not_publish_progress_shows_its_plan_without_progress(
    world, reported_unpublished, client
):
    page = client.get(reverse("public:partnership", args=["cardiff-vale"])).content.decode()
    assert "The partnership does not publish its progress here." in page
    assert world.police_action.text_en in page  # the plan is still there
    assert "Forty officers trained." not in page  # even though marked public
    assert "RAG status by theme" not in page
    assert "Latest published progress" not in page
    assert "Amber" not in page and "Green" not in page


def test_open_data_carries_no_progress_while_the_partnership_does_not_publish_it(
    world, reported_unpublished, client
):
    url = reverse("public:open-data", args=["cardiff-vale", "json"])
    document = json.loads(client.get(url).content)
    assert document["progress_published"] is False
    assert {row["action_en"] for row in document["actions"]} >= {world.police_action.text_en}
    for row in document["actions"]:
        assert (row["rag"], row["period"], row["completed"]) == ("", "", None)
        assert row["narrative_en"] == row["narrative_cy"] == ""
    for extension in ("csv", "xlsx"):
        body = client.get(reverse("public:open-data", args=["cardiff-vale", extension])).content
        assert b"Forty officers trained." not in body and b"green" not in body


def test_turning_publishing_off_again_withdraws_the_progress(world, reported, client):
    url = reverse("public:partnership", args=["cardiff-vale"])
    assert "Forty officers trained." in client.get(url).content.decode()
    _publish_progress(world, on=False)
    assert "Forty officers trained." not in client.get(url).content.decode()
    welsh = client.get("/cy" + url).content.decode()
    assert "Forty officers trained." not in welsh
    assert 'id="progress-not-published"' in welsh


def test_an_anonymous_visitor_reads_the_latest_published_progress(world, reported, client):
    page = client.get(reverse("public:partnership", args=["cardiff-vale"])).content.decode()
    assert "Latest published progress: 2025/26 Q2." in page
    assert "Forty officers trained." in page  # marked public
    assert "Waiting for the venue." not in page  # approved but not marked public
    assert "Amber" in page and "Green" in page
    assert "does not publish its progress" not in page


def test_progress_of_an_open_round_is_not_yet_published(world, reported, client):
    reported.status = RoundStatus.OPEN
    reported.save()
    page = client.get(reverse("public:partnership", args=["cardiff-vale"])).content.decode()
    assert "Forty officers trained." not in page
    assert "No progress has been published for this plan yet." in page


def test_a_partnership_with_no_published_plan_has_no_public_page(world, client):
    assert client.get(reverse("public:partnership", args=["gwent"])).status_code == 404


def test_open_data_comes_as_json_csv_and_xlsx(world, reported, client):
    url = reverse("public:open-data", args=["cardiff-vale", "json"])
    document = json.loads(client.get(url).content)
    assert document["progress_published"] is True
    by_rag = {row["rag"]: row for row in document["actions"]}
    assert by_rag["green"]["narrative_en"] == "Forty officers trained."
    assert by_rag["amber"]["narrative_en"] == ""
    csv = client.get(reverse("public:open-data", args=["cardiff-vale", "csv"]))
    assert "Forty officers trained." in csv.content.decode("utf-8-sig")
    xlsx = client.get(reverse("public:open-data", args=["cardiff-vale", "xlsx"]))
    assert xlsx.content[:2] == b"PK"
    assert client.get(reverse("public:open-data", args=["cardiff-vale", "exe"])).status_code == 404


def test_the_privacy_notice_names_the_operator_from_settings(client, settings, db):
    settings.OPERATOR_NAME = "Example Council"
    page = client.get(reverse("public:privacy")).content.decode()
    assert "This site is run by Example Council." in page
    assert (
        "This site is run by Example Council."
        in client.get(reverse("core:accessibility")).content.decode()
    )


def test_only_the_regional_team_marks_updates(world, reported):
    update = reported.updates.first()
    with pytest.raises(Exception, match="permission"):
        services.mark_update(actor=world.lead, update=update, highlight=True, public=True)


def test_the_regional_team_marks_a_rounds_updates_in_one_go(world, reported, client):
    from vawdasv.national.models import UpdateMark

    amber = reported.updates.get(rag="amber")
    client.force_login(world.admin)
    url = reverse("national:marks", args=[reported.pk])
    assert "Waiting for the venue." in client.get(url).content.decode()
    client.post(url, {"public": [str(amber.pk)]})
    assert UpdateMark.objects.get(update=amber).public is True
    green_mark = UpdateMark.objects.exclude(update=amber).get()
    assert (green_mark.highlight, green_mark.public) == (False, False)  # unticked
    page = client.get(reverse("public:partnership", args=["cardiff-vale"])).content.decode()
    assert "Waiting for the venue." in page


def test_marking_a_draft_update_is_refused(world, reported, client):
    from vawdasv.progress.enums import UpdateState

    draft = approved(reported, factories_action(world), "red", state=UpdateState.DRAFT)
    client.force_login(world.admin)
    client.post(reverse("national:marks", args=[reported.pk]), {"public": [str(draft.pk)]})
    assert not draft.__class__.objects.filter(pk=draft.pk, national_mark__public=True).exists()


def factories_action(world):
    from tests import factories

    return factories.ActionFactory(commitment=world.commitment)
