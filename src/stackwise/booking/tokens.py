"""Signed cancel links: whoever has the link may cancel, nobody can guess one."""

from __future__ import annotations

import uuid

from django.core import signing

SALT = "stackwise.booking.cancel"


def cancel_token(booking_id: uuid.UUID) -> str:
    """A token naming one booking, signed with the site's key."""
    return signing.dumps(str(booking_id), salt=SALT)


def booking_id_from(token: str) -> uuid.UUID | None:
    """The booking a token names, or None when it was not made by this site."""
    try:
        return uuid.UUID(signing.loads(token, salt=SALT))
    except (signing.BadSignature, ValueError):
        return None
