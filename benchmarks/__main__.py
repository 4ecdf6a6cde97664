"""`make bench`: every benchmark of the project, each reporting ratios to its own baseline."""

from __future__ import annotations

import importlib
import sys

BENCHES = ("benchmarks.cli", "benchmarks.advisor", "benchmarks.web")


def main() -> None:
    """Run the benchmarks in turn; one that cannot run says why and the rest still run."""
    failed = False
    for name in BENCHES:
        print(f"\n== {name}")
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            print(f"not available: {exc}")
            failed = True
            continue
        module.main()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
