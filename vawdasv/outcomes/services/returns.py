"""Data returns: opening them, entering values, and submit → approve / return → reopen.

Values are written all or nothing: every cell of a save is checked first (outcomes/validation.py)
and a blocking problem saves none of them. Each save is one audit entry listing the cells that
changed, with the return as its origin; `ReturnEvent` rows keep the return's own history.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vawdasv.audit import kernel, origins
from vawdasv.audit import services as audit
from vawdasv.audit.models import Verb
from vawdasv.outcomes import geography, outliers, validation
from vawdasv.outcomes.enums import ReturnEventKind, ReturnState, Severity, Unit, ValueState
from vawdasv.outcomes.models import Category, DataReturn, Measure, ReturnEvent, ReturnValue
from vawdasv.outcomes.validation import Cell, CellValue, Problem
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Organisation, Partnership
from vawdasv.progress.periods import parse_period
from vawdasv.reference.models import LocalAuthority

RETURN_FIELDS = ("supplier", "period_label", "deadline", "state", "review_comment")


class BlockingProblems(ValidationError):
    """Values were refused; `problems` lists every one, each with its cell."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__([p.message for p in problems])
        self.problems = problems


@transaction.atomic
def open_return(
    *,
    actor: Any,
    partnership: Partnership,
    supplier: Organisation,
    period_label: str,
    deadline: datetime.date,
    measures: Sequence[Measure],
    areas: Sequence[LocalAuthority],
) -> DataReturn:
    kernel.require(permissions.can_manage_outcomes(actor, partnership.pk))
    period = parse_period(period_label)
    if period is None:
        raise ValidationError(
            {"period_label": _('Enter a period such as "2025/26 Q2" or "2018/19".')}
        )
    if not measures or not areas:
        raise ValidationError(_("Choose at least one measure and one area."))
    if any(m.partnership_id != partnership.pk for m in measures):
        raise ValidationError({"measures": _("Choose this partnership's own measures.")})
    if len({m.geography for m in measures}) > 1:
        raise ValidationError({"measures": str(geography.MIXED_GEOGRAPHIES)})
    data_return = DataReturn(
        partnership=partnership, supplier=supplier, period_label=period.label,
        period_start=period.start, period_end=period.end, deadline=deadline,
    )  # fmt: skip
    try:
        with transaction.atomic():
            data_return.save()
    except IntegrityError as error:
        raise ValidationError(
            {"period_label": _("This supplier already has a return for %(period)s.")
             % {"period": period.label}}
        ) from error  # fmt: skip
    data_return.measures.set(measures)
    data_return.areas.set(areas)
    kernel.created(
        actor=actor, instance=data_return, fields=(*RETURN_FIELDS, "measures", "areas"),
        partnership=partnership,
    )  # fmt: skip
    return data_return


def current_values(data_return: DataReturn) -> dict[Cell, CellValue]:
    return {
        (v.measure.code, v.area.gss_code if v.area else v.geo_code, v.category_id): CellValue(
            v.state, v.number, v.comment
        )
        for v in data_return.values.select_related("measure", "area")
    }


def check_values(data_return: DataReturn, values: Mapping[Cell, CellValue]) -> list[Problem]:
    measures = list(data_return.measures.all())
    categories = dict(
        Category.objects.filter(category_set__measures__in=measures).values_list(
            "pk", "category_set_id"
        )
    )
    return validation.check(
        values,
        {m.code: m.unit for m in measures},
        categories,
        data_return.partnership.validation_rules.all(),
    )


def outlier_flags(
    data_return: DataReturn, values: Mapping[Cell, CellValue]
) -> dict[Cell, outliers.Flag]:
    """Counts far outside the same area's last four to eight approved quarters (Poisson
    limits): the supplier is asked to confirm or explain them in a comment. Never a block."""
    counts = {
        cell: int(value.amount)
        for cell, value in values.items()
        if cell[2] is None and value.amount is not None and value.amount == int(value.amount)
    }
    if not counts:
        return {}
    history: dict[tuple[str, str], list[int | None]] = {}
    rows = (
        ReturnValue.objects.filter(
            data_return__partnership_id=data_return.partnership_id,
            data_return__state=ReturnState.APPROVED,
            data_return__period_end__lt=data_return.period_start,
            data_return__period_end__gte=data_return.period_start - datetime.timedelta(days=740),
            measure__unit=Unit.COUNT,
            category__isnull=True,
        )
        .exclude(data_return__period_label__regex=r"^\d{4}/\d{2}$")  # whole years are not quarters
        .order_by("data_return__period_start")
        .values_list("measure__code", "area__gss_code", "geo_code", "state", "number")
    )
    for code, authority, wider, state, number in rows:
        amount = CellValue(state, number).amount
        history.setdefault((code, authority or wider), []).append(
            None if amount is None else int(amount)
        )
    flags = {}
    for cell, observed in counts.items():
        flag = outliers.against_history(observed, history.get((cell[0], cell[1]), []))
        if flag is not None:
            flags[cell] = flag
    return flags


def _explain(
    flags: Mapping[Cell, outliers.Flag], values: Mapping[Cell, CellValue]
) -> list[Problem]:
    problems = []
    for cell, flag in sorted(flags.items(), key=lambda item: str(item[0])):
        if values[cell].comment.strip():
            continue
        message = (
            _("Please confirm or explain in a comment: higher than the last quarters suggest "
              "(about %(expected)s).")
            if flag.side == outliers.Side.HIGH
            else _("Please confirm or explain in a comment: lower than the last quarters suggest "
                   "(about %(expected)s).")
        ) % {"expected": round(flag.expected)}  # fmt: skip
        problems.append(Problem(Severity.WARN, message, cell))
    return problems


def _lock(data_return: DataReturn, expected_version: int | None) -> DataReturn:
    return kernel.lock(data_return, expected_version)


@transaction.atomic
def save_values(
    *,
    actor: Any,
    data_return: DataReturn,
    values: Mapping[Cell, CellValue | None],
    expected_version: int | None,
    event: str = ReturnEventKind.SAVED,
    detail: str = "",
) -> list[Problem]:
    """Write the cells given (None = blank, which removes the cell) and return the warnings.

    Every blocking problem is raised together (BlockingProblems) and nothing is saved. A second
    person saving from an older version gets ConcurrentEditError, with the current return.
    """
    kernel.require(permissions.can_enter_return(actor, data_return))
    locked = _lock(data_return, expected_version)
    kernel.require(permissions.can_enter_return(actor, locked))
    allowed = _allowed_cells(locked)
    for cell, value in values.items():
        if (cell[0], cell[1]) not in allowed["pairs"] or (
            cell[2] is not None and cell[2] not in allowed["categories"].get(cell[0], set())
        ):
            raise ValidationError(_("A value is for a measure or area not in this return."))
        if value is not None and (value.state == ValueState.NUMBER) != (value.number is not None):
            raise ValidationError(_("A number needs a figure; the other states have none."))
    before = current_values(locked)
    after = {cell: value for cell, value in before.items() if cell not in values}
    after.update({cell: value for cell, value in values.items() if value is not None})
    problems = check_values(locked, after)
    blocking = [p for p in problems if p.blocks]
    if blocking:
        raise BlockingProblems(blocking)
    changes = _write_cells(locked, before, after)
    if changes:
        locked.version += 1
        if locked.state == ReturnState.NOT_STARTED:
            locked.state = ReturnState.DRAFT
        locked.save()
        kernel.record(
            actor=actor, instance=locked, verb=Verb.UPDATED, changes=changes,
            partnership=locked.partnership, origin=origins.data_return(locked),
        )  # fmt: skip
        ReturnEvent.objects.create(
            data_return=locked, kind=event, actor=_user(actor), comment=detail
        )
    return [p for p in problems if not p.blocks] + _explain(outlier_flags(locked, after), after)


def upload_values(
    *, actor: Any, data_return: DataReturn, name: str, content: bytes
) -> list[Problem]:
    """Read an uploaded .xlsx or .csv (outcomes/spreadsheet.py) and save it like the grid:
    all or nothing. Raises spreadsheet.UploadRefused or BlockingProblems; returns warnings."""
    from vawdasv.outcomes import spreadsheet  # openpyxl only when a file comes in

    kernel.require(permissions.can_enter_return(actor, data_return))
    values = spreadsheet.read_upload(data_return, name, content)
    return save_values(
        actor=actor, data_return=data_return, values=values, expected_version=None,
        event=ReturnEventKind.UPLOADED, detail=name[:150],
    )  # fmt: skip


def _allowed_cells(data_return: DataReturn) -> dict[str, Any]:
    measures = list(data_return.measures.prefetch_related("category_sets__categories"))
    codes = [area.code for area in geography.areas_of(data_return)]
    return {
        "pairs": {(m.code, code) for m in measures for code in codes},
        "categories": {
            m.code: {c.pk for s in m.category_sets.all() for c in s.categories.all()}
            for m in measures
        },
    }


def _key(cell: Cell) -> str:
    return f"{cell[0]}|{cell[1]}|{cell[2] or ''}"


def _plain(value: CellValue | None) -> Any:
    if value is None:
        return None
    return {"state": value.state, "number": None if value.number is None else str(value.number),
            "comment": value.comment}  # fmt: skip


def _write_cells(
    data_return: DataReturn, before: Mapping[Cell, CellValue], after: Mapping[Cell, CellValue]
) -> dict[str, Any]:
    changed = {c for c in set(before) | set(after) if before.get(c) != after.get(c)}
    if not changed:
        return {}
    measure_ids = dict(data_return.measures.values_list("code", "pk"))
    area_ids = dict(data_return.areas.values_list("gss_code", "pk"))
    # The cells' rows in three statements whatever their number (a 10,000-value upload):
    # the changed rows go, then the new values are inserted; the row is locked already.
    # A wider area (not an authority) is named by its code alone.
    ids = {(measure_ids[c[0]], area_ids.get(c[1]), "" if c[1] in area_ids else c[1], c[2])
           for c in changed}  # fmt: skip
    existing = [
        pk
        for pk, measure, area, code, category in data_return.values.values_list(
            "pk", "measure_id", "area_id", "geo_code", "category_id"
        )
        if (measure, area, code, category) in ids
    ]
    ReturnValue.objects.filter(pk__in=existing).delete()
    ReturnValue.objects.bulk_create(
        (
            ReturnValue(
                data_return=data_return,
                measure_id=measure_ids[cell[0]],
                area_id=area_ids.get(cell[1]),
                geo_code="" if cell[1] in area_ids else cell[1],
                category_id=cell[2],
                state=value.state,
                number=value.number,
                comment=value.comment,
            )
            for cell in changed
            if (value := after.get(cell)) is not None
        ),
        batch_size=2000,
    )
    return {
        _key(cell): {"before": _plain(before.get(cell)), "after": _plain(after.get(cell))}
        for cell in sorted(changed, key=_key)
    }


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _move(
    actor: Any,
    data_return: DataReturn,
    state: str,
    event: str,
    comment: str = "",
    expected_version: int | None = None,
) -> DataReturn:
    locked = _lock(data_return, expected_version)
    before = audit.snapshot(locked, RETURN_FIELDS)
    locked.state = state
    if event == ReturnEventKind.SUBMITTED:
        locked.submitted_at = timezone.now()
    if event == ReturnEventKind.APPROVED:
        locked.approved_at = timezone.now()
    if event in (ReturnEventKind.RETURNED, ReturnEventKind.APPROVED):
        locked.review_comment = comment
    kernel.save_changes(
        actor=actor, instance=locked, before=before, fields=RETURN_FIELDS,
        partnership=locked.partnership, origin=origins.data_return(locked), bump_version=True,
    )  # fmt: skip
    ReturnEvent.objects.create(data_return=locked, kind=event, actor=_user(actor), comment=comment)
    return locked


@transaction.atomic
def submit_return(
    *, actor: Any, data_return: DataReturn, expected_version: int | None = None
) -> DataReturn:
    """Send the return to the regional team. Every cell must be filled (a state chosen) and no
    blocking problem left."""
    data_return = kernel.lock(data_return)  # the state as it is now, not as read
    kernel.require(permissions.can_enter_return(actor, data_return))
    values = current_values(data_return)
    allowed = _allowed_cells(data_return)
    if any((code, area, None) not in values for code, area in allowed["pairs"]):
        raise ValidationError(
            _("Fill in every total before submitting: a number, zero, not available or not "
              "applicable. A blank is never read as zero.")
        )  # fmt: skip
    blocking = [p for p in check_values(data_return, values) if p.blocks]
    if blocking:
        raise BlockingProblems(blocking)
    unexplained = _explain(outlier_flags(data_return, values), values)
    if unexplained:
        raise BlockingProblems(unexplained)  # a figure may stand, but not without a word
    return _move(actor, data_return, ReturnState.SUBMITTED, ReturnEventKind.SUBMITTED,
                 expected_version=expected_version)  # fmt: skip


@transaction.atomic
def approve_return(*, actor: Any, data_return: DataReturn, comment: str = "") -> DataReturn:
    """Accept the figures; they are locked and count on the dashboard."""
    data_return = kernel.lock(data_return)  # the state as it is now, not as read
    kernel.require(permissions.can_review_return(actor, data_return))
    if data_return.state != ReturnState.SUBMITTED:
        raise ValidationError(_("Only a submitted return can be approved."))
    return _move(actor, data_return, ReturnState.APPROVED, ReturnEventKind.APPROVED, comment)


@transaction.atomic
def return_for_changes(*, actor: Any, data_return: DataReturn, comment: str) -> DataReturn:
    data_return = kernel.lock(data_return)  # the state as it is now, not as read
    kernel.require(permissions.can_review_return(actor, data_return))
    if data_return.state != ReturnState.SUBMITTED:
        raise ValidationError(_("Only a submitted return can be returned."))
    if not comment.strip():
        raise ValidationError({"comment": _("Say what needs to change.")})
    return _move(actor, data_return, ReturnState.RETURNED, ReturnEventKind.RETURNED, comment)


@transaction.atomic
def reopen_return(*, actor: Any, data_return: DataReturn, reason: str) -> DataReturn:
    """Unlock an approved return for corrections; the reason stays in its history."""
    data_return = kernel.lock(data_return)  # the state as it is now, not as read
    kernel.require(permissions.can_review_return(actor, data_return))
    if data_return.state != ReturnState.APPROVED:
        raise ValidationError(_("Only an approved return can be reopened."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the return is being reopened.")})
    return _move(actor, data_return, ReturnState.DRAFT, ReturnEventKind.REOPENED, reason)
