"""The two small forms that add evidence to an update. progress.evidence checks and writes.

Each form has its own prefix, so both can sit on the update page without clashing ids.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from vawdasv.core.forms import WIDGET_CLASSES, GovukForm
from vawdasv.progress import evidence


class EvidenceForm(GovukForm):
    """Marks a field in error also when the service, not the form, found the problem."""

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        for name in self.errors:
            widget = self.fields[name].widget if name in self.fields else None
            for widget_type, _css, error_css in WIDGET_CLASSES:
                if widget is not None and isinstance(widget, widget_type):
                    if error_css and error_css not in widget.attrs.get("class", ""):
                        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {error_css}"
                    break


class EvidenceLinkForm(EvidenceForm):
    prefix = "link"

    title = forms.CharField(
        label=_("Describe what the link shows"),
        max_length=evidence.MAX_TITLE_LENGTH,
        error_messages={"required": _("Describe what the link shows")},
        help_text=_("For example “Training evaluation report, June 2025”."),
    )
    url = forms.CharField(
        label=_("Web address"),
        max_length=evidence.MAX_URL_LENGTH,
        widget=forms.URLInput(attrs={"spellcheck": "false", "autocomplete": "url"}),
        error_messages={"required": _("Enter a web address starting with http:// or https://")},
        help_text=_("Starting with http:// or https://"),
    )


class EvidenceFileForm(EvidenceForm):
    prefix = "file"

    title = forms.CharField(
        label=_("Describe the file (optional)"),
        max_length=evidence.MAX_TITLE_LENGTH,
        required=False,
        help_text=_("If you leave this blank, the file name is shown."),
    )
    file = forms.FileField(
        label=_("File"),
        widget=forms.FileInput,
        error_messages={
            "required": _("Select a file"),
            "empty": _("The selected file is empty"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = file_hint()
        self.fields["file"].widget.attrs["accept"] = ",".join(evidence.allowed_extensions())


def file_hint() -> str:
    return _("%(types)s, up to %(size)s each. An update can hold %(count)s files.") % {
        "types": evidence.allowed_types_text(),
        "size": filesizeformat(evidence.max_bytes()),
        "count": evidence.max_files(),
    }
