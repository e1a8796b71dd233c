import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from vawdasv.audit.kernel import ConcurrentEditError
from vawdasv.audit.models import AuditEntry
from vawdasv.outcomes.models import Category, DenominatorValue
from vawdasv.outcomes.services import framework


def test_an_administrator_defines_a_measure_with_one_audit_entry(outcomes, world):
    assert outcomes.cases.category_sets.get() == outcomes.sex
    entry = AuditEntry.objects.filter(
        object_id=outcomes.cases.pk, content_type__model="measure", verb="created"
    ).get()
    assert entry.changes["code"]["after"] == "marac_cases"


def test_a_lead_officer_or_another_partnership_cannot_define_measures(outcomes, world):
    for person in (world.lead, world.outsider, world.board):
        with pytest.raises(PermissionDenied):
            framework.save_measure(
                actor=person, partnership=world.partnership,
                data={"code": "x", "name_en": "X", "supplier_type": "police_force"},
            )  # fmt: skip


def test_a_measure_code_is_used_once_per_partnership(outcomes, world):
    with pytest.raises(ValidationError):
        framework.save_measure(
            actor=world.admin, partnership=world.partnership,
            data={"code": "marac_cases", "name_en": "Again", "supplier_type": "police_force"},
        )  # fmt: skip


def test_a_measure_saved_from_an_old_version_is_refused(outcomes, world):
    framework.save_measure(
        actor=world.admin, partnership=world.partnership, measure=outcomes.repeats,
        data={"name_en": "Repeat cases"}, expected_version=1,
    )  # fmt: skip
    with pytest.raises(ConcurrentEditError):
        framework.save_measure(
            actor=world.admin, partnership=world.partnership, measure=outcomes.repeats,
            data={"name_en": "Other words"}, expected_version=1,
        )  # fmt: skip


def test_a_renamed_category_keeps_its_old_words_for_earlier_periods(outcomes, world):
    female = Category.objects.get(category_set=outcomes.sex, code="female")
    framework.rename_category(
        actor=world.admin, category=female, valid_from=datetime.date(2024, 4, 1),
        label_en="Women and girls",
    )  # fmt: skip
    assert female.label_on(datetime.date(2023, 1, 1)).label_en == "Female"
    assert female.label_on(datetime.date(2025, 1, 1)).label_en == "Women and girls"


def test_an_indicator_with_a_denominator_loaded_from_a_csv_with_its_source(outcomes, world):
    csv = (
        b"geo_code,year,sex,age_band,value\n"
        b"W06000015,2023,female,16+,150000\nW06000014,2023,female,16+,55000\n"
    )
    denominator = framework.load_denominator(
        actor=world.admin, partnership=world.partnership, code="adult_women",
        name_en="Adult women", name_cy="Menywod", source="ONS mid-year estimates 2023",
        file_name="mye.csv", content=csv,
    )  # fmt: skip
    assert DenominatorValue.objects.filter(denominator=denominator).count() == 2
    indicator = framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "marac_rate", "name_en": "MARAC cases per 10,000 adult women",
              "numerator": outcomes.cases, "denominator": denominator,
              "factor": Decimal(10000), "annualised": True},
    )  # fmt: skip
    framework.add_benchmark(
        actor=world.admin, indicator=indicator, label_en="SafeLives", value=Decimal(40),
        source="SafeLives MARAC data",
    )  # fmt: skip
    target = framework.set_target(actor=world.admin, indicator=indicator, value=Decimal(40))
    assert [r.rag for r in target.rules.all()] == ["green", "amber"]
    framework.link_indicator(
        actor=world.admin, indicator=indicator, themes=[world.theme],
        commitments=[world.commitment],
    )  # fmt: skip
    assert list(world.theme.indicators.all()) == [indicator]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"area,year,value\nW06000015,2023,1\n", "Row 1"),
        (b"geo_code,year,value\nW06000015,2023,many\n", "Row 2"),
        (b"geo_code,year,value\nW06000015,2023,1\nW06000015,2023,2\n", "Row 3"),
        (b"geo_code,year,value\n", "no figures"),
        (b"\xff\xfe\x00", "is not a CSV file"),
    ],
)
def test_a_bad_denominator_file_names_the_row_and_saves_nothing(world, content, message):
    with pytest.raises(ValidationError) as error:
        framework.load_denominator(
            actor=world.admin, partnership=world.partnership, code="pop", name_en="Population",
            name_cy="", source="StatsWales", file_name="bad.csv", content=content,
        )  # fmt: skip
    assert message in str(error.value)
    assert not DenominatorValue.objects.exists()


def test_a_validation_rule_must_parse_and_name_known_measures(outcomes, world):
    with pytest.raises(ValidationError, match="No measure"):
        framework.add_validation_rule(
            actor=world.admin, partnership=world.partnership, expression="repeats <= cases",
            severity="block", message_en="Repeats cannot exceed cases",
        )  # fmt: skip
    with pytest.raises(ValidationError):
        framework.add_validation_rule(
            actor=world.admin, partnership=world.partnership,
            expression="__import__('os') == 1", severity="block", message_en="x",
        )  # fmt: skip
    rule = framework.add_validation_rule(
        actor=world.admin, partnership=world.partnership,
        expression="repeat_cases <= marac_cases", severity="block",
        message_en="Repeat cases cannot be more than cases",
    )  # fmt: skip
    assert rule.pk
