"""Showing a service's refusal on the form that asked for it, and the usual form POST."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect


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


def saved(
    request: HttpRequest,
    form: forms.BaseForm,
    write: Callable[[], object],
    message: str,
    to: Any,
    *conflicts: type[Exception],
) -> HttpResponse | None:
    """The usual form page's POST: when the form is valid, run the service's write, then say
    `message` and go to `to` (anything `redirect` takes). None when nothing was posted, the form
    is not valid, or the service refused, with the reason on the form: a ValidationError beside
    its fields, one of `conflicts` (such as a version conflict) at the top."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        write()
    except conflicts as error:
        form.add_error(None, str(error))
        return None
    except ValidationError as error:
        add_validation_errors(form, error)
        return None
    messages.success(request, message)
    return redirect(to)
