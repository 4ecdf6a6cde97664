"""The admin login cannot be guessed at: wrong passwords lock the name for that address."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple 42"


def sign_in(client, password, address="198.51.100.7"):  # type: ignore[no-untyped-def]
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "consultant", "password": password},
        REMOTE_ADDR=address,
    )


@pytest.fixture
def consultant(db):  # type: ignore[no-untyped-def]
    return User.objects.create_superuser("consultant", "c@example.com", PASSWORD)


def test_the_right_password_signs_in(client, consultant):
    assert sign_in(client, PASSWORD).status_code == 302


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, consultant):
    codes = [sign_in(client, f"guess {n}").status_code for n in range(5)]
    assert codes == [200, 200, 200, 200, 429]  # the form again with an error, then locked
    locked = sign_in(client, PASSWORD)
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 3600
    assert "_auth_user_id" not in client.session


def test_a_lockout_holds_for_that_address_not_for_the_consultant_elsewhere(client, consultant):
    for n in range(5):
        sign_in(client, f"guess {n}")
    assert sign_in(client, PASSWORD, address="203.0.113.20").status_code == 302
