"""A proposed timescale entered as a month and a year, or as a kind, never as free text.

The form posts three selects (month, year, kind) and, for a proposal first written as free text
that cannot be read as a month or a kind, that text in a hidden input, offered as a kind of its
own ("As first written") so it is neither lost by an autosave nor stuck past correction. The
field's value is the timescale as the English plan records it ("Sep 2028", "Ongoing"), the same
text the service and the API take; a post carrying the plain text under the field's own name
(a merge after a conflict, an older client) is taken as it is and checked by the service.
"""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vawdasv.plans.enums import TimescaleKind
from vawdasv.plans.timescales import (
    MONTH_NAMES,
    label_of_text,
    month_end,
    parse_timescale,
    timescale_label,
)

AS_WRITTEN = "as-written"
# The kinds a person may choose instead of a month, with the plan's (English) text for each.
KIND_TEXT = {"ongoing": "Ongoing", "annually": "Annually", "tbc": "TBC"}
KIND_CHOICES = [
    ("", ""),
    ("ongoing", _("Ongoing")),
    ("annually", _("Annually")),
    ("tbc", _("To be confirmed")),
]
YEARS_BACK, YEARS_AHEAD = 2, 10
LABELS = (_("Month"), _("Year"), _("Or"))


def parts(text: str) -> list[str]:
    """[month, year, kind, as written] for a stored proposal (what the selects show).

    Only a plain month and year or a plain kind word fill the selects (read as the English
    reader reads them, `plans.timescales`); anything that says more ("2026/27", "15 June
    2025", "Ongoing until funding ends") is offered as written, never cut down to fit.
    """
    text = " ".join((text or "").split())
    if not text:
        return ["", "", "", ""]
    english = label_of_text(text, "en")
    due = parse_timescale(text).due_date
    shown = timescale_label("", TimescaleKind.DATE, due, "en") if due else None
    # A plain month and year reads in English exactly as its date does (no day, no more words).
    if due is not None and english == shown and due == month_end(due.year, due.month):
        return [str(due.month), str(due.year), "", ""]
    kind = {plan: key for key, plan in KIND_TEXT.items()}.get(english)
    if kind:
        return ["", "", kind, ""]
    return ["", "", AS_WRITTEN, text]


class TimescaleWidget(forms.MultiWidget):
    template_name = "progress/widgets/timescale.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        this_year = datetime.date.today().year
        self.years = [str(y) for y in range(this_year - YEARS_BACK, this_year + YEARS_AHEAD + 1)]
        select = {"class": "govuk-select"}
        super().__init__(
            [
                forms.Select(select, choices=[("", ""), *enumerate(MONTH_NAMES, start=1)]),
                forms.Select(select, choices=[("", ""), *((y, y) for y in self.years)]),
                forms.Select(select, choices=KIND_CHOICES),
                forms.HiddenInput(),
            ],
            attrs,
        )

    def id_for_label(self, id_: str) -> str:
        # The error summary links to the first select (Django gives a MultiWidget no id).
        return f"{id_}_0" if id_ else ""

    def decompress(self, value: Any) -> list[str]:
        return parts(value or "")

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if name in data:  # the plain text, not the selects
            return data.get(name)
        return super().value_from_datadict(data, files, name)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        values = value if isinstance(value, list | tuple) else self.decompress(value)
        written = values[3] if len(values) > 3 else ""
        kinds: list[tuple[str, Any]] = list(KIND_CHOICES)
        if written:
            # The text first written, as a choice of its own, so it survives a save.
            kinds.append((AS_WRITTEN, _("As first written: %(text)s") % {"text": written}))
        self.widgets[2].choices = kinds  # type: ignore[attr-defined]
        # A year outside the usual span (an older proposal) stays on offer, so it is not lost.
        year = str(values[1] or "") if len(values) > 1 else ""
        years = sorted({*self.years, year} - {""}) if year else self.years
        self.widgets[1].choices = [("", ""), *((y, y) for y in years)]  # type: ignore[attr-defined]
        context = super().get_context(name, value, attrs)
        for sub, label in zip(context["widget"]["subwidgets"], LABELS, strict=False):
            sub["label"] = label
        return context


class TimescaleField(forms.MultiValueField):
    """A month and year, or a kind; cleans to the plan's text for it ("Sep 2028", "TBC")."""

    widget = TimescaleWidget
    template_name = "progress/forms/timescale_field.html"

    def __init__(self, *, messages: dict[str, Any], **kwargs: Any) -> None:
        self.messages = messages
        fields = tuple(forms.CharField(required=False) for _part in range(4))
        kwargs.setdefault("required", False)
        super().__init__(fields, require_all_fields=False, **kwargs)

    def clean(self, value: Any) -> str:
        if isinstance(value, str):
            return " ".join(value.split())
        return super().clean(value)  # type: ignore[no-any-return]

    def compress(self, data_list: list[str]) -> str:
        month, year, kind, written = [*(item or "" for item in data_list), "", "", "", ""][:4]
        if kind and (month or year):
            raise ValidationError(self.messages["both"], code="both")
        if kind == AS_WRITTEN:
            return " ".join(written.split())
        if kind:
            if kind not in KIND_TEXT:
                raise ValidationError(self.messages["month"], code="invalid")
            return KIND_TEXT[kind]
        if month and not year:
            raise ValidationError(self.messages["year"], code="year")
        if year and not month:
            raise ValidationError(self.messages["month"], code="month")
        if not month:
            return ""
        try:
            number, year_number = int(month), int(year)
            if not 1 <= number <= 12 or not 1990 <= year_number <= 2100:
                raise ValueError
        except ValueError:
            raise ValidationError(self.messages["month"], code="invalid") from None
        return f"{calendar.month_abbr[number]} {year_number}"
