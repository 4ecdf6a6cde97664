"""`make bench`: the project's benchmarks, run from the checkout (not shipped in the package)."""
