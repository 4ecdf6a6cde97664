"""The lock files the Makefile installs from keep up with pyproject.toml's dependency ranges."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
# What each lock file installs: the core dependencies plus these extras (and the extras they name).
LOCKS = {"web.txt": ["web"], "dev.txt": ["dev"]}


def required(extras: list[str]) -> list[Requirement]:
    """The core dependencies and those of the extras, following `stackwise[...]` references."""
    found = [Requirement(r) for r in PROJECT["dependencies"]]
    todo, seen = list(extras), set()
    while todo:
        extra = todo.pop()
        if extra in seen:
            continue
        seen.add(extra)
        for line in PROJECT["optional-dependencies"][extra]:
            requirement = Requirement(line)
            if requirement.name == PROJECT["name"]:
                todo.extend(requirement.extras)
            else:
                found.append(requirement)
    return found


def pinned(lock: str) -> dict[str, Version]:
    """Package -> the version a lock file pins."""
    text = (ROOT / "requirements" / lock).read_text()
    return {
        canonicalize_name(name): Version(version)
        for name, version in re.findall(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", text, re.M)
    }


@pytest.mark.parametrize(("lock", "extras"), LOCKS.items())
def test_every_dependency_is_pinned_within_its_range(lock, extras):
    pins = pinned(lock)
    for requirement in required(extras):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is missing from requirements/{lock}: run make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements/{lock} pins {name}=={pins[name]}, outside {requirement}: run make lock"
        )


@pytest.mark.parametrize("lock", LOCKS)
def test_every_pin_carries_its_hashes_and_no_machine_index(lock):
    text = (ROOT / "requirements" / lock).read_text()
    entries = re.split(r"^(?=[A-Za-z0-9])", text, flags=re.M)[1:]
    assert entries and all("--hash=sha256:" in entry for entry in entries)
    assert not re.search(r"--(extra-)?index-url|--find-links|file:", text)


def test_the_site_is_tested_with_the_versions_it_is_served_with():
    served, tested = pinned("web.txt"), pinned("dev.txt")
    assert {name: tested.get(name) for name in served} == served
