"""Django forms rendered with GOV.UK Frontend markup (labels, hints, error messages).

`GovukFormMixin` gives each widget the GOV.UK class for its kind and adds the error modifier
after validation; the templates in core/templates/govuk/forms lay out the form groups. It also
normalises every submitted text (`vawdasv.lib.text.normalise_text`: no control characters, \n
line endings) before any field sees it, so every form of the platform stores clean text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.widgets import Input
from django.http import QueryDict

from vawdasv.lib.text import normalise_value

WIDGET_CLASSES: list[tuple[type[forms.Widget], str, str]] = [
    (forms.CheckboxSelectMultiple, "govuk-checkboxes__input", ""),
    (forms.RadioSelect, "govuk-radios__input", ""),
    (forms.CheckboxInput, "govuk-checkboxes__input", ""),
    (forms.Textarea, "govuk-textarea", "govuk-textarea--error"),
    (forms.Select, "govuk-select", "govuk-select--error"),
    (forms.FileInput, "govuk-file-upload", "govuk-file-upload--error"),
    (Input, "govuk-input", "govuk-input--error"),
]


def widget_kind(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


def normalised_data(data: Any, keep: frozenset[str] = frozenset()) -> Any:
    """Submitted form data with every text value normalised, except the keys in `keep`."""

    def clean(key: str, value: Any) -> Any:
        if key in keep:
            return value
        if isinstance(value, list | tuple):
            return [normalise_value(item) for item in value]
        return normalise_value(value)

    if isinstance(data, QueryDict):
        result = QueryDict(mutable=True, encoding=data.encoding)
        for key, values in data.lists():
            result.setlist(key, clean(key, values))
        result._mutable = False
        return result
    if isinstance(data, Mapping):
        return {key: clean(key, value) for key, value in data.items()}
    return data


class GovukFormRenderer(DjangoTemplates):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"


class GovukFormMixin:
    """Adds GOV.UK classes to widgets, and error classes once the form is validated.

    Bound data is normalised first (see the module's docstring).
    """

    fields: dict[str, forms.Field]
    errors: Any
    data: Any
    add_prefix: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        # A password is compared byte for byte with the one set elsewhere: never rewritten.
        passwords = frozenset(
            self.add_prefix(name)
            for name, field in self.fields.items()
            if isinstance(field.widget, forms.PasswordInput)
        )
        self.data = normalised_data(self.data, passwords)
        self.style_widgets()

    def style_widgets(self) -> None:
        """Give every field's widget its GOV.UK class; forms that add fields later call it again."""
        for field in self.fields.values():
            _style_widget(field.widget)

    def __getitem__(self, name: str) -> Any:
        # A field added after __init__ without a new `style_widgets()` call was shown as a bare
        # browser control, wider than the filter column (the action list's RAG filter): every
        # field is styled again as it is shown.
        field = self.fields.get(name)
        if field is not None:
            _style_widget(field.widget)
        return super().__getitem__(name)  # type: ignore[misc]

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:
            field = self.fields.get(name)
            if field is None:
                continue
            for widget_type, css, error_css in WIDGET_CLASSES:
                if isinstance(field.widget, widget_type):
                    # A field added after __init__ has no class yet (that was a KeyError 500).
                    _add_class(field.widget, css, first=True)
                    if error_css:
                        _add_class(field.widget, error_css)
                    break


def _style_widget(widget: forms.Widget) -> None:
    for widget_type, css, _error_css in WIDGET_CLASSES:
        if isinstance(widget, widget_type):
            _add_class(widget, css, first=True)
            return


def _add_class(widget: forms.Widget, css: str, *, first: bool = False) -> None:
    """Add a class once: the component's own class first, modifiers after."""
    classes = widget.attrs.get("class", "").split()
    if css not in classes:
        widget.attrs["class"] = " ".join([css, *classes] if first else [*classes, css])


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass
