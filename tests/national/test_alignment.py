import pytest
from django.urls import reverse

from tests.national.conftest import objective
from vawdasv.audit.models import AuditEntry
from vawdasv.audit.origins import OriginKind
from vawdasv.national import services
from vawdasv.national.models import CommitmentAlignment, OwnAlignment

pytestmark = pytest.mark.django_db


def test_aligning_a_commitment_carries_to_its_actions_except_those_keeping_their_own(world):
    item = objective("3")
    world.council_action.alignments.set([objective("1")])
    services.align_plan(
        actor=world.admin,
        strategy=world.strategy,
        choices={world.commitment.pk: {item.pk}},
        own={world.council_action.pk},
    )
    assert list(world.police_action.alignments.all()) == [item]
    assert list(world.council_action.alignments.all()) == [objective("1")]
    assert CommitmentAlignment.objects.get().item == item
    assert OwnAlignment.objects.get().action == world.council_action


def test_bulk_alignment_writes_one_audit_entry_on_the_strategy(world):
    before = AuditEntry.objects.count()
    services.align_plan(
        actor=world.admin,
        strategy=world.strategy,
        choices={world.commitment.pk: {objective("2").pk}},
    )
    entry = AuditEntry.objects.latest("pk")
    assert AuditEntry.objects.count() == before + 1
    assert entry.origin_kind == OriginKind.BULK_ALIGNMENT
    assert entry.object_id == world.strategy.pk


def test_a_lead_officer_may_not_align_the_plan(world, client):
    client.force_login(world.lead)
    response = client.get(reverse("national:align", args=[world.strategy.slug]))
    assert response.status_code == 403


def test_the_alignment_page_shows_suggestions_with_matching_words_and_coverage(world, client):
    world.commitment.text_en = "We will hold perpetrators to account for their behaviour"
    world.commitment.save()
    client.force_login(world.admin)
    response = client.get(reverse("national:align", args=[world.strategy.slug]))
    page = response.content.decode()
    assert "0 of 1 commitments aligned (0%)" in page
    assert "matching words:" in page and "perpetrators" in page


def test_saving_the_alignment_page_aligns_and_reports_coverage(world, client):
    client.force_login(world.admin)
    url = reverse("national:align", args=[world.strategy.slug])
    item = objective("4")
    response = client.post(url, {f"commitment-{world.commitment.pk}": [str(item.pk)]}, follow=True)
    assert "1 of 1 commitments aligned (100%)" in response.content.decode()
    assert set(world.police_action.alignments.all()) == {item}


def test_an_item_that_is_not_a_choice_is_refused_and_nothing_changes(world, client):
    client.force_login(world.admin)
    url = reverse("national:align", args=[world.strategy.slug])
    response = client.post(url, {f"commitment-{world.commitment.pk}": ["999999"]})
    assert response.status_code == 200
    assert not CommitmentAlignment.objects.exists()
