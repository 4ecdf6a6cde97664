"""What the lab needs on the machine, and the command that installs what is missing."""

from __future__ import annotations

import importlib.util
import shutil
from dataclasses import dataclass

from stackwise.lab.postgres import postgres_missing


@dataclass(frozen=True)
class Missing:
    """A missing tool and how to get it."""

    what: str
    install: str


# The Python packages of the `lab` extra, imported only when the lab runs.
LAB_PACKAGES = ("websockets", "psutil", "aiohttp")


def missing_prerequisites(*, measuring: bool = False) -> list[Missing]:
    """The lab extra, Node, npm and PostgreSQL for verifying; wrk and taskset for measuring."""
    found = [
        Missing(f"the Python package {name}", "pip install 'stackwise[lab]'")
        for name in LAB_PACKAGES
        if importlib.util.find_spec(name) is None
    ]
    for tool, package in (("node", "nodejs"), ("npm", "npm")):
        if shutil.which(tool) is None:
            found.append(Missing(tool, f"apt-get install {package}"))
    pg = postgres_missing()
    if pg:
        found.append(Missing("PostgreSQL 15 server binaries", "apt-get install postgresql-15"))
    if measuring:
        for tool, package in (("wrk", "wrk"), ("taskset", "util-linux")):
            if shutil.which(tool) is None:
                found.append(Missing(tool, f"apt-get install {package}"))
    return found
