"""Settings from the environment: typos fail loudly, secrets come from files, production is safe."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from vawdasv.lib.env import envbool, envint, envlist, envstr


@pytest.fixture
def env(monkeypatch):
    for name in ("X", "X_FILE"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize("raw", ["maybe", "ture", "2", "enabled"])
def test_envbool_refuses_a_value_that_is_not_true_or_false(env, raw):
    env.setenv("X", raw)
    with pytest.raises(ImproperlyConfigured, match="X="):
        envbool("X", False)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("true", True), ("Yes", True), ("1", True), ("on", True), ("false", False), ("0", False),
     ("no", False), ("", False)],
)  # fmt: skip
def test_envbool_reads_the_usual_spellings(env, raw, expected):
    env.setenv("X", raw)
    assert envbool("X", not expected) is expected


def test_env_readers_use_the_default_when_the_variable_is_unset(env):
    assert envbool("X", True) is True
    assert envint("X", 7) == 7
    assert envlist("X", ["a"]) == ["a"]
    assert envstr("X", "d") == "d"


def test_envint_refuses_a_value_that_is_not_a_whole_number(env):
    env.setenv("X", "five")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        envint("X", 5)


def test_envlist_splits_on_commas_and_drops_blanks(env):
    env.setenv("X", " vawdasv.example.org, ,www.vawdasv.example.org ")
    assert envlist("X", []) == ["vawdasv.example.org", "www.vawdasv.example.org"]


def test_a_secret_can_come_from_a_file(env, tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text("s3cret-from-a-file\n", encoding="utf-8")
    env.setenv("X_FILE", str(secret))
    assert envstr("X") == "s3cret-from-a-file"


def test_a_boolean_can_come_from_a_file_and_is_checked_as_strictly(env, tmp_path):
    flag = tmp_path / "flag"
    flag.write_text("maybe", encoding="utf-8")
    env.setenv("X_FILE", str(flag))
    with pytest.raises(ImproperlyConfigured):
        envbool("X", False)


def test_the_variable_itself_wins_over_its_file(env, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from file", encoding="utf-8")
    env.setenv("X_FILE", str(secret))
    env.setenv("X", "from variable")
    assert envstr("X") == "from variable"


def test_a_secret_file_that_cannot_be_read_fails_loudly(env, tmp_path):
    env.setenv("X_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="X_FILE"):
        envstr("X")


# The deployment check ------------------------------------------------------------------------


def _check_deploy(tmp_path: Path, **settings: str) -> subprocess.CompletedProcess[str]:
    """`vawdasv check --deploy` in a clean environment holding only the given settings."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "vawdasv.settings",
        "VAWDASV_VAR_DIR": str(tmp_path),
        **settings,
    }
    return subprocess.run(
        [sys.executable, "-m", "vawdasv", "check", "--deploy"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_production_settings_pass_the_deployment_check(tmp_path):
    result = _check_deploy(
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="vawdasv.example.org",
        HTTPS="true",
        DEBUG="false",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_the_demo_defaults_are_reported_as_unfit_for_production(tmp_path):
    output = "".join(_outputs(_check_deploy(tmp_path)))
    assert "security.W008" in output  # no HTTPS redirect
    assert "security.W009" in output  # the public demo SECRET_KEY


def test_production_that_forgets_its_secret_key_fails_the_deployment_check(tmp_path):
    result = _check_deploy(tmp_path, ALLOWED_HOSTS="vawdasv.example.org", HTTPS="true")
    output = "".join(_outputs(result))
    assert "security.W009" in output
    assert "System check identified no issues" not in output


def _outputs(result: subprocess.CompletedProcess[str]) -> tuple[str, str]:
    return result.stdout, result.stderr


# Security headers ----------------------------------------------------------------------------


def test_pages_carry_the_security_headers(client, db):
    response = client.get("/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
