"""A stored assessment: the profile, the recommendation and the knowledge version it used."""

from __future__ import annotations

import uuid
from functools import cached_property

from django.db import models

from stackwise.advisor import ProjectProfile, Recommendation


class Assessment(models.Model):
    """One questionnaire answered, and the answer it got; rendered later from what is stored."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    name = models.CharField(max_length=200, blank=True)
    top = models.CharField(max_length=20, db_index=True)
    knowledge_version = models.CharField(max_length=40)
    profile = models.JSONField()
    result = models.JSONField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name or f"Assessment {str(self.id)[:8]}"

    @classmethod
    def record(cls, recommendation: Recommendation) -> Assessment:
        """Store a recommendation with the profile it was made for."""
        return cls.objects.create(
            name=recommendation.profile.name,
            top=recommendation.top,
            knowledge_version=recommendation.knowledge_version,
            profile=recommendation.profile.to_data(),
            result=recommendation.model_dump(mode="json"),
        )

    @cached_property
    def recommendation(self) -> Recommendation:
        """The stored recommendation, exactly as it was made."""
        return Recommendation.model_validate(self.result)

    @cached_property
    def project(self) -> ProjectProfile:
        """The stored profile."""
        return ProjectProfile.model_validate(self.profile)


class RenderedFile(models.Model):
    """A file drawn from an assessment (its chart, its PDF), kept beside it so each is rendered
    once per knowledge version and served from here; deleted with the assessment."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="rendered_files"
    )
    kind = models.CharField(max_length=20)
    knowledge_version = models.CharField(max_length=40)
    body = models.BinaryField()
    rendered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "kind", "knowledge_version"], name="one_file_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} of {self.assessment_id}"


class ReportMail(models.Model):
    """A visitor's request to have a result's PDF e-mailed. The address is kept only until the
    message is sent or given up; a keyed digest of it stays so that a cap per address holds
    without keeping the address."""

    class State(models.TextChoices):
        QUEUED = "queued"
        SENT = "sent"
        FAILED = "failed"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="mails")
    address = models.EmailField(blank=True)
    address_digest = models.CharField(max_length=64, db_index=True)
    requested_at = models.DateTimeField(auto_now_add=True, db_index=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"report mail {self.pk} of {self.assessment_id} ({self.state})"
