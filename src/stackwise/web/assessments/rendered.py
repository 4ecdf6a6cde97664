"""PDFs of an assessment: drawn once, stored with it, and never drawn by more requests
at a time than the site can spare (a PDF takes seconds of CPU; nine at once stalled the site)."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction

from stackwise.web.assessments.models import Assessment, RenderedFile

# A renderer that dies holding a slot frees it after this long.
SLOT_SECONDS = 120
# What a refused download is told: about one render's time.
BUSY_RETRY_SECONDS = 5


class RenderBusy(Exception):
    """Every render slot is taken; the client should come back in `retry_after` seconds."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"the server is busy rendering reports; retry in {retry_after} s")


def stored(assessment: Assessment, kind: str) -> bytes | None:
    """A file rendered earlier for this assessment and its knowledge version, if any."""
    body = (
        RenderedFile.objects.filter(
            assessment=assessment, kind=kind, knowledge_version=assessment.knowledge_version
        )
        .values_list("body", flat=True)
        .first()
    )
    return None if body is None else bytes(body)


def _store(assessment: Assessment, kind: str, body: bytes) -> None:
    try:
        with transaction.atomic():
            RenderedFile.objects.create(
                assessment=assessment,
                kind=kind,
                knowledge_version=assessment.knowledge_version,
                body=body,
            )
    except IntegrityError:
        pass  # another process stored the same file first; it is the same file


@contextmanager
def render_slot() -> Iterator[None]:
    """Hold one of PDF_RENDER_CONCURRENCY slots shared by every process and server (the cache's
    atomic add), or raise RenderBusy at once rather than queue behind the others."""
    token = secrets.token_hex(8)
    for slot in range(settings.PDF_RENDER_CONCURRENCY):
        key = f"render-slot:{slot}"
        if cache.add(key, token, timeout=SLOT_SECONDS):
            try:
                yield
            finally:
                if cache.get(key) == token:
                    cache.delete(key)
            return
    raise RenderBusy(BUSY_RETRY_SECONDS)


def rendered(assessment: Assessment, kind: str, render: Callable[[], bytes]) -> bytes:
    """The stored file, or render it now under a render slot and store it."""
    body = stored(assessment, kind)
    if body is not None:
        return body
    with render_slot():
        body = stored(assessment, kind)  # drawn by another process while this one waited
        if body is None:
            body = render()
            _store(assessment, kind, body)
    return body


def pdf(assessment: Assessment) -> bytes:
    """The PDF report (raises RenderBusy when every render slot is taken)."""

    def render() -> bytes:
        from stackwise.report.pdf import render_pdf

        return render_pdf(assessment.recommendation, made_on=assessment.created_at.date())

    return rendered(assessment, "report.pdf", render)
