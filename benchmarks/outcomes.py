"""Outcomes: the headline-data dashboard over ≥ 100,000 values, and a 10,000-value upload.

The synthetic national data set of `outcomes_data.py` (60 measures × 22 local authorities ×
40 quarters, each with a disaggregation: 184,800 values, made-up figures) is written in bulk as
approved returns of one all-Wales partnership, with one indicator per measure (every third per
10,000 residents over the Census 2021 populations). The dashboard is then rendered live (no
precomputed tables) through Django's test client, against `/bench/hello` through the same
client: p95 of both, and the ratio (the target is within 10×).

A return of 10,120 values (115 measures × 22 areas × three age bands and the total, as the .xlsx
template) is uploaded and validated through `returns.upload_values` in a transaction that is
rolled back, against openpyxl merely opening the same file (read-only).
"""

from __future__ import annotations

import datetime
import io
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from benchmarks.environment import BenchEnvironment
from benchmarks.suite import RunOptions, Suite, Table

DASHBOARD_REQUESTS = 15
UPLOAD_RUNS = 3


def _p50_p95(function: Callable[[], object], runs: int) -> tuple[float, float]:
    function()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def _build_national() -> tuple[Any, Any, int]:
    from django.contrib.auth import get_user_model

    from benchmarks import outcomes_data
    from vawdasv.outcomes.enums import ReturnState, ValueState
    from vawdasv.outcomes.models import (
        Category,
        CategoryLabel,
        CategorySet,
        DataReturn,
        Denominator,
        DenominatorValue,
        Indicator,
        Measure,
        ReturnValue,
    )  # fmt: skip
    from vawdasv.partnerships.enums import OrganisationType, Role
    from vawdasv.partnerships.models import Membership, Organisation, Partnership
    from vawdasv.progress.periods import parse_period
    from vawdasv.reference.models import LocalAuthority

    data = outcomes_data.generate()
    partnership = Partnership.objects.create(slug="bench-wales", name_en="Bench: all Wales")
    authorities = {la.gss_code: la for la in LocalAuthority.objects.all()}
    partnership.local_authorities.set(authorities.values())
    supplier = Organisation.objects.create(
        slug="bench-supplier", name_en="Bench supplier",
        organisation_type=OrganisationType.POLICE_FORCE,
    )  # fmt: skip
    admin = get_user_model().objects.create(username="bench-outcomes-admin")
    Membership.objects.create(user=admin, partnership=partnership, role=Role.ADMINISTRATOR)
    categories: dict[tuple[str, str], Category] = {}
    sets: dict[str, CategorySet] = {}
    for set_code, names in (outcomes_data.SEX, outcomes_data.AGE_BAND):
        code = set_code.replace(" ", "_")
        sets[set_code] = CategorySet.objects.create(
            partnership=partnership, code=code, name_en=set_code
        )
        for order, name in enumerate(names):
            category = Category.objects.create(
                category_set=sets[set_code], code=name.replace(" ", "_"), order=order
            )
            CategoryLabel.objects.create(
                category=category, valid_from=datetime.date(2000, 1, 1), label_en=name
            )
            categories[(set_code, name)] = category
    population = Denominator.objects.create(
        partnership=partnership, code="population", name_en="Population",
        source=outcomes_data.SOURCE,
    )  # fmt: skip
    DenominatorValue.objects.bulk_create(
        DenominatorValue(denominator=population, geo_code=code, year=2016, value=la.population_2021)
        for code, la in authorities.items()
    )
    measures: dict[str, Measure] = {}
    for index, spec in enumerate(data.measures):
        measure = Measure.objects.create(
            partnership=partnership, code=spec.code, name_en=spec.name_en, name_cy=spec.name_cy,
            supplier_type=OrganisationType.POLICE_FORCE, direction=str(spec.direction),
            source=outcomes_data.SOURCE,
        )  # fmt: skip
        measure.category_sets.set([sets[spec.disaggregation]])
        measures[spec.code] = measure
        Indicator.objects.create(
            partnership=partnership, code=spec.code, name_en=spec.name_en, numerator=measure,
            denominator=population if index % 3 == 0 else None,
            factor=Decimal(10000) if index % 3 == 0 else Decimal(1),
            annualised=index % 3 == 0,
        )  # fmt: skip
    returns: dict[str, DataReturn] = {}
    for quarter in data.quarters:
        period = parse_period(quarter.label)
        assert period is not None
        item = DataReturn.objects.create(
            partnership=partnership, supplier=supplier, period_label=period.label,
            period_start=period.start, period_end=period.end, deadline=period.end,
            state=ReturnState.APPROVED,
        )  # fmt: skip
        item.measures.set(measures.values())
        item.areas.set(authorities.values())
        returns[quarter.label] = item
    spec_by_code = {spec.code: spec for spec in data.measures}
    states = {str(state): state for state in ValueState}  # the data set writes the same words
    batch: list[ReturnValue] = []
    for value in data.values:
        state = states[str(value.state)]
        number = Decimal(value.value) if value.value is not None else None
        if state == ValueState.NUMBER and number == 0:
            state, number = ValueState.ZERO, None
        elif state != ValueState.NUMBER:
            number = None
        category = (
            categories[(spec_by_code[value.measure].disaggregation, value.category)]
            if value.category
            else None
        )
        batch.append(ReturnValue(
            data_return=returns[value.quarter.label], measure=measures[value.measure],
            area=authorities[value.area], category=category, state=state, number=number,
        ))  # fmt: skip
    ReturnValue.objects.bulk_create(batch, batch_size=5000)
    return partnership, admin, len(batch)


def _upload_case(partnership: Any, admin: Any) -> tuple[Any, bytes, int]:
    from vawdasv.outcomes import spreadsheet
    from vawdasv.outcomes.enums import ReturnState
    from vawdasv.outcomes.models import CategorySet, DataReturn, Measure
    from vawdasv.outcomes.validation import CellValue
    from vawdasv.partnerships.enums import OrganisationType
    from vawdasv.partnerships.models import Organisation

    ages = CategorySet.objects.get(partnership=partnership, code="age_band")
    measures = []
    for n in range(115):  # by three age bands, with the total: 115 × 22 × 4 = 10,120 cells
        measure = Measure.objects.create(
            partnership=partnership, code=f"upload_{n:03d}", name_en=f"Upload measure {n}",
            supplier_type=OrganisationType.POLICE_FORCE,
        )  # fmt: skip
        measure.category_sets.set([ages])
        measures.append(measure)
    item = DataReturn.objects.create(
        partnership=partnership, supplier=Organisation.objects.get(slug="bench-supplier"),
        period_label="2026/27 Q1", period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2026, 6, 30), deadline=datetime.date(2026, 7, 31),
        state=ReturnState.NOT_STARTED,
    )  # fmt: skip
    item.measures.set(measures)
    item.areas.set(partnership.local_authorities.all())
    cells = spreadsheet._cells(item)
    values = {cell: CellValue("number", Decimal(7 + i % 40)) for i, (cell, _c) in enumerate(cells)}
    with_parts = {(c[0], c[1]) for c, _code in cells if c[2] is not None}
    for code, area in with_parts:
        values[(code, area, None)] = CellValue("number", Decimal(0))
    for (code, area, category), value in list(values.items()):  # totals are their parts' sum
        if category is not None:
            total = (code, area, None)
            values[total] = CellValue("number", values[total].number + value.number)  # type: ignore[operator]
    return item, spreadsheet.template(item, values), len(cells)


def run(environment: BenchEnvironment, options: RunOptions) -> list[Table]:
    import openpyxl
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client
    from django.test.utils import override_settings

    from vawdasv.outcomes.services import returns

    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    partnership, admin, count = _build_national()
    built = time.perf_counter() - started
    client = Client()
    client.force_login(admin)
    dashboard_url = f"/outcomes/{partnership.slug}/dashboard/"
    with override_settings(ALLOWED_HOSTS=["*"]):
        response = client.get(dashboard_url)
        assert response.status_code == 200, response.status_code
        hello = _p50_p95(lambda: client.get("/bench/hello"), DASHBOARD_REQUESTS)
        dashboard = _p50_p95(lambda: client.get(dashboard_url), DASHBOARD_REQUESTS)
    table = Table(
        f"All-Wales headline-data dashboard over {count:,} approved values "
        f"({DASHBOARD_REQUESTS} requests each through the test client)",
        ["page", "p50 ms", "p95 ms", "p50 × hello", "p95 × hello"],
    )
    table.rows.append(["/bench/hello", hello[0] * 1000, hello[1] * 1000, 1.0, 1.0])
    table.rows.append([
        dashboard_url, dashboard[0] * 1000, dashboard[1] * 1000,
        dashboard[0] / hello[0] if hello[0] else "-", dashboard[1] / hello[1] if hello[1] else "-",
    ])  # fmt: skip
    table.notes.append(
        "  the dashboard shows ten indicators a page (the first page here), worked out live"
    )
    table.notes.append(f"  the values were written in bulk in {built:.1f} s (not timed above)")

    item, content, cells = _upload_case(partnership, admin)

    def upload() -> None:
        with transaction.atomic():
            returns.upload_values(actor=admin, data_return=item, name="bench.xlsx", content=content)
            transaction.set_rollback(True)

    def open_only() -> object:
        return openpyxl.load_workbook(io.BytesIO(content), read_only=True).active

    opened = statistics.median(_timed(open_only) for _ in range(UPLOAD_RUNS))
    uploaded = statistics.median(_timed(upload) for _ in range(UPLOAD_RUNS))
    upload_table = Table(
        f"Uploading a return of {cells:,} values (.xlsx, median of {UPLOAD_RUNS} runs)",
        ["what", "seconds", "× openpyxl open"],
    )
    upload_table.rows.append(["openpyxl opens the file (read-only)", opened, 1.0])
    upload_table.rows.append(["read, validate and save (rolled back)", uploaded,
                              uploaded / opened if opened else "-"])  # fmt: skip
    upload_table.notes.append("  target: under 5 s for the whole upload")
    return [table, upload_table]


def _timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


SUITE = Suite(
    name="outcomes",
    summary="headline-data dashboard over 184,800 values; a 10,000-value return upload",
    run=run,
)
