"""`core.form_errors.saved`: the usual form POST, written once for every form page."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from vawdasv.core.form_errors import saved


class NameForm(forms.Form):
    name = forms.CharField()


class Conflict(Exception):
    pass


def _post(data):
    request = RequestFactory().post("/", data)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_a_written_form_says_its_message_and_redirects():
    request = _post({"name": "Steering Group"})
    written = []
    form = NameForm(request.POST)
    response = saved(
        request, form, lambda: written.append(form.cleaned_data["name"]), "Saved", "/done/"
    )
    assert response is not None and response["Location"] == "/done/"
    assert written == ["Steering Group"]
    assert [str(m) for m in get_messages(request)] == ["Saved"]


@pytest.mark.parametrize(
    ("error", "field"),
    [(ValidationError({"name": "Taken"}), "name"), (ValidationError("No"), "__all__")],
)
def test_a_refusal_is_put_on_the_form_and_nothing_is_said(error, field):
    request = _post({"name": "Steering Group"})
    form = NameForm(request.POST)

    def refuse():
        raise error

    assert saved(request, form, refuse, "Saved", "/done/") is None
    assert field in form.errors
    assert list(get_messages(request)) == []


def test_a_named_conflict_is_shown_at_the_top_and_others_are_not_caught():
    request = _post({"name": "Steering Group"})
    form = NameForm(request.POST)

    def clash():
        raise Conflict("Somebody else changed this")

    assert saved(request, form, clash, "Saved", "/done/", Conflict) is None
    assert form.non_field_errors() == ["Somebody else changed this"]
    with pytest.raises(Conflict):
        saved(request, NameForm(request.POST), clash, "Saved", "/done/")


def test_an_invalid_form_or_a_get_writes_nothing():
    written = []
    request = _post({"name": ""})
    assert saved(request, NameForm(request.POST), lambda: written.append(1), "Saved", "/") is None
    get = RequestFactory().get("/")
    assert saved(get, NameForm(), lambda: written.append(1), "Saved", "/") is None
    assert written == []
