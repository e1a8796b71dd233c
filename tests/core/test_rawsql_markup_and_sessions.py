"""The helpers behind the pages asked for on every request (ADR 0040): SQL placeholders and
numbers, markup made in Python (escaped), the session read as SQL, the remembered language
addresses and the server's worker hook."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.html import escape

from vawdasv.accounts.sessions import SessionStore
from vawdasv.core import context_processors
from vawdasv.lib import markup, rawsql

HOSTILE = '"><script>alert(1)</script>&'


def test_placeholders_and_an_empty_list_that_matches_nothing():
    assert rawsql.marks([1, 2, 3]) == "%s, %s, %s"
    assert rawsql.marks([]) == "NULL"  # "IN ()" would be a syntax error


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (0.1 + 0.2, Decimal("0.30")),  # a float SQLite summed: to the field's places
        (7, Decimal("7.00")),
        ("12.5", Decimal("12.50")),
        (Decimal("3.1"), Decimal("3.10")),  # PostgreSQL's Decimal
        (1e16, Decimal("10000000000000000.00")),
    ],
)
def test_numbers_come_back_as_the_fields_decimals(given, expected):
    assert rawsql.decimal(given, 2) == expected
    assert str(rawsql.decimal(given, 2)) == str(expected)


def test_null_stays_none():
    assert rawsql.optional_decimal(None, 2) is None
    assert rawsql.optional_decimal(4, 2) == Decimal("4.00")


def test_markup_made_in_python_escapes_every_text():
    assert markup._escape(HOSTILE + "'") == str(escape(HOSTILE + "'"))  # as Django escapes
    options = markup.options([(HOSTILE, HOSTILE), ("b", "B")], selected="b")
    assert "<script>" not in options and "&lt;script&gt;" in options
    assert '<option value="b" selected>B</option>' in options
    row = markup.table_row(HOSTILE, HOSTILE, [HOSTILE, "12"])
    assert "<script>" not in row and row.count("&lt;script&gt;") == 3
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">12</td>' in row
    assert "<script>" not in markup.joined([row, row])


@pytest.mark.django_db
def test_a_session_is_read_until_it_expires():
    store = SessionStore()
    store["colour"] = "blue"
    store.create()
    key = store.session_key
    assert SessionStore(key).load() == {"colour": "blue"}
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired = SessionStore(key)
    assert expired.load() == {}
    assert expired.session_key is None  # as Django's store: a new key when next saved
    assert SessionStore("no-such-session-key").load() == {}


def test_a_page_has_its_address_in_both_languages_long_or_short():
    factory = RequestFactory()
    context_processors._in_both_languages.cache_clear()
    with translation.override("cy"):
        short = context_processors.site(factory.get("/cy/accessibility/?a=1"))
        long_query = "q=" + "x" * 300
        long = context_processors.site(factory.get(f"/cy/accessibility/?{long_query}"))
    assert short["other_language_url"] == "/accessibility/?a=1"
    assert [lang["current"] for lang in short["languages"]] == [False, True]
    assert long["other_language_url"] == f"/accessibility/?{long_query}"
    assert context_processors._in_both_languages.cache_info().currsize == 1  # the short one


def test_each_server_worker_freezes_what_it_loaded(monkeypatch):
    from vawdasv.web.management.commands import serve

    given = {}
    monkeypatch.setattr(serve._Server, "run", lambda self: given.update(self.options))
    monkeypatch.setattr(serve._Server, "__init__", lambda self, options: setattr(
        self, "options", options))  # fmt: skip
    serve.Command().handle(bind="127.0.0.1:0", workers=1, threads=1)
    assert given["post_worker_init"] is serve._freeze_loaded_objects
    frozen = []
    monkeypatch.setattr(serve.gc, "freeze", lambda: frozen.append(True))
    serve._freeze_loaded_objects(object())
    assert frozen == [True]
