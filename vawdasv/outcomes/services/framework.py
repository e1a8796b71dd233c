"""Defining the framework: measures, disaggregations, indicators, denominators, benchmarks,
targets and validation rules. Administrators only."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from vawdasv.audit import kernel
from vawdasv.audit import services as audit
from vawdasv.audit.models import Verb
from vawdasv.lib import filecheck
from vawdasv.lib.bilingual import read
from vawdasv.lib.text import normalise_text as normalise
from vawdasv.outcomes import expressions
from vawdasv.outcomes.enums import Geography, Rag
from vawdasv.outcomes.models import (
    Benchmark,
    Category,
    CategoryLabel,
    CategorySet,
    DataReturn,
    Denominator,
    DenominatorValue,
    Indicator,
    MaracArea,
    Measure,
    PublishedFigure,
    RagRule,
    ReturnValue,
    Target,
    ValidationRule,
)
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership
from vawdasv.reference.models import LocalAuthority

MEASURE_FIELDS = (
    "code", "name_en", "name_cy", "definition_en", "definition_cy", "unit", "supplier_type",
    "frequency", "geography", "direction", "source", "caveats_en", "caveats_cy",
)  # fmt: skip
INDICATOR_FIELDS = (
    "code", "name_en", "name_cy", "numerator", "denominator", "denominator_sex",
    "denominator_age_band", "factor", "annualised",
)  # fmt: skip
MAX_DENOMINATOR_BYTES = 5 * 1024 * 1024
M = TypeVar("M", bound=models.Model)


def _unique_code(model: Any, partnership: Partnership, code: str, exclude: int | None) -> None:
    clash = model.objects.filter(partnership=partnership, code=code)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise ValidationError({"code": _("The code %(code)s is already used.") % {"code": code}})


# Measures --------------------------------------------------------------------------------


@transaction.atomic
def save_measure(
    *,
    actor: Any,
    partnership: Partnership,
    data: Mapping[str, Any],
    category_sets: Sequence[CategorySet] = (),
    measure: Measure | None = None,
    expected_version: int | None = None,
) -> Measure:
    """Create a measure, or change one (refused if somebody saved a newer version)."""
    kernel.require(permissions.can_manage_outcomes(actor, partnership.pk))
    unknown = set(data) - set(MEASURE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    if any(s.partnership_id != partnership.pk for s in category_sets):
        raise ValidationError(_("A disaggregation belongs to another partnership."))
    _unique_code(Measure, partnership, str(data.get("code", "")), measure.pk if measure else None)
    fields = (*MEASURE_FIELDS, "category_sets")
    if measure is None:
        measure = Measure(partnership=partnership, **data)
        measure.full_clean(exclude=["partnership"])
        measure.save()
        measure.category_sets.set(category_sets)
        kernel.created(actor=actor, instance=measure, fields=fields, partnership=partnership)
        return measure
    locked = kernel.lock(measure, expected_version)
    before = audit.snapshot(locked, fields)
    moved = "geography" in data and data["geography"] != locked.geography
    if moved and (locked.values.exists() or locked.data_returns.exists()):
        # Its values are named by areas of the old geography (outcomes/geography.py).
        raise ValidationError(
            {"geography": _("The geography cannot change once the measure is in a return.")}
        )
    for name, value in data.items():
        setattr(locked, name, value)
    locked.full_clean(exclude=["partnership"])
    locked.category_sets.set(category_sets)
    kernel.save_changes(
        actor=actor, instance=locked, before=before, fields=fields, partnership=partnership,
        bump_version=True,
    )  # fmt: skip
    return locked


# Disaggregations -------------------------------------------------------------------------


@transaction.atomic
def create_category_set(
    *,
    actor: Any,
    partnership: Partnership,
    code: str,
    name_en: str,
    name_cy: str = "",
    categories: Sequence[tuple[str, str, str]] = (),
    valid_from: Any,
) -> CategorySet:
    """A disaggregation with its categories as (code, English label, Welsh label)."""
    kernel.require(permissions.can_manage_outcomes(actor, partnership.pk))
    _unique_code(CategorySet, partnership, code, None)
    category_set = CategorySet(partnership=partnership, code=code, name_en=name_en, name_cy=name_cy)
    category_set.full_clean(exclude=["partnership"])
    category_set.save()
    codes = [c[0] for c in categories]
    if len(set(codes)) != len(codes):
        raise ValidationError(_("Each category needs its own code."))
    for order, (cat_code, label_en, label_cy) in enumerate(categories):
        category = Category.objects.create(category_set=category_set, code=cat_code, order=order)
        CategoryLabel.objects.create(
            category=category, valid_from=valid_from, label_en=label_en, label_cy=label_cy
        )
    kernel.created(
        actor=actor, instance=category_set, fields=("code", "name_en", "name_cy"),
        partnership=partnership,
    )  # fmt: skip
    return category_set


@transaction.atomic
def rename_category(
    *, actor: Any, category: Category, valid_from: Any, label_en: str, label_cy: str = ""
) -> CategoryLabel:
    """New words for a category from a date; periods before it keep the old words."""
    partnership = category.category_set.partnership
    kernel.require(permissions.can_manage_outcomes(actor, partnership.pk))
    label, _created = CategoryLabel.objects.update_or_create(
        category=category,
        valid_from=valid_from,
        defaults={"label_en": label_en, "label_cy": label_cy},
    )
    # A removal confirmed before this rename was confirmed for words no longer shown.
    CategorySet.objects.filter(pk=category.category_set_id).update(version=F("version") + 1)
    kernel.created(
        actor=actor, instance=label, fields=("valid_from", "label_en", "label_cy"),
        partnership=partnership,
    )  # fmt: skip
    return label


# Indicators ------------------------------------------------------------------------------


@transaction.atomic
def save_indicator(
    *,
    actor: Any,
    partnership: Partnership,
    data: Mapping[str, Any],
    indicator: Indicator | None = None,
    expected_version: int | None = None,
    themes: Sequence[Any] | None = None,
    commitments: Sequence[Any] | None = None,
) -> Indicator:
    """Create an indicator or change one (refused if somebody saved a newer version); with
    `themes` and `commitments` its links to the plan change in the same audit entry."""
    kernel.require(permissions.can_manage_outcomes(actor, partnership.pk))
    unknown = set(data) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    for related in ("numerator", "denominator"):
        value = data.get(related)
        if value is not None and value.partnership_id != partnership.pk:
            raise ValidationError({related: _("Choose one of this partnership's own.")})
    _unique_code(
        Indicator, partnership, str(data.get("code", "")), indicator.pk if indicator else None
    )
    linking = themes is not None or commitments is not None
    if linking:
        _check_plan_links(partnership, themes or (), commitments or ())
    fields = (*INDICATOR_FIELDS, *(("themes", "commitments") if linking else ()))
    if indicator is None:
        indicator = Indicator(partnership=partnership, **data)
        indicator.full_clean(exclude=["partnership"])
        indicator.save()
        if linking:
            indicator.themes.set(themes or ())
            indicator.commitments.set(commitments or ())
        kernel.created(actor=actor, instance=indicator, fields=fields, partnership=partnership)
        return indicator
    locked = kernel.lock(indicator, expected_version)
    before = audit.snapshot(locked, fields)
    for name, value in data.items():
        setattr(locked, name, value)
    locked.full_clean(exclude=["partnership"])
    if linking:
        locked.themes.set(themes or ())
        locked.commitments.set(commitments or ())
    kernel.save_changes(
        actor=actor, instance=locked, before=before, fields=fields,
        partnership=partnership, bump_version=True,
    )  # fmt: skip
    return locked


def _check_plan_links(
    partnership: Partnership, themes: Sequence[Any], commitments: Sequence[Any]
) -> None:
    if any(t.strategy.partnership_id != partnership.pk for t in themes) or any(
        c.theme.strategy.partnership_id != partnership.pk for c in commitments
    ):
        raise ValidationError(_("Choose themes and commitments of this partnership's plans."))


@transaction.atomic
def link_indicator(
    *, actor: Any, indicator: Indicator, themes: Sequence[Any], commitments: Sequence[Any]
) -> Indicator:
    """Link an indicator to the plan's themes and commitments (the report's Headline data)."""
    partnership = indicator.partnership
    kernel.require(permissions.can_manage_outcomes(actor, partnership.pk))
    _check_plan_links(partnership, themes, commitments)
    before = audit.snapshot(indicator, ("themes", "commitments"))
    indicator.themes.set(themes)
    indicator.commitments.set(commitments)
    kernel.record_changes(
        actor=actor, instance=indicator, before=before, fields=("themes", "commitments"),
        partnership=partnership,
    )  # fmt: skip
    return indicator


@transaction.atomic
def add_benchmark(
    *,
    actor: Any,
    indicator: Indicator,
    label_en: str,
    value: Decimal,
    source: str,
    label_cy: str = "",
) -> Benchmark:
    kernel.require(permissions.can_manage_outcomes(actor, indicator.partnership_id))
    if not source.strip():
        raise ValidationError({"source": _("Say where the benchmark comes from.")})
    if not value.is_finite():
        raise ValidationError({"value": _("Enter a number.")})
    benchmark = Benchmark.objects.create(
        indicator=indicator, label_en=label_en, label_cy=label_cy, value=value, source=source
    )
    kernel.created(
        actor=actor, instance=benchmark, fields=("label_en", "value", "source"),
        partnership=indicator.partnership,
    )  # fmt: skip
    return benchmark


BENCHMARK_FIELDS = ("label_en", "label_cy", "value", "source")


@transaction.atomic
def change_benchmark(
    *, actor: Any, benchmark: Benchmark, data: Mapping[str, Any], expected_version: int | None
) -> Benchmark:
    """New words, value or source for a benchmark (SafeLives revise theirs); refused if
    somebody saved a newer version."""
    partnership = benchmark.indicator.partnership
    kernel.require(permissions.can_manage_outcomes(actor, partnership.pk))
    unknown = set(data) - set(BENCHMARK_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    if not str(data.get("source", benchmark.source)).strip():
        raise ValidationError({"source": _("Say where the benchmark comes from.")})
    locked = kernel.lock(benchmark, expected_version)
    before = audit.snapshot(locked, BENCHMARK_FIELDS)
    for name, value in data.items():
        setattr(locked, name, value)
    locked.full_clean(exclude=["indicator"])
    kernel.save_changes(
        actor=actor, instance=locked, before=before, fields=BENCHMARK_FIELDS,
        partnership=partnership, bump_version=True,
    )  # fmt: skip
    return locked


DEFAULT_RULES = ((Rag.GREEN, Decimal(100)), (Rag.AMBER, Decimal(90)))


@transaction.atomic
def set_target(
    *,
    actor: Any,
    indicator: Indicator,
    value: Decimal,
    rules: Sequence[tuple[str, Decimal]] = DEFAULT_RULES,
    expected_version: int | None = None,
) -> Target:
    """The target and its ordered rules, as (rating, % of target); red when none holds.
    The target belongs to the indicator, so a change from an old version of the indicator
    is refused and a change moves the indicator's version on."""
    kernel.require(permissions.can_manage_outcomes(actor, indicator.partnership_id))
    if not rules or any(rag == Rag.RED for rag, _percent in rules):
        raise ValidationError(
            {"rules": _("Give at least one rule for green or amber; red is what is left.")}
        )
    if any(percent < 0 for _rag, percent in rules):
        raise ValidationError({"rules": _("A percentage of the target cannot be below 0.")})
    if expected_version is not None:
        locked = kernel.lock(indicator, expected_version)
        locked.version += 1
        locked.save(update_fields=["version"])
    target, _created = Target.objects.update_or_create(
        indicator=indicator, defaults={"value": value}
    )
    target.rules.all().delete()
    RagRule.objects.bulk_create(
        RagRule(target=target, order=order, rag=rag, percent_of_target=percent)
        for order, (rag, percent) in enumerate(rules)
    )
    kernel.record(
        actor=actor, instance=indicator, verb=Verb.UPDATED, partnership=indicator.partnership,
        changes={"target": {"before": None, "after": {
            "value": str(value), "rules": [[str(r), str(p)] for r, p in rules]}}},
    )  # fmt: skip
    return target


@transaction.atomic
def add_validation_rule(
    *,
    actor: Any,
    partnership: Partnership,
    expression: str,
    severity: str,
    message_en: str,
    message_cy: str = "",
) -> ValidationRule:
    """A rule over measure codes; refused unless it parses and names only known measures."""
    kernel.require(permissions.can_manage_outcomes(actor, partnership.pk))
    try:
        rule = expressions.parse(expression)
    except expressions.ExpressionError as error:
        raise ValidationError({"expression": str(error)}) from error
    known = set(Measure.objects.filter(partnership=partnership).values_list("code", flat=True))
    unknown = sorted(rule.names - known)
    if unknown:
        raise ValidationError(
            {"expression": _("No measure has the code %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    row = ValidationRule(
        partnership=partnership, expression=rule.text, severity=severity,
        message_en=message_en, message_cy=message_cy,
    )  # fmt: skip
    row.full_clean(exclude=["partnership"])
    row.save()
    kernel.created(
        actor=actor, instance=row, fields=("expression", "severity", "message_en"),
        partnership=partnership,
    )  # fmt: skip
    return row


# MARAC areas -----------------------------------------------------------------------------


@transaction.atomic
def add_marac_area(
    *,
    actor: Any,
    partnership: Partnership,
    code: str,
    name_en: str,
    local_authorities: Sequence[LocalAuthority],
    name_cy: str = "",
    source: str = "",
) -> MaracArea:
    """A MARAC area: a named grouping of the partnership's own local authorities."""
    kernel.require(permissions.can_manage_outcomes(actor, partnership.pk))
    _our_authorities(partnership, local_authorities)
    if code == partnership.slug or re.fullmatch(r"[ENSW]\d{8}", code, flags=re.IGNORECASE):
        # A GeoCode names one area: a MARAC area's must not be read as an official code.
        raise ValidationError(
            {"code": _("Choose a code that is not a GSS code or the partnership's own.")}
        )
    if MaracArea.objects.filter(partnership=partnership, code=code).exists():
        raise ValidationError({"code": _("A MARAC area already has this code.")})
    area = MaracArea(
        partnership=partnership, code=code, name_en=normalise(name_en),
        name_cy=normalise(name_cy), source=normalise(source),
    )  # fmt: skip
    area.full_clean(exclude=["partnership"])
    area.save()
    area.local_authorities.set(local_authorities)
    kernel.created(
        actor=actor, instance=area, fields=("code", "name_en", "name_cy", "source"),
        partnership=partnership,
    )  # fmt: skip
    return area


MARAC_AREA_FIELDS = ("name_en", "name_cy", "local_authorities")


def _our_authorities(partnership: Partnership, local_authorities: Sequence[LocalAuthority]) -> None:
    ours = set(partnership.local_authorities.values_list("pk", flat=True))
    if not local_authorities or any(a.pk not in ours for a in local_authorities):
        raise ValidationError(
            {"local_authorities": _("Choose one or more of the partnership's local authorities.")}
        )


@transaction.atomic
def change_marac_area(
    *,
    actor: Any,
    area: MaracArea,
    name_en: str,
    name_cy: str,
    local_authorities: Sequence[LocalAuthority],
    expected_version: int | None,
) -> MaracArea:
    """New names or local authorities for a MARAC area (MARACs merge and split); the code stays,
    because values and published figures are named by it. Refused if somebody saved a newer
    version."""
    partnership = area.partnership
    kernel.require(permissions.can_manage_outcomes(actor, partnership.pk))
    _our_authorities(partnership, local_authorities)
    locked = _still_there(area, expected_version)
    before = audit.snapshot(locked, MARAC_AREA_FIELDS)
    locked.name_en, locked.name_cy = normalise(name_en), normalise(name_cy)
    locked.full_clean(exclude=["partnership"])
    locked.local_authorities.set(local_authorities)
    kernel.save_changes(
        actor=actor, instance=locked, before=before, fields=MARAC_AREA_FIELDS,
        partnership=partnership, bump_version=True,
    )  # fmt: skip
    return locked


def marac_area_uses(area: MaracArea) -> list[str]:
    """What refers to a MARAC area, in words: values recorded for it, returns that collect a
    value for it, figures published for it. Empty when nothing does."""
    partnership_id = area.partnership_id
    uses: list[str] = []
    values = ReturnValue.objects.filter(
        data_return__partnership_id=partnership_id, geo_code=area.code
    ).count()
    if values:
        uses.append(_("values recorded for it in data returns (%(count)s)") % {"count": values})
    collecting = (
        DataReturn.objects.filter(
            partnership_id=partnership_id,
            measures__geography=Geography.MARAC_AREA,
            areas__in=area.local_authorities.all(),
        )
        .select_related("supplier")
        .distinct()
        .order_by("period_label")
    )
    names = [f"{read(r.supplier, 'name')} {r.period_label}" for r in collecting]
    if names:
        uses.append(_("the data returns %(returns)s collect a value for it")
                    % {"returns": ", ".join(names)})  # fmt: skip
    published = PublishedFigure.objects.filter(
        publication__indicator__partnership_id=partnership_id, geo_code=area.code
    ).count()
    if published:
        uses.append(_("figures published for it (%(count)s)") % {"count": published})
    return uses


def category_set_uses(category_set: CategorySet) -> list[str]:
    """What uses a disaggregation, in words: measures that list it, values recorded or figures
    published against one of its categories. Empty when nothing does."""
    uses: list[str] = []
    codes = sorted(category_set.measures.values_list("code", flat=True))
    if codes:
        uses.append(_("the measures %(codes)s list it") % {"codes": ", ".join(codes)})
    values = ReturnValue.objects.filter(category__category_set=category_set).count()
    if values:
        uses.append(
            _("values recorded against its categories in data returns (%(count)s)")
            % {"count": values}
        )
    published = PublishedFigure.objects.filter(category__category_set=category_set).count()
    if published:
        uses.append(_("figures published for its categories (%(count)s)") % {"count": published})
    return uses


def _refuse_if_used(uses: list[str]) -> None:
    if uses:
        # History is never lost: what is recorded against it keeps it.
        raise ValidationError(
            _("This cannot be removed while it is in use: %(uses)s.") % {"uses": "; ".join(uses)}
        )


def _still_there(instance: M, expected_version: int | None) -> M:
    """The row locked and checked against the version the person saw; a clear refusal when
    somebody removed it meanwhile."""
    try:
        return kernel.lock(instance, expected_version)
    except ObjectDoesNotExist as error:
        raise ValidationError(_("Somebody else has already removed this.")) from error


# Removing what was added by mistake ------------------------------------------------------


@transaction.atomic
def remove_benchmark(*, actor: Any, benchmark: Benchmark, expected_version: int | None) -> None:
    """Remove a benchmark; refused if it changed since the person confirmed."""
    partnership = benchmark.indicator.partnership
    kernel.require(permissions.can_manage_outcomes(actor, partnership.pk))
    locked = _still_there(benchmark, expected_version)
    kernel.delete(
        actor=actor, instance=locked, partnership=partnership,
        fields=("indicator", *BENCHMARK_FIELDS),
    )  # fmt: skip


RULE_FIELDS = ("expression", "severity", "message_en", "message_cy")


@transaction.atomic
def remove_validation_rule(
    *, actor: Any, rule: ValidationRule, expected_version: int | None
) -> None:
    """Remove a validation rule. Values already saved stay as they are: later saves and
    uploads are no longer checked against it."""
    partnership = rule.partnership
    kernel.require(permissions.can_manage_outcomes(actor, partnership.pk))
    locked = _still_there(rule, expected_version)
    kernel.delete(actor=actor, instance=locked, partnership=partnership, fields=RULE_FIELDS)


@transaction.atomic
def remove_category_set(
    *, actor: Any, category_set: CategorySet, expected_version: int | None
) -> None:
    """Remove a disaggregation and its categories, only while nothing uses it."""
    partnership = category_set.partnership
    kernel.require(permissions.can_manage_outcomes(actor, partnership.pk))
    locked = _still_there(category_set, expected_version)
    _refuse_if_used(category_set_uses(locked))
    kernel.delete(
        actor=actor, instance=locked, partnership=partnership,
        fields=("code", "name_en", "name_cy"),
    )  # fmt: skip


@transaction.atomic
def remove_marac_area(*, actor: Any, area: MaracArea, expected_version: int | None) -> None:
    """Remove a MARAC area, only while no return or value refers to it."""
    partnership = area.partnership
    kernel.require(permissions.can_manage_outcomes(actor, partnership.pk))
    locked = _still_there(area, expected_version)
    _refuse_if_used(marac_area_uses(locked))
    kernel.delete(
        actor=actor, instance=locked, partnership=partnership,
        fields=("code", "name_en", "name_cy", "source", "local_authorities"),
    )  # fmt: skip


# Denominators ----------------------------------------------------------------------------

DENOMINATOR_COLUMNS = ("geo_code", "year", "sex", "age_band", "value")


@transaction.atomic
def load_denominator(
    *,
    actor: Any,
    partnership: Partnership,
    code: str,
    name_en: str,
    name_cy: str,
    source: str,
    file_name: str,
    content: bytes,
) -> Denominator:
    """A denominator from a CSV (StatsWales/ONS figures arranged as geo_code, year, sex,
    age_band, value), all or nothing: the first bad row is named and nothing is saved.
    Loading again under the same code replaces the figures."""
    kernel.require(permissions.can_manage_outcomes(actor, partnership.pk))
    if not source.strip():
        raise ValidationError({"source": _("Say where the figures come from.")})
    if len(content) > MAX_DENOMINATOR_BYTES:
        raise ValidationError({"file": _("The file is larger than 5 MB.")})
    _checked_csv(file_name, content)
    rows = _denominator_rows(content)
    denominator, created = Denominator.objects.update_or_create(
        partnership=partnership,
        code=code,
        defaults={"name_en": name_en, "name_cy": name_cy, "source": source, "file_name": file_name},
    )
    denominator.values.all().delete()
    DenominatorValue.objects.bulk_create(
        DenominatorValue(denominator=denominator, **row) for row in rows
    )
    kernel.record(
        actor=actor, instance=denominator, verb=Verb.CREATED if created else Verb.UPDATED,
        partnership=partnership,
        changes={"values": {"before": None, "after": f"{len(rows)} rows from {file_name[:150]}"},
                 "source": {"before": None, "after": source}},
    )  # fmt: skip
    return denominator


def _cell_problem(line: int, column: str, problem: str) -> str:
    return _("Row %(row)s, column %(column)s: %(problem)s.") % {
        "row": line, "column": column, "problem": problem,
    }  # fmt: skip


def _whole_year(text: str, line: int) -> int:
    if not text.isdigit() or not 1900 <= int(text) <= 2200:
        raise ValidationError({"file": _cell_problem(line, "year", _("a year such as 2021"))})
    return int(text)


def _figure(text: str, line: int) -> Decimal:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0 or value >= Decimal("1e12"):
        raise ValidationError(
            {"file": _cell_problem(line, "value", _("a number of 0 or more is needed"))}
        )
    return value.quantize(Decimal("0.01"))


def _checked_csv(file_name: str, content: bytes) -> None:
    """The shared upload checker: a plain-text CSV, not empty, not something else renamed."""
    try:
        filecheck.check_upload(file_name, content, {filecheck.FileKind.CSV})
    except filecheck.RefusedFile as error:
        raise ValidationError({"file": str(error)}) from error


def _denominator_rows(content: bytes) -> list[dict[str, Any]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError({"file": _("The file is not a UTF-8 CSV file.")}) from error
    reader = csv.DictReader(io.StringIO(text))
    header = [normalise(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in ("geo_code", "year", "value") if c not in header]
    if missing:
        raise ValidationError(
            {
                "file": _("Row 1: the columns %(columns)s are missing.")
                % {"columns": ", ".join(missing)}
            }
        )
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, int, str, str]] = set()
    for line, raw in enumerate(reader, start=2):
        row = {
            normalise(k or "").strip().lower(): normalise(v or "").strip()
            for k, v in raw.items()
            if k
        }
        year = _whole_year(row.get("year") or "", line)
        value = _figure(row.get("value") or "", line)
        geo_code = row.get("geo_code") or ""
        if not geo_code or len(geo_code) > 9:
            raise ValidationError(
                {
                    "file": _cell_problem(
                        line,
                        "geo_code",
                        _("an area code (GSS code, 9 characters at most) is needed"),
                    )
                }
            )
        key = (geo_code, year, row.get("sex", ""), row.get("age_band", ""))
        if key in seen:
            raise ValidationError(
                {"file": _("Row %(row)s repeats an earlier row.") % {"row": line}}
            )
        seen.add(key)
        rows.append(
            {"geo_code": key[0], "year": year, "sex": key[2][:20], "age_band": key[3][:20],
             "value": value}
        )  # fmt: skip
    if not rows:
        raise ValidationError({"file": _("The file has no figures.")})
    return rows
