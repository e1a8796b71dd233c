"""Starting the real server (`vawdasv serve`, gunicorn) for a benchmark, and always stopping it.

The server runs in its own process group on 127.0.0.1 and a free port, with the benchmark's
environment (its SQLite file, `benchmarks.settings`). Its output goes to a log file in the
run's temp dir; the tail is printed if it fails to start.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


@dataclass(frozen=True)
class MemoryUse:
    pid: int
    role: str
    peak_mb: float  # VmHWM: the most resident memory the process has had
    now_mb: float  # VmRSS


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def memory(self) -> list[MemoryUse]:
        """Peak and current resident memory of the gunicorn master and each worker."""
        uses = [_memory(self.pid, "master")]
        uses += [_memory(pid, f"worker {n}") for n, pid in enumerate(self.worker_pids(), 1)]
        return [use for use in uses if use is not None]


def _memory(pid: int, role: str) -> MemoryUse | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    values = {}
    for line in status.splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            values[name] = int(rest.split()[0]) / 1024  # kB → MB
    return MemoryUse(pid, role, values.get("VmHWM", 0.0), values.get("VmRSS", 0.0))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _healthy(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection(HOST, port, timeout=2)
        connection.request("GET", "/healthz")
        ok = connection.getresponse().status == 200
        connection.close()
        return ok
    except OSError:
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's own process group (master and workers), then SIGKILL."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
    except ProcessLookupError:
        pass


@contextmanager
def running_server(
    env: dict[str, str], workdir: Path, workers: int = 2, threads: int = 4
) -> Iterator[Server]:
    port = free_port()
    log = workdir / "server.log"
    command = [
        sys.executable,
        "-m",
        "vawdasv",
        "serve",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
    ]
    full_env = {**os.environ, **env, "PYTHONPATH": str(REPO_ROOT)}
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=full_env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process, port, log)
    try:
        deadline = time.monotonic() + 60
        while not _healthy(port):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"The server did not start; its log ends:\n{tail}")
            time.sleep(0.2)
        while len(server.worker_pids()) < workers and time.monotonic() < deadline:
            time.sleep(0.1)
        yield server
    finally:
        _stop(process)
