"""Load the knowledge TOML files (the shipped ones or a consultant's own) into typed models."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from stackwise.knowledge import stored
from stackwise.knowledge.models import Evidence, Knowledge

DATA_DIR = Path(__file__).parent / "data"
FILES = ("sources.toml", "stacks.toml", "factors.toml", "rules.toml", "risks.toml", "costs.toml")
EVIDENCE_FILE = "evidence.json"
ENV_VAR = "STACKWISE_KNOWLEDGE"


class KnowledgeError(ValueError):
    """The knowledge files are missing, malformed or inconsistent."""


def knowledge_dir(path: Path | str | None = None) -> Path:
    """The folder to load: the argument, else $STACKWISE_KNOWLEDGE, else the shipped data."""
    chosen = path or os.environ.get(ENV_VAR) or DATA_DIR
    return Path(chosen)


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only when the folder is not in the cache: most runs never parse TOML

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KnowledgeError(
            f"{path}: missing (a knowledge folder needs {', '.join(FILES)})"
        ) from None
    except IsADirectoryError:
        raise KnowledgeError(f"{path}: is a folder, not a TOML file") from None
    except UnicodeDecodeError as exc:
        raise KnowledgeError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot be read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"{path}: not valid TOML ({exc})") from None


def _with_ids(folder: Path, file: str, raw: dict[str, Any], name: str) -> dict[str, Any]:
    """The `[name.<id>]` tables of one file, each given its id; anything else is refused."""
    table = raw.get(name, {})
    if not isinstance(table, dict):
        raise KnowledgeError(
            f"{folder / file}: {name}: must be tables ([{name}.<id>]), not {type(table).__name__}"
        )
    for key, value in table.items():
        if not isinstance(value, dict):
            raise KnowledgeError(
                f"{folder / file}: {name}.{key}: must be a table of fields, not {type(value).__name__}"
            )
    return {key: {**value, "id": key} for key, value in table.items()}


def _file_of(field: object) -> str:
    """The knowledge file a top-level field comes from."""
    return EVIDENCE_FILE if field == "evidence" else f"{field}.toml"


def _evidence(path: Path) -> Evidence | None:
    from stackwise.knowledge.evidence import EvidenceError, read_evidence

    try:
        return read_evidence(path)
    except EvidenceError as exc:
        raise KnowledgeError(str(exc)) from None


def content_digest(folder: Path) -> str:
    """A hash over every knowledge file's name and bytes."""
    digest = hashlib.sha256()
    for name in (*FILES, EVIDENCE_FILE):
        file = folder / name
        if file.is_file():
            digest.update(name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def content_version(folder: Path) -> str:
    """A short content hash over every knowledge file, so assessments can name their version."""
    return _version_of(content_digest(folder))


def _version_of(digest: str) -> str:
    return digest[:12]


def read_knowledge(path: Path | str | None = None, *, version: str | None = None) -> Knowledge:
    """Parse and type-check the files without judging their content (see check.py for that).

    `version`: the folder's content_version when the caller has already hashed the files."""
    folder = knowledge_dir(path)
    if not folder.is_dir():
        raise KnowledgeError(f"{folder}: not a knowledge folder")
    raw = {name: _read_toml(folder / name) for name in FILES}
    tables = {
        name: _with_ids(folder, f"{name}.toml", raw[f"{name}.toml"], name)
        for name in ("sources", "stacks", "factors", "rules", "risks")
    }
    data = {
        "version": version or content_version(folder),
        "path": str(folder),
        **tables,
        "costs": raw["costs.toml"],
        "evidence": _evidence(folder / EVIDENCE_FILE),
    }
    try:
        return Knowledge.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        file = folder / _file_of(first["loc"][0]) if first["loc"] else folder
        raise KnowledgeError(
            f"{file}: {where}: {first['msg']} ({exc.error_count()} problem(s) in all)"
        ) from None


_cache: dict[tuple[str, str], Knowledge] = {}


def load_knowledge(path: Path | str | None = None) -> Knowledge:
    """Load and validate the knowledge base; refuse it when the check finds errors.

    A folder is parsed and checked once per content: the checked result is kept in memory and
    on disk (see `stored`), so a CLI run reads one file instead of six and validates nothing."""
    folder = knowledge_dir(path)
    digest = content_digest(folder) if folder.is_dir() else ""
    key = (str(folder.resolve()), digest)
    if key in _cache:
        return _cache[key]
    knowledge = stored.read(key) if digest else None
    if knowledge is None:
        from stackwise.knowledge.check import check_knowledge

        knowledge = read_knowledge(folder, version=_version_of(digest))
        errors = [f for f in check_knowledge(knowledge) if f.level == "error"]
        if errors:
            listed = "; ".join(str(e) for e in errors[:5])
            raise KnowledgeError(f"{folder}: {len(errors)} error(s): {listed}")
        stored.write(key, knowledge)
    _cache[key] = knowledge
    return knowledge
