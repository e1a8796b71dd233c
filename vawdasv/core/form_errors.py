"""Showing a service's refusal on the form that asked for it."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, QueryDict


def add_validation_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put each message beside its field when the form has it, otherwise at the top."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error)


def posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data, even when empty, so an empty POST shows "required" errors."""
    return request.POST if request.method == "POST" else None
