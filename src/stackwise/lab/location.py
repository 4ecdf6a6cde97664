"""Where the lab's apps, wrk scripts and SQL schema are: the repository's lab/ folder.

They are a project of four ecosystems (venvs, node_modules, builds), not package data, so the
lab runs from a checkout; STACKWISE_LAB_DIR points elsewhere. This is the one place that knows.
"""

from __future__ import annotations

import os
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[3]
LAB_DIR = Path(os.environ.get("STACKWISE_LAB_DIR", CHECKOUT / "lab"))
