"""What both data-access variants share: the query-count rule, random ids and the templates."""

from __future__ import annotations

import random
from pathlib import Path

from fastapi.templating import Jinja2Templates

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def count_of(value: str | None) -> int:
    try:
        n = int(value or "")
    except ValueError:
        return 1
    return min(max(n, 1), 500)


def random_id() -> int:
    return random.randint(1, 10000)
