"""`python -m benchmarks [suite …]`: run the benchmark suites and print their tables.

With no names every suite runs; `python -m benchmarks latency` runs one. All suites share one
throwaway environment (a temp SQLite database with the national data set, built on first use).
To add a suite, write a module with a `SUITE` (see benchmarks/suite.py) and list it below.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time

from benchmarks import history, imports, latency, national, outcomes, reports, reviews
from benchmarks.environment import bench_environment
from benchmarks.suite import RunOptions, Suite

SUITES: tuple[Suite, ...] = (
    latency.SUITE, history.SUITE, imports.SUITE, reports.SUITE, national.SUITE, outcomes.SUITE,
    reviews.SUITE,
)  # fmt: skip


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "suites",
        nargs="*",
        metavar="suite",
        help="suites to run (default: all): " + ", ".join(s.name for s in SUITES),
    )
    parser.add_argument("--list", action="store_true", help="list the suites and stop")
    parser.add_argument(
        "--requests",
        type=int,
        default=RunOptions.requests,
        help="measured requests per page and client count",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (database, log)")
    return parser


def _machine() -> str:
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{platform.node()}: {os.cpu_count()} CPUs, {memory_gb:.1f} GB memory, "
        f"Python {platform.python_version()}, load average {load}"
    )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    by_name = {suite.name: suite for suite in SUITES}
    if args.list:
        for suite in SUITES:
            print(f"{suite.name:12} {suite.summary}")
        return 0
    unknown = [name for name in args.suites if name not in by_name]
    if unknown:
        _parser().error(f"unknown suite {', '.join(unknown)}; choose from {', '.join(by_name)}")
    chosen = [by_name[name] for name in args.suites] or list(SUITES)
    options = RunOptions(requests=args.requests)
    started = time.perf_counter()
    print(f"vawdasv benchmarks, {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print(_machine())
    with bench_environment(keep=args.keep) as environment:
        for suite in chosen:
            suite_started = time.perf_counter()
            print(f"\n# {suite.name}: {suite.summary}")
            for table in suite.run(environment, options):
                print()
                print(table.render())
            print(f"\n({suite.name} took {time.perf_counter() - suite_started:.0f} s)")
    print(
        f"\nAll done in {time.perf_counter() - started:.0f} s; load average now "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
