"""Checked knowledge kept on disk, keyed by its folder and the hash of its files' content.

Parsing six TOML files, building their models and running every check costs a CLI run more
than the advice itself; the result only changes when a file does. It is kept in the user's
cache folder (platformdirs; `STACKWISE_CACHE_DIR` moves it, an empty value turns it off), one
pickle per folder and content, named by a hash that also covers the stackwise, Python and
Pydantic versions, so an upgrade never reads an old shape. Anything unreadable is ignored and
rebuilt: the cache can only make a run faster, never change its answer.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

import pydantic

import stackwise
from stackwise.knowledge.models import Knowledge

ENV_VAR = "STACKWISE_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where checked knowledge is kept, or None when caching is turned off."""
    chosen = os.environ.get(ENV_VAR)
    if chosen is not None:
        return Path(chosen) if chosen else None
    import platformdirs

    return Path(platformdirs.user_cache_dir("stackwise", appauthor=False))


def _file(key: tuple[str, str]) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    versions = (stackwise.__version__, sys.version, pydantic.VERSION, *key)
    name = hashlib.sha256("\0".join(versions).encode()).hexdigest()[:32]
    return folder / f"knowledge-{name}.pickle"


def read(key: tuple[str, str]) -> Knowledge | None:
    """The knowledge checked earlier for this folder and content, if it is on disk."""
    file = _file(key)
    if file is None:
        return None
    try:
        knowledge = pickle.loads(file.read_bytes())  # noqa: S301 - the user's own cache folder
    except Exception:  # missing, truncated, or from another version: rebuild it
        return None
    return knowledge if isinstance(knowledge, Knowledge) else None


def write(key: tuple[str, str], knowledge: Knowledge) -> None:
    """Keep checked knowledge for the next run; a folder that cannot be written is skipped."""
    file = _file(key)
    if file is None:
        return
    with contextlib.suppress(OSError):
        file.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=file.parent, delete=False) as out:
            out.write(pickle.dumps(knowledge, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(out.name, file)  # readers see the old file or the whole new one
