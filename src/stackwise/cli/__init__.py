"""Command-line interface: `stackwise advise`, `compare`, `knowledge`, `lab`."""
