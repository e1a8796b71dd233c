import pytest
from django.urls import reverse

from vawdasv.outcomes.enums import ReturnState
from vawdasv.outcomes.grid import field_name
from vawdasv.outcomes.models import ReturnValue

CARDIFF, VALE = "W06000015", "W06000014"


def boxes(typed, version=1):
    data = {"version": str(version)}
    for (code, area), text in typed.items():
        data[field_name((code, area, None))] = text
    return data


def full(extra=None):
    return boxes(
        {("marac_cases", CARDIFF): "40", ("marac_cases", VALE): "0",
         ("repeat_cases", CARDIFF): "12", ("repeat_cases", VALE): "x", **(extra or {})},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("lead", 200), ("board", 200), ("outsider", 404), (None, 302)],
)
def test_framework_and_return_pages_are_for_members(client, world, outcomes, persona, status):
    if persona:
        client.force_login(getattr(world, persona))
    for url in (
        reverse("outcomes:framework", args=[world.partnership.slug]),
        outcomes.data_return.get_absolute_url(),
    ):
        assert client.get(url).status_code == status


def test_the_framework_page_lists_measures_and_returns_in_welsh_too(client, world, outcomes):
    client.force_login(world.admin)
    page = client.get("/cy/outcomes/cardiff-vale/").content.decode()
    assert "Achosion MARAC" in page and "marac_cases" in page
    assert outcomes.data_return.get_absolute_url().removeprefix("/") in page


def test_the_supplier_fills_the_grid_and_submits_without_javascript(client, world, outcomes):
    client.force_login(world.lead)
    url = outcomes.data_return.get_absolute_url()
    response = client.post(url, {**full(), "submit": "1"})
    assert response.status_code == 302
    outcomes.data_return.refresh_from_db()
    assert outcomes.data_return.state == ReturnState.SUBMITTED
    states = dict(ReturnValue.objects.values_list("area__gss_code", "state").filter(
        measure__code="marac_cases"))  # fmt: skip
    assert states == {CARDIFF: "number", VALE: "zero"}
    assert ReturnValue.objects.get(measure__code="repeat_cases", area__gss_code=VALE).state == (
        "not_available"
    )


def test_a_box_that_is_not_a_value_is_named_and_nothing_is_saved(client, world, outcomes):
    client.force_login(world.lead)
    response = client.post(
        outcomes.data_return.get_absolute_url(), full({("marac_cases", VALE): "lots"})
    )  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "MARAC cases discussed, Vale of Glamorgan: enter a number" in page
    assert 'value="lots"' in page
    assert not ReturnValue.objects.exists()


def test_the_second_save_from_the_same_version_shows_both_versions(client, world, outcomes):
    client.force_login(world.lead)
    url = outcomes.data_return.get_absolute_url()
    assert client.post(url, full()).status_code == 302
    client.force_login(world.admin)
    response = client.post(url, full({("marac_cases", CARDIFF): "41"}))
    assert response.status_code == 409
    page = response.content.decode()
    assert 'value="41"' in page and "Saved by the other person: 40" in page
    assert ReturnValue.objects.get(measure__code="marac_cases", area__gss_code=CARDIFF).number == 40


def test_the_adviser_approves_and_a_lead_officer_cannot(client, world, outcomes):
    client.force_login(world.lead)
    url = outcomes.data_return.get_absolute_url()
    client.post(url, {**full(), "submit": "1"})
    assert (
        client.post(reverse("outcomes:return-approve", args=[outcomes.data_return.pk])).status_code
        == 403
    )
    client.force_login(world.admin)
    response = client.post(reverse("outcomes:return-approve", args=[outcomes.data_return.pk]))
    assert response.status_code == 302
    outcomes.data_return.refresh_from_db()
    assert outcomes.data_return.state == ReturnState.APPROVED
    response = client.post(
        reverse("outcomes:return-reopen", args=[outcomes.data_return.pk]), {"comment": ""}
    )
    assert response.status_code == 400
    assert "Say why" in response.content.decode()


def test_the_return_page_reads_in_a_constant_number_of_queries(
    client, world, outcomes, django_assert_max_num_queries
):
    client.force_login(world.admin)
    client.post(outcomes.data_return.get_absolute_url(), full())
    with django_assert_max_num_queries(30):
        client.get(outcomes.data_return.get_absolute_url())


def test_markup_typed_into_the_framework_and_a_return_comes_back_as_text(client, world, outcomes):
    from vawdasv.outcomes.models import CategoryLabel, Measure, ReturnEvent

    marker = '<b id="planted">&lt;h2&gt;'
    Measure.objects.filter(pk=outcomes.cases.pk).update(name_en=marker, source=marker)
    CategoryLabel.objects.update(label_en=marker)
    ReturnEvent.objects.create(data_return=outcomes.data_return, kind="saved", comment=marker)
    client.force_login(world.admin)
    for url in ("/outcomes/cardiff-vale/", outcomes.data_return.get_absolute_url()):
        page = client.get(url).content.decode()
        assert '<b id="planted">' not in page
        assert "&lt;b id=&quot;planted&quot;&gt;&amp;lt;h2&amp;gt;" in page
