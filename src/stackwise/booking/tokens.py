"""Signed links: whoever has the link may act on the booking, nobody can guess one.

Two kinds, with different salts: the manage token (shown on the pages and in every e-mail) and
the confirm token (only in the e-mail to the address given, so that confirming proves it)."""

from __future__ import annotations

import uuid

from django.core import signing

MANAGE = "stackwise.booking.cancel"  # the salt of the first cancel links, so they keep working
CONFIRM = "stackwise.booking.confirm"
# Where a URL path carries one of these tokens in its next segment (with the older links that
# still redirect); logs write them as <token> (see stackwise.sitewide.logs.RedactSecrets).
TOKEN_PATHS = (
    "/book/call/",
    "/book/confirm/",
    "/book/confirmed/",
    "/book/cancel/",
    "/book/invite/",
)


def manage_token(booking_id: uuid.UUID) -> str:
    """A token naming one booking, signed with the site's key."""
    return signing.dumps(str(booking_id), salt=MANAGE)


def confirm_token(booking_id: uuid.UUID) -> str:
    """A token that confirms one booking's e-mail address."""
    return signing.dumps(str(booking_id), salt=CONFIRM)


def _read(token: str, salt: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(signing.loads(token, salt=salt))
    except (signing.BadSignature, ValueError, TypeError):
        return None


def booking_id_from(token: str) -> uuid.UUID | None:
    """The booking a manage token names, or None when it was not made by this site."""
    return _read(token, MANAGE)


def confirmed_booking_id(token: str) -> uuid.UUID | None:
    """The booking a confirm token names, or None."""
    return _read(token, CONFIRM)
