"""Read the knowledge's evidence file: what the lab measured, in the shape the advisor reads.

The file is written by the lab's publish step (`stackwise lab run --update-knowledge` or
`stackwise lab publish`) from a raw run kept under lab/results/<run>/; the raw run itself is
never read here.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from stackwise.knowledge.models import Evidence


class EvidenceError(ValueError):
    """An evidence file is not JSON or does not fit the evidence model."""


def first_misfit(exc: ValidationError) -> str:
    """The first problem of a validation as the file writes its place:
    `capacity.django.workloads.db.rps_per_core.median: Input should be a valid number`."""
    first = exc.errors(include_url=False)[0]
    where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in first["loc"])
    return f"{where.lstrip('.') or '(top level)'}: {first['msg']}"


# What knowledge folders held before the evidence had a file of its own: a whole raw run.
RAW_RUN_FILE = "lab-results.json"


def read_evidence(path: Path) -> Evidence | None:
    """The evidence in an evidence file, or None when there is no file."""
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        if (path.parent / RAW_RUN_FILE).exists():
            # Say so rather than advise without the measurements the folder meant to give.
            raise EvidenceError(
                f"{path.parent / RAW_RUN_FILE}: a raw lab run is not read as evidence; make "
                f"{path.name} from it with `stackwise lab publish RUN --knowledge-dir "
                f"{path.parent}`"
            ) from None
        return None
    except OSError as exc:
        raise EvidenceError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        return Evidence.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        if first["type"] == "json_invalid":
            raise EvidenceError(f"{path}: not valid JSON ({first['msg']})") from None
        if first["type"] == "model_type" and not first["loc"]:
            raise EvidenceError(f"{path}: expected a JSON object") from None
        raise EvidenceError(f"{path}: {first_misfit(exc)}") from None
