"""Read generated documents as a person would."""

from __future__ import annotations

import io


def pdf_text(data: bytes) -> str:
    """The text of a PDF, as a reader would copy it."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
