"""Forms for the plan import pages. They validate input; `imports.uploads` does the writing."""

from __future__ import annotations

import datetime
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from vawdasv.core.forms import GovukForm
from vawdasv.imports.baseline import StatusWord
from vawdasv.imports.columns import (
    ACTION,
    COMMITMENT,
    EVIDENCE,
    FIELDS,
    IGNORE,
    LEAD,
    RAG,
    REF,
    THEME,
    TIMESCALE,
)
from vawdasv.imports.readers.limits import file_size
from vawdasv.imports.uploads import BaselineChoice
from vawdasv.plans.enums import StrategyStatus
from vawdasv.plans.models import Strategy

ACCEPTED_EXTENSIONS = (".docx", ".xlsx", ".csv", ".pdf", ".txt", ".md")

FIELD_LABELS: dict[str, Any] = {
    COMMITMENT: _("Commitment"),
    ACTION: _("Action (milestone)"),
    EVIDENCE: _("Evidence of achievement"),
    TIMESCALE: _("Timescale"),
    LEAD: _("Lead organisations"),
    RAG: _("Progress (RAG status)"),
    REF: _("Reference number"),
    THEME: _("Theme"),
    IGNORE: _("Not imported"),
}


def max_bytes() -> int:
    return int(settings.IMPORT_MAX_BYTES)


class UploadForm(GovukForm):
    document = forms.FileField(
        label=_("Upload the plan document"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}),
    )
    pasted_text = forms.CharField(
        label=_("Or paste the plan as text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_(
            "Tables copied from Word arrive with tabs between the columns; Markdown tables "
            "and “We will” lists under headings can be read too."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].help_text = _(
            "A Word (.docx), Excel (.xlsx), CSV, PDF with text, or text (.txt, .md) file, up "
            "to %(limit)s. Documents over 1 MB may take a few seconds to read."
        ) % {"limit": file_size(max_bytes())}

    def clean_document(self) -> Any:
        upload = self.cleaned_data.get("document")
        if not upload:
            return upload
        if PurePath(upload.name).suffix.lower() not in ACCEPTED_EXTENSIONS:
            raise forms.ValidationError(
                _("The selected file must be a .docx, .xlsx, .csv, .pdf, .txt or .md file")
            )
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("The selected file must be smaller than %(limit)s")
                % {"limit": file_size(max_bytes())}
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_file = bool(data.get("document")) or "document" in self.errors
        has_text = bool((data.get("pasted_text") or "").strip())
        if not has_file and not has_text:
            self.add_error("document", _("Select a plan document, or paste the plan as text"))
        elif has_file and has_text:
            self.add_error("pasted_text", _("Either upload a document or paste text, not both"))
        elif has_text and len(data["pasted_text"].encode("utf-8")) > max_bytes():
            self.add_error(
                "pasted_text",
                _("The pasted text must be smaller than %(limit)s")
                % {"limit": file_size(max_bytes())},
            )
        return data

    def submitted(self, pasted_name: str) -> tuple[str, bytes, str]:
        """(file name, bytes, field the document came from) of a valid form."""
        document = self.cleaned_data.get("document")
        if document:
            return document.name, document.read(), "document"
        return pasted_name, self.cleaned_data["pasted_text"].encode("utf-8"), "pasted_text"


def _this_year() -> int:
    return datetime.date.today().year


class StrategyDetailsForm(GovukForm):
    """What the new strategy is called and covers; the document rarely says all of it."""

    title = forms.CharField(label=_("Title of the strategy"), max_length=300)
    slug = forms.SlugField(
        label=_("Short name for web addresses"),
        max_length=120,
        help_text=_("Lower-case letters, numbers and hyphens, for example cardiff-vale-2023-2028."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    start_year = forms.IntegerField(
        label=_("First year"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
    )
    end_year = forms.IntegerField(
        label=_("Last year"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
    )
    strategy_status = forms.ChoiceField(
        label=_("Status"),
        choices=StrategyStatus.choices,
        widget=forms.RadioSelect,
        help_text=_("Published strategies can be read by anyone, without signing in."),
    )
    confirm = forms.BooleanField(
        label=_("I have checked the plan below and want to import it"),
        error_messages={"required": _("Confirm that you have checked the plan")},
    )

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if Strategy.objects.filter(slug=slug).exists():
            raise forms.ValidationError(
                _("Another strategy already uses this short name; choose a different one")
            )
        return slug

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error(
                "end_year", _("The last year must be the same as or after the first year")
            )
        return data

    def details(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name != "confirm"}


class ColumnMappingForm(GovukForm):
    """One choice per table header: which field that column holds."""

    def __init__(self, *args: Any, headers: list[tuple[str, str | None]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.headers = headers
        choices = [(name, FIELD_LABELS[name]) for name in FIELDS]
        for index, (header, field) in enumerate(headers):
            self.fields[self.field_name(index)] = forms.ChoiceField(
                label=header, choices=choices, initial=self.shown(field)
            )
        self.style_widgets()  # the columns are added after the mixin styled the form

    @staticmethod
    def field_name(index: int) -> str:
        return f"column_{index}"

    @staticmethod
    def shown(field: str | None) -> str:
        """The choice that stands for how a column was read ("section" groups commitments)."""
        if field is None:
            return IGNORE
        return field if field in FIELDS else COMMITMENT

    def override(self, current: dict[str, str]) -> dict[str, str]:
        """The person's choices: those already made, plus any that differ from the reading."""
        chosen = dict(current)
        for index, (header, field) in enumerate(self.headers):
            value = self.cleaned_data[self.field_name(index)]
            if header in current or value != self.shown(field):
                chosen[header] = value
        return chosen


BASELINE_MEANINGS = [
    ("red", _("Red")),
    ("amber", _("Amber")),
    ("green", _("Green")),
    ("completed", _("Completed")),
    ("none", _("Record nothing for these actions")),
]


class BaselineForm(GovukForm):
    """Whether to record the document's statuses as the baseline, for which period, and what
    each word that does not say so itself means ("On track" is Green only if someone says so).
    Sent with the commit, so the plan and its baseline are written together."""

    record_baseline = forms.BooleanField(
        label=_("Record these statuses as the plan's baseline"),
        required=False,
        help_text=_(
            "Each action with a status gets an approved update for the period below, marked "
            "as from the imported document."
        ),
    )
    baseline_period = forms.CharField(
        label=_("Reporting period of the baseline"),
        required=False,
        max_length=20,
        help_text=_('For example "2024/25" or "2024/25 Q4".'),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )

    def __init__(self, *args: Any, words: list[StatusWord], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.words = words
        self.asked: dict[str, StatusWord] = {}  # field name → the word it asks about
        for number, word in enumerate(w for w in words if w.reading is None):
            name = f"status_{number}"
            hint = ngettext(
                "%(count)s action has this status.",
                "%(count)s actions have this status.",
                word.actions,
            ) % {"count": word.actions}
            if word.suggestion:
                hint += " " + _(
                    "The importer would read it as %(guess)s: choose that only if it is right."
                ) % {"guess": _rag_word(word.suggestion)}
            self.fields[name] = forms.ChoiceField(
                label=_("What does “%(word)s” mean?") % {"word": word.word},
                choices=BASELINE_MEANINGS,
                required=False,
                help_text=hint,
                widget=forms.RadioSelect,
            )
            self.asked[name] = word

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("record_baseline"):
            return data
        if not str(data.get("baseline_period") or "").strip():
            self.add_error(
                "baseline_period",
                _('Enter the reporting period of the baseline, such as "2024/25"'),
            )
        for name, word in self.asked.items():
            if not data.get(name):
                self.add_error(
                    name,
                    _("Choose what “%(word)s” means, or record nothing for it")
                    % {"word": word.word},
                )
        return data

    def choice(self) -> BaselineChoice | None:
        """The person's answer, once valid; None when they chose not to record a baseline."""
        data = self.cleaned_data
        if not data.get("record_baseline"):
            return None
        meanings = {word.key: data[name] for name, word in self.asked.items()}
        return BaselineChoice(period_label=data["baseline_period"].strip(), meanings=meanings)


def _rag_word(value: str | None) -> str:
    return str(dict(BASELINE_MEANINGS).get(value or "", value or ""))
