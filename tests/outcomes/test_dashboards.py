import datetime

import pytest
from django.urls import reverse

from tests.outcomes.test_publication import by_sex
from vawdasv.outcomes.services import framework, publication, returns


@pytest.fixture
def indicator(world, outcomes):
    return framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "marac_cases", "name_en": "MARAC cases", "name_cy": "Achosion MARAC",
              "numerator": outcomes.cases},
    )  # fmt: skip


def test_the_dashboard_shows_approved_figures_with_a_chart_and_its_table(
    client, world, outcomes, indicator
):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    client.force_login(world.board)
    page = client.get(reverse("outcomes:dashboard", args=["cardiff-vale"])).content.decode()
    assert "MARAC cases: 72 in 2025/26 Q2" in page
    assert "<svg" in page and "<circle" in page
    assert "Rolling 12 months" in page


def test_the_dashboard_names_returns_not_yet_approved(client, world, outcomes, indicator):
    client.force_login(world.admin)
    page = client.get(reverse("outcomes:dashboard", args=["cardiff-vale"])).content.decode()
    assert "Returns not yet approved" in page and "2025/26 Q2 (Not started)" in page


def test_the_dashboard_is_for_members_only(client, world, outcomes, indicator):
    client.force_login(world.outsider)
    assert client.get(reverse("outcomes:dashboard", args=["cardiff-vale"])).status_code == 404


def test_anyone_sees_the_published_figures_with_suppressed_cells_and_the_key(
    client, world, outcomes, indicator
):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    publication.publish(actor=world.admin, indicator=indicator, period_label="2025/26 Q2")
    page = client.get(reverse("outcomes:public", args=["cardiff-vale"])).content.decode()
    assert "[c]" in page and "Counts below 5 are suppressed." in page
    assert ">43<" in page  # Cardiff's total is published
    assert ">3<" not in page  # Cardiff's 3 men are not
    welsh = client.get("/cy/outcomes/cardiff-vale/published/")
    assert welsh.status_code == 200 and "Achosion MARAC" in welsh.content.decode()


def test_the_published_figures_carry_their_caveats_in_the_readers_language(
    client, world, outcomes, indicator
):
    type(outcomes.cases).objects.filter(pk=outcomes.cases.pk).update(
        caveats_en="Demonstration values, not real figures.",
        caveats_cy="Gwerthoedd enghreifftiol, nid ffigurau go iawn.",
    )
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    publication.publish(actor=world.admin, indicator=indicator, period_label="2025/26 Q2")
    page = client.get(reverse("outcomes:public", args=["cardiff-vale"])).content.decode()
    welsh = client.get("/cy/outcomes/cardiff-vale/published/").content.decode()
    assert "Demonstration values, not real figures." in page
    assert "Gwerthoedd enghreifftiol, nid ffigurau go iawn." in welsh


def test_the_public_page_reads_in_a_fixed_number_of_queries(
    client, world, outcomes, indicator, django_assert_max_num_queries
):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    publication.publish(actor=world.admin, indicator=indicator, period_label="2025/26 Q2")
    with django_assert_max_num_queries(12):
        client.get(reverse("outcomes:public", args=["cardiff-vale"]))


def test_the_dashboard_makes_as_many_queries_with_more_values(
    client, world, outcomes, indicator, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.outcomes.test_outliers_in_returns import cells

    client.force_login(world.admin)
    url = reverse("outcomes:dashboard", args=["cardiff-vale"])
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for label in ("2024/25 Q2", "2024/25 Q3", "2024/25 Q4"):
        earlier = returns.open_return(
            actor=world.admin, partnership=world.partnership, supplier=world.police,
            period_label=label, deadline=datetime.date(2025, 12, 1),
            measures=[outcomes.cases, outcomes.repeats], areas=[outcomes.cardiff, outcomes.vale],
        )  # fmt: skip
        returns.save_values(
            actor=world.lead, data_return=earlier, values=cells(10), expected_version=None
        )
        returns.submit_return(actor=world.lead, data_return=earlier)
        returns.approve_return(actor=world.admin, data_return=earlier)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_administrator_publishes_from_the_dashboard(client, world, outcomes, indicator):
    from vawdasv.outcomes.models import Publication

    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    client.force_login(world.admin)
    page = client.get(reverse("outcomes:dashboard", args=["cardiff-vale"])).content.decode()
    assert "Publish 2025/26 Q2" in page
    url = reverse("outcomes:publish", args=["cardiff-vale", indicator.pk])
    response = client.post(url, {"period": "2025/26 Q2"}, follow=True)
    assert "published after disclosure control" in response.content.decode()
    assert Publication.objects.get().period_label == "2025/26 Q2"


def test_a_period_without_approved_values_is_not_published(client, world, outcomes, indicator):
    from vawdasv.outcomes.models import Publication

    client.force_login(world.admin)
    url = reverse("outcomes:publish", args=["cardiff-vale", indicator.pk])
    response = client.post(url, {"period": "2025/26 Q2"}, follow=True)
    assert "no approved values for 2025/26 Q2" in response.content.decode()
    assert not Publication.objects.exists()


def test_only_administrators_publish(client, world, outcomes, indicator):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    url = reverse("outcomes:publish", args=["cardiff-vale", indicator.pk])
    for person, status in ((world.board, 403), (world.lead, 403), (world.outsider, 404)):
        client.force_login(person)
        assert client.post(url, {"period": "2025/26 Q2"}).status_code == status
    client.force_login(world.board)
    page = client.get(reverse("outcomes:dashboard", args=["cardiff-vale"])).content.decode()
    assert "Publish 2025/26 Q2" not in page
