"""How long the pages people read most take to serve, against a hello-world on the same server.

Pages: the plan page of a 300-action strategy, the filtered action list, and an action page with
its history, all read anonymously (the strategy is published). Each is requested by 1 client and
by 10 concurrent clients (threads with keep-alive connections), after a warm-up, and compared with
`/bench/hello` measured in the same run with the same number of clients. The ratio is the useful
figure: it cancels out most of the machine's speed and load.
"""

from __future__ import annotations

import contextlib
import http.client
import re
import statistics
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from benchmarks.environment import BenchEnvironment
from benchmarks.server import HOST, MemoryUse, Server, running_server
from benchmarks.suite import RunOptions, Suite, Table

CLIENT_COUNTS = (1, 10)
HELLO = "hello-world baseline"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    cookie: str = ""  # a signed-in reader's session cookie ("sessionid=…"), when the page needs one


@dataclass(frozen=True)
class Measurement:
    page: Page
    clients: int
    requests: int
    p50_ms: float
    p95_ms: float
    per_second: float
    size_kb: float


class PageError(RuntimeError):
    pass


def _get(port: int, path: str, cookie: str = "") -> bytes:
    """One GET on a new connection, as a reader's browser after a pause would make it.

    A fresh connection per request keeps the figures free of keep-alive effects (gunicorn closes
    idle keep-alive connections after two seconds, racing a client that reuses one); on the
    loopback interface connecting costs a fraction of a millisecond, the same for every page.
    """
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        headers = {"Accept-Language": "en", "Connection": "close"}
        if cookie:
            headers["Cookie"] = cookie
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise PageError(f"GET {path} answered {response.status}")
    return body


def measure(server: Server, page: Page, clients: int, options: RunOptions) -> Measurement:
    """`options.requests` timed GETs shared among `clients` threads, after a warm-up."""
    timings, sizes, wall = _timed_requests(
        server, page, clients, options, options.requests, options.warmup
    )
    return _measurement(page, clients, timings, sizes, wall)


def measure_in_turns(
    server: Server, pages: list[Page], clients: int, options: RunOptions, turns: int = 4
) -> list[Measurement]:
    """Each page (the baseline first) measured in `turns` blocks that take turns, page after
    page, rather than each page's requests all at once: a busy spell on the machine then falls
    on the baseline and the pages alike, and the ratio between them is steadier. The full
    warm-up comes before each page's first block, a short one before the others."""
    collected: dict[str, tuple[list[float], list[int], list[float]]] = {
        page.name: ([], [], []) for page in pages
    }
    per_turn = max(1, options.requests // turns)
    for turn in range(turns):
        for page in pages:
            warmup = options.warmup if turn == 0 else max(clients, options.warmup // 5)
            timings, sizes, wall = _timed_requests(server, page, clients, options, per_turn,
                                                   warmup)  # fmt: skip
            found_timings, found_sizes, walls = collected[page.name]
            found_timings += timings
            found_sizes += sizes
            walls.append(wall)
    results = []
    for page in pages:
        timings, sizes, walls = collected[page.name]
        results.append(_measurement(page, clients, timings, sizes, sum(walls)))
    return results


def _measurement(
    page: Page, clients: int, timings: list[float], sizes: list[int], wall: float
) -> Measurement:
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return Measurement(
        page=page,
        clients=clients,
        requests=len(timings),
        p50_ms=statistics.median(timings) * 1000,
        p95_ms=cuts[94] * 1000,
        per_second=len(timings) / wall,
        size_kb=statistics.mean(sizes) / 1024,
    )


def _timed_requests(
    server: Server, page: Page, clients: int, options: RunOptions, requests: int, warmup: int
) -> tuple[list[float], list[int], float]:
    """`requests` timed GETs shared among `clients` threads after `warmup` untimed ones: the
    timings, the sizes and the wall time they took."""
    timings: list[float] = []
    sizes: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    remaining = [requests]
    floor = min(options.min_requests, requests)
    began = [float("inf")]

    def start_clock() -> None:  # run once, when every client has warmed up
        began[0] = time.perf_counter()

    start_gate = threading.Barrier(clients + 1, action=start_clock)

    def client() -> None:
        try:
            for _ in range(max(1, warmup // clients)):
                _get(server.port, page.path, page.cookie)
            start_gate.wait()
            while True:
                with lock:
                    overtime = time.perf_counter() - began[0] > options.max_seconds
                    if remaining[0] <= 0 or (overtime and len(timings) >= floor):
                        return
                    remaining[0] -= 1
                started = time.perf_counter()
                body = _get(server.port, page.path, page.cookie)
                elapsed = time.perf_counter() - started
                with lock:
                    timings.append(elapsed)
                    sizes.append(len(body))
        except BaseException as exc:  # reported below, after the other threads stop
            errors.append(exc)
            start_gate.abort()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    with contextlib.suppress(threading.BrokenBarrierError):  # a client failed; raised below
        start_gate.wait()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began[0]
    if errors:
        raise PageError(f"{page.name}: {errors[0]}") from errors[0]
    return timings, sizes, wall


def _memory_rows(label: str, uses: list[MemoryUse]) -> list[list[object]]:
    rows: list[list[object]] = [[label, u.role, str(u.pid), u.peak_mb, u.now_mb] for u in uses]
    rows.append(
        [label, "all processes", "", sum(u.peak_mb for u in uses), sum(u.now_mb for u in uses)]
    )
    return rows


def run(environment: BenchEnvironment, options: RunOptions) -> list[Table]:
    dataset = environment.dataset()
    slug = dataset.strategy_slug
    query = urlencode({"lead": dataset.lead_id, "due": "2025/26", "q": "data"})
    hello = Page(HELLO, "/bench/hello")
    pages = [
        Page("plan page (300 actions)", f"/strategies/{slug}/"),
        Page("filtered action list", f"/strategies/{slug}/actions/?{query}"),
        Page("action page with history", f"/strategies/actions/{dataset.action_pk}/"),
    ]
    workers, threads = 2, 4
    latency = Table(
        "Latency (anonymous reader, gunicorn "
        f"{workers} workers × {threads} threads, {options.requests} requests per row)",
        ["page", "clients", "requests", "p50 ms", "p95 ms", "requests/s", "KB", "p50 ÷ hello p50"],
    )
    memory = Table(
        "Server memory (VmHWM = peak resident, VmRSS = resident now)",
        ["measured after", "process", "pid", "VmHWM MB", "VmRSS MB"],
    )
    with running_server(environment.server_env, environment.workdir, workers, threads) as server:
        memory.rows += _memory_rows("start-up", server.memory())
        found = re.search(r"(\d[\d,]*) actions? found", _get(server.port, pages[1].path).decode())
        latency.notes.append(
            f"  the filtered list finds {found.group(1) if found else '?'} actions"
        )
        baselines = {clients: measure(server, hello, clients, options) for clients in CLIENT_COUNTS}
        memory.rows += _memory_rows("hello-world baseline", server.memory())
        for clients in CLIENT_COUNTS:
            base = baselines[clients]
            latency.rows.append(_row(base, base))
            for page in pages:
                latency.rows.append(_row(measure(server, page, clients, options), base))
        memory.rows += _memory_rows("all pages", server.memory())
    latency.notes += [f"  {page.name}: {page.path}" for page in (hello, *pages)]
    return [latency, memory]


def _row(measurement: Measurement, baseline: Measurement) -> list[object]:
    ratio = measurement.p50_ms / baseline.p50_ms if baseline.p50_ms else 0.0
    return [
        measurement.page.name,
        measurement.clients,
        measurement.requests,
        measurement.p50_ms,
        measurement.p95_ms,
        measurement.per_second,
        measurement.size_kb,
        f"{ratio:.1f}×",
    ]


SUITE = Suite(
    name="latency",
    summary="p50/p95 of the plan page, filtered action list and action page vs a hello-world",
    run=run,
)
