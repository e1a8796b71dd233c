"""The dissemination log names the partnership's governance groups: chosen from a select (or a
training course or partner written in), shown as a link to the group's page, in English and
Welsh. Reviews never imports governance: the web layer's provider resolves the group."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from vawdasv.governance import services as governance
from vawdasv.governance.enums import Frequency, GroupKind
from vawdasv.reviews import services
from vawdasv.reviews.models import Dissemination

pytestmark = pytest.mark.django_db

ADD = "/reviews/dissemination/cardiff-vale/new/"


def make_group(world, partnership=None, name="Regional VAWDASV Steering Group"):
    return governance.create_group(
        actor=world.admin if partnership is None else world.outsider,
        partnership=partnership or world.partnership,
        data={
            "name_en": name, "name_cy": "Grŵp Llywio Rhanbarthol VAWDASV",
            "kind": GroupKind.STEERING_GROUP, "frequency": Frequency.QUARTERLY,
        },
    )  # fmt: skip


@pytest.mark.parametrize(
    ("prefix", "shown"),
    [("", "Regional VAWDASV Steering Group"), ("/cy", "Grŵp Llywio Rhanbarthol VAWDASV")],
)
def test_a_briefing_sent_to_a_group_shows_the_groups_name_as_a_link(
    client, world, review, prefix, shown
):
    group = make_group(world)
    client.force_login(world.admin)
    form = client.get(f"{prefix}{ADD}")
    assert f'<option value="{group.pk}">'.encode() in form.content
    response = client.post(
        f"{prefix}{ADD}",
        {"briefing": "Coercive control briefing", "group": group.pk, "audience": "",
         "sent_on": "2026-10-01", "reviews": [review.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    entry = Dissemination.objects.get()
    # The name as the person recording it read it is kept, should the group go.
    assert (entry.group_id, entry.audience) == (group.pk, shown)
    log = client.get(f"{prefix}/reviews/recommendations/").content.decode()
    assert f'href="{prefix}/governance/groups/{group.pk}/">{shown}</a>' in log


def test_a_training_course_is_still_written_in_and_shown_as_text(client, world):
    make_group(world)
    client.force_login(world.admin)
    response = client.post(
        ADD, {"briefing": "Briefing", "group": "", "audience": "Health visitors' course",
              "sent_on": "2026-10-01"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Dissemination.objects.get().group_id is None
    log = client.get("/reviews/recommendations/").content.decode()
    assert "Health visitors&#x27; course</td>" in log


def test_neither_a_group_nor_an_audience_says_what_to_do_and_saves_nothing(client, world):
    client.force_login(world.admin)
    response = client.post(
        ADD, {"briefing": "Briefing", "group": "", "audience": " ", "sent_on": "2026-10-01"}
    )
    assert response.status_code == 400
    assert b"Choose a group, or enter the training course or partner" in response.content
    assert not Dissemination.objects.exists()


def test_another_partnerships_group_is_refused_on_the_page_and_in_the_service(client, world):
    theirs = make_group(world, partnership=world.other_partnership, name="Gwent board")
    client.force_login(world.admin)
    response = client.post(
        ADD, {"briefing": "Briefing", "group": theirs.pk, "audience": "", "sent_on": "2026-10-01"}
    )
    assert response.status_code == 400
    with pytest.raises(ValidationError):
        services.record_dissemination(
            actor=world.admin, partnership=world.partnership, briefing="Briefing",
            sent_on=datetime.date(2026, 10, 1), group_id=theirs.pk,
        )  # fmt: skip
    assert not Dissemination.objects.exists()


def test_a_deleted_group_leaves_its_name_as_it_was_in_the_log(client, world):
    group = make_group(world)
    services.record_dissemination(
        actor=world.admin, partnership=world.partnership, briefing="Briefing",
        sent_on=datetime.date(2026, 10, 1), group_id=group.pk,
    )  # fmt: skip
    group.delete()
    client.force_login(world.admin)
    log = client.get("/reviews/recommendations/").content.decode()
    assert "Regional VAWDASV Steering Group</td>" in log
    assert "/governance/groups/" not in log


def test_the_log_resolves_every_group_in_one_query(client, world, django_assert_max_num_queries):
    for n in range(3):
        group = make_group(world, name=f"Group {n}")
        services.record_dissemination(
            actor=world.admin, partnership=world.partnership, briefing=f"Briefing {n}",
            sent_on=datetime.date(2026, 10, 1), group_id=group.pk,
        )  # fmt: skip
    from vawdasv.reviews import selectors

    with django_assert_max_num_queries(3):
        entries = selectors.disseminations(world.admin)
    assert sorted(e.group.name for e in entries) == ["Group 0", "Group 1", "Group 2"]
