"""Start the test OpenID Connect provider (tests/sso/provider.mjs) and point the settings at it.

The provider is the npm package `oidc-provider` (pinned in package.json), run by Node on
127.0.0.1 at a free port for the test session, with no network needed.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).with_name("provider.mjs")
ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "vawdasv-tests"
CLIENT_SECRET = "not-a-secret-only-for-tests"
PROVIDER_NAME = "Test Identity"


@dataclass
class RunningProvider:
    issuer: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_provider(live_server_url: str) -> Iterator[RunningProvider]:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("Node and the npm package oidc-provider are needed: run `make install`.")
    port = _free_port()
    host_port = live_server_url.split("://", 1)[1]
    redirects = {
        f"http://{host_port}/oidc/callback/",
        f"http://127.0.0.1:{host_port.rsplit(':', 1)[1]}/oidc/callback/",
        f"http://localhost:{host_port.rsplit(':', 1)[1]}/oidc/callback/",
    }
    process = subprocess.Popen(
        [node, str(SCRIPT), str(port), *sorted(redirects)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("ready "):
            pytest.fail(f"The test OpenID Connect provider did not start: {line!r}")
        yield RunningProvider(issuer=line.split()[1])
    finally:
        process.terminate()
        process.wait(timeout=10)


def configure(settings: Any, issuer: str) -> None:
    """Single sign-on on, against the provider at `issuer`."""
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{issuer}/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{issuer}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{issuer}/me"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{issuer}/jwks"
    settings.OIDC_PROVIDER_NAME = PROVIDER_NAME
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "vawdasv.accounts.sso.VerifiedEmailBackend",
    ]
