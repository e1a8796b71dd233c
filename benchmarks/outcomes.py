"""Outcomes: both headline-data dashboards over ≥ 100,000 values, and a 10,000-value upload.

The synthetic national data set of `outcomes_data.py` (60 measures × 22 local authorities ×
40 quarters, each with a disaggregation: 184,800 values, made-up figures) is written in bulk as
approved returns of the six regional partnerships (each its own authorities' values), with one
indicator per measure (every third per 10,000 residents over the Census 2021 populations). The
real server (gunicorn, as `latency` starts it) then serves, to a signed-in national observer
who reads every region's figures live: the partnership dashboard of the region with the most
authorities and the all-Wales outcomes dashboard, both worked out from the approved values on
every request (no precomputed tables, no page cache), beside `/bench/hello` on the same
server in the same run, with the same clients, the three taking turns in four blocks each
(`latency.measure_in_turns`): p50 and p95 of each, and the ratios (the target is the all-Wales
dashboard's p95 within 10× hello's).

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
from benchmarks.latency import CLIENT_COUNTS, HELLO, Measurement, Page, _row, measure_in_turns
from benchmarks.server import running_server
from benchmarks.suite import RunOptions, Suite, Table

UPLOAD_RUNS = 3


def _build_national() -> tuple[list[Any], str, int]:
    """The data set as approved returns of the six regional partnerships (the national data
    set's when it was built in this run, new ones otherwise); returns the partnerships, a
    national observer's session cookie and the number of values."""
    from django.contrib.auth import get_user_model
    from django.test import Client

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
    from vawdasv.partnerships.enums import OrganisationType
    from vawdasv.partnerships.models import Organisation, Partnership
    from vawdasv.progress.periods import parse_period
    from vawdasv.reference.models import LocalAuthority, Region

    data = outcomes_data.generate()
    authorities = {la.gss_code: la for la in LocalAuthority.objects.all()}
    supplier = Organisation.objects.create(
        slug="bench-supplier", name_en="Bench supplier",
        organisation_type=OrganisationType.POLICE_FORCE,
    )  # fmt: skip
    spec_by_code = {spec.code: spec for spec in data.measures}
    states = {str(state): state for state in ValueState}  # the data set writes the same words
    partnerships: list[Partnership] = []
    batch: list[ReturnValue] = []
    for region in Region.objects.order_by("slug"):
        partnership = Partnership.objects.filter(region=region).order_by("pk").first()
        if partnership is None:
            partnership = Partnership.objects.create(
                slug=f"bench-{region.slug}", name_en=f"Bench: {region.name_en}", region=region
            )
            partnership.local_authorities.set(region.local_authorities.all())
        partnerships.append(partnership)
        ours = {la.gss_code: la for la in partnership.local_authorities.all()}
        categories: dict[tuple[str, str], Category] = {}
        sets: dict[str, CategorySet] = {}
        for set_code, names in (outcomes_data.SEX, outcomes_data.AGE_BAND):
            sets[set_code] = CategorySet.objects.create(
                partnership=partnership, code=set_code.replace(" ", "_"), name_en=set_code
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
            DenominatorValue(
                denominator=population, geo_code=code, year=2016, value=la.population_2021
            )
            for code, la in ours.items()
        )
        measures: dict[str, Measure] = {}
        for index, spec in enumerate(data.measures):
            measure = Measure.objects.create(
                partnership=partnership, code=spec.code, name_en=spec.name_en,
                name_cy=spec.name_cy, supplier_type=OrganisationType.POLICE_FORCE,
                direction=str(spec.direction), source=outcomes_data.SOURCE,
            )  # fmt: skip
            measure.category_sets.set([sets[spec.disaggregation]])
            measures[spec.code] = measure
            Indicator.objects.create(
                partnership=partnership, code=spec.code, name_en=spec.name_en,
                numerator=measure, denominator=population if index % 3 == 0 else None,
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
            item.areas.set(ours.values())
            returns[quarter.label] = item
        for value in data.values:
            if value.area not in ours:
                continue
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
    observer = get_user_model().objects.create(
        username="bench-outcomes-observer", national_observer=True
    )
    client = Client()
    client.force_login(observer)
    return partnerships, f"sessionid={client.cookies['sessionid'].value}", len(batch)


def _upload_case(partnership: Any) -> tuple[Any, Any, bytes, int]:
    """A return of 10,120 values for the partnership and its administrator, with its .xlsx."""
    from django.contrib.auth import get_user_model

    from vawdasv.outcomes import spreadsheet
    from vawdasv.outcomes.enums import ReturnState
    from vawdasv.outcomes.models import CategorySet, DataReturn, Measure
    from vawdasv.outcomes.validation import CellValue
    from vawdasv.partnerships.enums import OrganisationType, Role
    from vawdasv.partnerships.models import Membership, Organisation
    from vawdasv.reference.models import LocalAuthority

    admin = get_user_model().objects.create(username="bench-outcomes-admin")
    Membership.objects.create(user=admin, partnership=partnership, role=Role.ADMINISTRATOR)
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
    item.areas.set(LocalAuthority.objects.all())  # all 22, as the earlier runs uploaded
    cells = spreadsheet._cells(item)
    values = {cell: CellValue("number", Decimal(7 + i % 40)) for i, (cell, _c) in enumerate(cells)}
    with_parts = {(c[0], c[1]) for c, _code in cells if c[2] is not None}
    for code, area in with_parts:
        values[(code, area, None)] = CellValue("number", Decimal(0))
    for (code, area, category), value in list(values.items()):  # totals are their parts' sum
        if category is not None:
            total = (code, area, None)
            values[total] = CellValue("number", values[total].number + value.number)  # type: ignore[operator]
    return item, admin, spreadsheet.template(item, values), len(cells)


def run(environment: BenchEnvironment, options: RunOptions) -> list[Table]:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    partnerships, cookie, count = _build_national()
    built = time.perf_counter() - started
    print(f"Wrote {count:,} approved values for {len(partnerships)} partnerships in {built:.1f} s")
    return [_dashboards(environment, options, partnerships, cookie, count), _upload(partnerships)]


def _dashboards(
    environment: BenchEnvironment,
    options: RunOptions,
    partnerships: list[Any],
    cookie: str,
    count: int,
) -> Table:
    """Both dashboards and the hello-world page, through the real server, same clients."""
    largest = max(partnerships, key=lambda p: (p.local_authorities.count(), -p.pk))
    areas = largest.local_authorities.count()
    hello = Page(HELLO, "/bench/hello")
    pages = [
        Page(f"partnership dashboard ({areas} authorities)", f"/outcomes/{largest.slug}/dashboard/",
             cookie),
        Page("all-Wales outcomes dashboard", "/outcomes/all-wales/", cookie),
    ]  # fmt: skip
    table = Table(
        f"Headline-data dashboards over {count:,} approved values, worked out live for a "
        f"national observer (gunicorn 2 workers × 4 threads, {options.requests} requests a row, "
        "in four turns: hello, then each page, four times)",
        ["page", "clients", "requests", "p50 ms", "p95 ms", "requests/s", "KB", "p50 ÷ hello",
         "p95 ÷ hello"],
    )  # fmt: skip
    with running_server(environment.server_env, environment.workdir, 2, 4) as server:
        for clients in CLIENT_COUNTS:
            base, *measured = measure_in_turns(server, [hello, *pages], clients, options)
            table.rows.append(_ratios(base, base))
            table.rows += [_ratios(measurement, base) for measurement in measured]
    table.notes += [f"  {page.name}: {page.path}" for page in (hello, *pages)]
    table.notes.append(
        "  first pages: the partnership dashboard shows ten indicators a page, the all-Wales"
        " one twenty (of 60) for each region and Wales in the latest quarter"
    )
    table.notes.append("  target (issue 12): the all-Wales dashboard's p95 within 10× hello's")
    return table


def _ratios(measurement: Measurement, baseline: Measurement) -> list[object]:
    row = _row(measurement, baseline)
    p95 = measurement.p95_ms / baseline.p95_ms if baseline.p95_ms else 0.0
    return [*row, f"{p95:.1f}×"]


def _upload(partnerships: list[Any]) -> Table:
    import openpyxl
    from django.db import transaction

    from vawdasv.outcomes.services import returns

    item, admin, content, cells = _upload_case(partnerships[0])

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
    return upload_table


def _timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


SUITE = Suite(
    name="outcomes",
    summary="partnership and all-Wales headline data over 184,800 values; a 10,000-value upload",
    run=run,
)
