"""Removing a benchmark, a validation rule, a disaggregation or a MARAC area added by mistake,
and changing a MARAC area: services (permission, version, in use, audit) and their pages."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.outcomes.conftest import number
from vawdasv.audit.kernel import ConcurrentEditError
from vawdasv.audit.models import AuditEntry
from vawdasv.outcomes.enums import Direction, Geography, Unit
from vawdasv.outcomes.models import (
    Benchmark,
    Category,
    CategorySet,
    MaracArea,
    ValidationRule,
)
from vawdasv.outcomes.services import framework, returns
from vawdasv.partnerships.enums import OrganisationType
from vawdasv.reference.models import LocalAuthority


@pytest.fixture
def benchmark(world, cases_indicator):
    return framework.add_benchmark(
        actor=world.admin, indicator=cases_indicator, label_en="SafeLives", value=Decimal(40),
        source="SafeLives Insights",
    )  # fmt: skip


@pytest.fixture
def rule(world, outcomes):
    return framework.add_validation_rule(
        actor=world.admin, partnership=world.partnership, expression="repeat_cases <= marac_cases",
        severity="block", message_en="Repeats cannot exceed cases.",
    )  # fmt: skip


@pytest.fixture
def age(world, outcomes):
    return framework.create_category_set(
        actor=world.admin, partnership=world.partnership, code="age", name_en="Age band",
        categories=[("16-24", "16 to 24", "16 i 24")], valid_from=datetime.date(2000, 1, 1),
    )  # fmt: skip


@pytest.fixture
def marac(world, outcomes):
    return framework.add_marac_area(
        actor=world.admin, partnership=world.partnership, code="cardiff-vale-marac",
        name_en="Cardiff and Vale MARAC", local_authorities=[outcomes.cardiff],
    )  # fmt: skip


def deleted(model: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(content_type__model=model, verb="deleted"))


def marac_measure(world):
    return framework.save_measure(
        actor=world.admin, partnership=world.partnership,
        data={"code": "marac_volume", "name_en": "MARAC volume", "unit": Unit.COUNT,
              "supplier_type": OrganisationType.POLICE_FORCE, "direction": Direction.NEITHER,
              "geography": Geography.MARAC_AREA},
    )  # fmt: skip


def marac_return(world, outcomes, measure):
    return returns.open_return(
        actor=world.admin, partnership=world.partnership, supplier=world.police,
        period_label="2025/26 Q3", deadline=datetime.date(2026, 1, 31), measures=[measure],
        areas=[outcomes.cardiff, outcomes.vale],
    )  # fmt: skip


# Services ------------------------------------------------------------------------------


def test_an_administrator_removes_a_benchmark_with_one_audit_entry(world, benchmark):
    framework.remove_benchmark(actor=world.admin, benchmark=benchmark, expected_version=1)
    assert not Benchmark.objects.exists()
    [entry] = deleted("benchmark")
    assert entry.changes["label_en"] == {"before": "SafeLives", "after": None}
    assert entry.partnership == world.partnership


def test_only_an_administrator_removes_a_benchmark_and_a_refusal_changes_nothing(world, benchmark):
    for person in (world.lead, world.board, world.outsider):
        with pytest.raises(PermissionDenied):
            framework.remove_benchmark(actor=person, benchmark=benchmark, expected_version=1)
    assert Benchmark.objects.get() == benchmark and not deleted("benchmark")


def test_a_benchmark_changed_since_the_confirmation_is_not_removed(world, benchmark):
    framework.change_benchmark(
        actor=world.admin, benchmark=benchmark, data={"value": Decimal(41)}, expected_version=1
    )
    with pytest.raises(ConcurrentEditError):
        framework.remove_benchmark(actor=world.admin, benchmark=benchmark, expected_version=1)
    assert Benchmark.objects.get().value == 41 and not deleted("benchmark")


def test_an_administrator_removes_a_validation_rule_with_one_audit_entry(world, rule):
    with pytest.raises(PermissionDenied):
        framework.remove_validation_rule(actor=world.lead, rule=rule, expected_version=1)
    assert ValidationRule.objects.exists()
    with pytest.raises(ConcurrentEditError):
        framework.remove_validation_rule(actor=world.admin, rule=rule, expected_version=2)
    assert ValidationRule.objects.exists() and not deleted("validationrule")
    framework.remove_validation_rule(actor=world.admin, rule=rule, expected_version=1)
    assert not ValidationRule.objects.exists()
    [entry] = deleted("validationrule")
    assert entry.changes["expression"]["before"] == "repeat_cases <= marac_cases"


def test_an_unused_disaggregation_is_removed_with_its_categories(world, age):
    framework.remove_category_set(actor=world.admin, category_set=age, expected_version=1)
    assert not CategorySet.objects.filter(code="age").exists()
    assert not Category.objects.filter(code="16-24").exists()
    [entry] = deleted("categoryset")
    assert entry.changes["code"]["before"] == "age"


def test_a_disaggregation_a_measure_lists_is_not_removed_and_the_measure_is_named(world, outcomes):
    with pytest.raises(ValidationError, match="marac_cases"):
        framework.remove_category_set(
            actor=world.admin, category_set=outcomes.sex, expected_version=1
        )
    assert outcomes.sex.categories.count() == 2 and not deleted("categoryset")


def test_a_disaggregation_with_recorded_values_is_not_removed_even_once_no_measure_lists_it(
    world, outcomes
):
    female = Category.objects.get(category_set=outcomes.sex, code="female")
    returns.save_values(
        actor=world.lead, data_return=outcomes.data_return, expected_version=None,
        values={("marac_cases", outcomes.cardiff.gss_code, female.pk): number(3)},
    )  # fmt: skip
    outcomes.data_return.measures.remove(outcomes.cases)
    outcomes.cases.category_sets.clear()
    with pytest.raises(ValidationError, match=r"values recorded against its categories.*\(1\)"):
        framework.remove_category_set(
            actor=world.admin, category_set=outcomes.sex, expected_version=1
        )
    assert female.values.count() == 1


def test_a_disaggregation_renamed_since_the_confirmation_is_not_removed(world, age):
    framework.rename_category(
        actor=world.admin, category=age.categories.get(), valid_from=datetime.date(2025, 4, 1),
        label_en="Aged 16 to 24",
    )  # fmt: skip
    with pytest.raises(ConcurrentEditError):
        framework.remove_category_set(actor=world.admin, category_set=age, expected_version=1)
    assert CategorySet.objects.filter(code="age").exists()


def test_an_administrator_changes_a_marac_areas_names_and_authorities(world, outcomes, marac):
    framework.change_marac_area(
        actor=world.admin, area=marac, name_en="Cardiff and the Vale MARAC",
        name_cy="MARAC Caerdydd a'r Fro", local_authorities=[outcomes.cardiff, outcomes.vale],
        expected_version=1,
    )  # fmt: skip
    area = MaracArea.objects.get()
    assert (area.name_cy, area.version, area.code) == ("MARAC Caerdydd a'r Fro", 2, marac.code)
    assert set(area.local_authorities.all()) == {outcomes.cardiff, outcomes.vale}
    [entry] = AuditEntry.objects.filter(content_type__model="maracarea", verb="updated")
    assert set(entry.changes) == {"name_en", "name_cy", "local_authorities"}


def test_a_marac_area_change_is_refused_for_the_wrong_person_an_old_version_or_other_areas(
    world, outcomes, marac
):
    change = {"area": marac, "name_en": "Other", "name_cy": "",
              "local_authorities": [outcomes.vale]}  # fmt: skip
    with pytest.raises(PermissionDenied):
        framework.change_marac_area(actor=world.lead, expected_version=1, **change)
    with pytest.raises(ConcurrentEditError):
        framework.change_marac_area(actor=world.admin, expected_version=0, **change)
    elsewhere = LocalAuthority.objects.get(gss_code="W06000010")
    for authorities in ([], [elsewhere]):
        with pytest.raises(ValidationError):
            framework.change_marac_area(
                actor=world.admin, expected_version=1,
                **{**change, "local_authorities": authorities},
            )  # fmt: skip
    area = MaracArea.objects.get()
    assert (area.name_en, list(area.local_authorities.all())) == (
        "Cardiff and Vale MARAC", [outcomes.cardiff],
    )  # fmt: skip
    assert not AuditEntry.objects.filter(content_type__model="maracarea", verb="updated")


def test_an_unused_marac_area_is_removed_with_one_audit_entry(world, marac):
    with pytest.raises(PermissionDenied):
        framework.remove_marac_area(actor=world.board, area=marac, expected_version=1)
    framework.remove_marac_area(actor=world.admin, area=marac, expected_version=1)
    assert not MaracArea.objects.exists()
    [entry] = deleted("maracarea")
    assert entry.changes["local_authorities"]["before"]


def test_a_marac_area_a_return_collects_or_has_a_value_for_is_not_removed(world, outcomes, marac):
    data_return = marac_return(world, outcomes, marac_measure(world))
    with pytest.raises(ValidationError, match="collect a value for it"):
        framework.remove_marac_area(actor=world.admin, area=marac, expected_version=1)
    returns.save_values(
        actor=world.lead, data_return=data_return, expected_version=None,
        values={("marac_volume", marac.code, None): number(12)},
    )  # fmt: skip
    # Even once its authorities no longer meet the return's, the value recorded keeps it.
    marac.local_authorities.set([LocalAuthority.objects.get(gss_code="W06000010")])
    with pytest.raises(ValidationError, match=r"values recorded for it in data returns \(1\)"):
        framework.remove_marac_area(actor=world.admin, area=marac, expected_version=1)
    assert MaracArea.objects.exists() and not deleted("maracarea")


# Pages ---------------------------------------------------------------------------------


def test_the_confirmation_page_removes_nothing_and_the_post_removes_the_benchmark(
    client, world, benchmark
):
    client.force_login(world.admin)
    url = reverse("outcomes:benchmark-remove", args=["cardiff-vale", benchmark.pk])
    page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200 and "govuk-button--warning" in text
    assert "recorded in the history" in text and "SafeLives Insights" in text
    assert Benchmark.objects.exists()
    assert client.post(url, {}).status_code == 400 and Benchmark.objects.exists()
    response = client.post(url, {"version": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == "/outcomes/cardiff-vale/"
    assert "Benchmark removed." in response.content.decode()
    assert not Benchmark.objects.exists()


def test_a_stale_confirmation_is_refused_and_confirming_again_removes_the_rule(client, world, rule):
    client.force_login(world.admin)
    url = reverse("outcomes:rule-remove", args=["cardiff-vale", rule.pk])
    ValidationRule.objects.filter(pk=rule.pk).update(version=2)
    response = client.post(url, {"version": "1"})
    text = response.content.decode()
    assert response.status_code == 400 and "Somebody changed this after you opened" in text
    assert 'name="version" value="2"' in text and ValidationRule.objects.exists()
    assert client.post(url, {"version": "2"}).status_code == 302
    assert not ValidationRule.objects.exists()


def test_a_disaggregation_in_use_shows_what_uses_it_and_no_remove_button(client, world, outcomes):
    client.force_login(world.admin)
    url = reverse("outcomes:category-set-remove", args=["cardiff-vale", outcomes.sex.pk])
    text = client.get(url).content.decode()
    assert "cannot be removed while it is in use" in text and "marac_cases" in text
    assert "govuk-button--warning" not in text
    response = client.post(url, {"version": "1"})
    assert response.status_code == 400 and "marac_cases" in response.content.decode()
    assert CategorySet.objects.filter(pk=outcomes.sex.pk).exists()


def test_an_unused_disaggregation_and_marac_area_are_removed_from_their_pages(
    client, world, age, marac
):
    client.force_login(world.admin)
    for name, item in (("category-set-remove", age), ("marac-area-remove", marac)):
        url = reverse(f"outcomes:{name}", args=["cardiff-vale", item.pk])
        assert client.get(url).status_code == 200
        assert client.post(url, {"version": "1"}).status_code == 302
    assert not CategorySet.objects.filter(code="age").exists()
    assert not MaracArea.objects.exists()


def test_the_framework_page_offers_remove_and_change_links_to_administrators_only(
    client, world, benchmark, rule, marac
):
    client.force_login(world.admin)
    text = client.get("/outcomes/cardiff-vale/").content.decode()
    for url in (
        reverse("outcomes:benchmark-remove", args=["cardiff-vale", benchmark.pk]),
        reverse("outcomes:rule-remove", args=["cardiff-vale", rule.pk]),
        reverse("outcomes:marac-area-edit", args=["cardiff-vale", marac.pk]),
        reverse("outcomes:marac-area-remove", args=["cardiff-vale", marac.pk]),
    ):
        assert url in text
    client.force_login(world.lead)
    assert "/remove/" not in client.get("/outcomes/cardiff-vale/").content.decode()


def test_a_second_marac_area_save_from_an_old_version_shows_both_versions(
    client, world, outcomes, marac
):
    client.force_login(world.admin)
    url = reverse("outcomes:marac-area-edit", args=["cardiff-vale", marac.pk])
    page = client.get(url).content.decode()
    assert "Cardiff and Vale MARAC" in page and "Carmarthenshire" not in page
    both = [outcomes.cardiff.pk, outcomes.vale.pk]
    form = {"name_en": "Cardiff and the Vale MARAC", "name_cy": "", "local_authorities": both,
            "version": "1"}  # fmt: skip
    assert client.post(url, form).status_code == 302
    response = client.post(url, {**form, "name_en": "Vale MARAC"})
    text = response.content.decode()
    assert response.status_code == 400 and "Somebody else changed this MARAC area" in text
    assert "The version saved by somebody else" in text and "Cardiff and the Vale MARAC" in text
    assert 'value="Vale MARAC"' in text  # what they typed is kept in the form
    assert MaracArea.objects.get().name_en == "Cardiff and the Vale MARAC"
    assert client.post(url, {**form, "name_en": "Vale MARAC", "version": "2"}).status_code == 302
    assert MaracArea.objects.get().name_en == "Vale MARAC"


def test_the_welsh_confirmation_page_says_what_will_go_in_welsh(client, world, outcomes):
    client.force_login(world.admin)
    text = client.get(f"/cy/outcomes/cardiff-vale/disaggregations/{outcomes.sex.pk}/remove/")
    page = text.content.decode()
    assert "Tynnu'r dadgyfuniad “Rhyw”?" in page.replace("&#x27;", "'")
    assert "mae&#x27;r mesurau marac_cases yn ei restru" in page.lower()


def test_the_indicator_and_benchmark_pages_link_to_removing_the_benchmark(client, world, benchmark):
    client.force_login(world.admin)
    remove = reverse("outcomes:benchmark-remove", args=["cardiff-vale", benchmark.pk])
    for url in (
        reverse("outcomes:indicator-edit", args=["cardiff-vale", benchmark.indicator_id]),
        reverse("outcomes:benchmark-edit", args=["cardiff-vale", benchmark.pk]),
    ):
        assert remove in client.get(url).content.decode()
