"""Speed and memory measurements for vawdasv (`make bench`; see benchmarks/README.md)."""
