"""The rate-limit table: where counts live when no Redis is configured.

A cache may forget: Django's database cache keeps 300 entries and culls a third when full, so
twelve clients sending refused requests evicted a limited client's counter, which then got past
its limit. Rows here go only when they expire."""

from __future__ import annotations

from django.db import models


class RateLimitHit(models.Model):
    """One admitted request, kept until it leaves its client's moving window."""

    key = models.CharField(max_length=200)  # limit, bucket and client network
    expires_at = models.FloatField()  # Unix time the hit leaves the window

    class Meta:
        indexes = [
            models.Index(fields=["key", "expires_at"], name="ratelimit_key_expiry"),
            models.Index(fields=["expires_at"], name="ratelimit_expiry"),
        ]

    def __str__(self) -> str:
        return f"{self.key} until {self.expires_at:.0f}"
