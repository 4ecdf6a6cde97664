"""`stackwise lab`: verify and measure the four lab apps (commands import their work lazily)."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Evidence lab: verify and measure the Django, FastAPI, Express and NestJS apps."
)
