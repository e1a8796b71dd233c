"""The all-Wales dashboard's queries written as SQL (ADR 0040): the same answers the ORM gave,
on SQLite and PostgreSQL, for sums of decimals, themes in either language and any case, theme
text with LIKE's wildcards in it, and a reader with no live partnership."""

from decimal import Decimal

from tests import factories
from tests.outcomes.test_publication import approved
from vawdasv.outcomes import all_wales, summed
from vawdasv.outcomes.enums import ValueState
from vawdasv.outcomes.models import ReturnValue
from vawdasv.outcomes.validation import CellValue
from vawdasv.partnerships.models import Partnership

CARDIFF, VALE = "W06000015", "W06000014"
QUARTER = "2025/26 Q2"


def _approve(world, outcomes, cases_by_area):
    """An approved return: these MARAC totals, and no repeat cases anywhere."""
    values = {("repeat_cases", area, None): CellValue("zero") for area in (CARDIFF, VALE)}
    values |= {("marac_cases", area, None): value for area, value in cases_by_area.items()}
    approved(world, outcomes, values)


def _codes(user, theme):
    return all_wales.codes(user, list(Partnership.objects.all()), QUARTER, theme)


def test_decimal_totals_are_summed_to_the_cent_as_the_field_holds_them(
    world, outcomes, cases_indicator
):
    _approve(world, outcomes, {CARDIFF: CellValue("number", Decimal(1)),
                               VALE: CellValue("number", Decimal(2))})  # fmt: skip
    # Tenths that a binary float cannot hold: 0.1 + 0.2 is 0.30000000000000004 as a float.
    cases_values = ReturnValue.objects.filter(measure=outcomes.cases, category=None)
    cases_values.filter(area__gss_code=CARDIFF).update(number=Decimal("0.10"))
    cases_values.filter(area__gss_code=VALE).update(number=Decimal("0.20"))
    rows = summed._period_sums([world.partnership.pk], QUARTER, [outcomes.cases.pk])
    assert rows == [(world.partnership.pk, outcomes.cases.pk, 2, 2, 0, Decimal("0.30"))]


def test_a_state_without_a_number_is_counted_as_such_not_as_zero(world, outcomes, cases_indicator):
    _approve(world, outcomes, {CARDIFF: CellValue("number", Decimal(7)),
                               VALE: CellValue(ValueState.NOT_AVAILABLE)})  # fmt: skip
    [(_p, _m, valued, counted, not_applicable, total)] = summed._period_sums(
        [world.partnership.pk], QUARTER, [outcomes.cases.pk]
    )
    assert (valued, counted, not_applicable, total) == (1, 1, 0, Decimal(7))
    observer = factories.UserFactory(national_observer=True)
    [line] = all_wales.lines(observer, [world.partnership], QUARTER)
    assert all_wales.shown(line.cells[world.partnership.pk]) == "missing"  # never 7, never 0


def test_the_theme_filter_reads_either_language_in_any_case(world, outcomes, cases_indicator):
    world.theme.name_cy = "PARATOI"
    world.theme.save()
    cases_indicator.themes.add(world.theme)
    observer = factories.UserFactory(national_observer=True)
    assert _codes(observer, "prep") == ["marac_cases"]
    assert _codes(observer, "Parat") == ["marac_cases"]
    assert _codes(observer, "nothing like it") == []


def test_wildcards_in_the_theme_text_are_read_as_themselves(world, outcomes, cases_indicator):
    cases_indicator.themes.add(world.theme)  # "PREPARE"
    observer = factories.UserFactory(national_observer=True)
    for text in ("%", "_", "P_EPARE", "PRE%ARE", "\\"):
        assert _codes(observer, text) == [], text
    world.theme.name_en = "100% prepared_now"
    world.theme.save()
    assert _codes(observer, "0% prep") == ["marac_cases"]
    assert _codes(observer, "d_n") == ["marac_cases"]


def test_a_reader_with_no_live_partnership_gets_quarters_and_codes_without_an_error(
    world, outcomes, cases_indicator
):
    _approve(world, outcomes, {CARDIFF: CellValue("number", Decimal(3)), VALE: CellValue("zero")})
    everyone = list(Partnership.objects.all())
    assert all_wales.periods(world.outsider, everyone) == []  # nothing published yet
    assert all_wales.codes(world.outsider, everyone, QUARTER) == []
    assert all_wales.periods(world.outsider, []) == []
    observer = factories.UserFactory(national_observer=True)
    assert all_wales.periods(observer, everyone) == [QUARTER]
