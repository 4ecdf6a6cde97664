"""A stored assessment: the profile, the recommendation and the knowledge version it used."""

from __future__ import annotations

import uuid
from functools import cached_property

from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from stackwise.advisor import ProjectProfile, Recommendation
from stackwise.web.knowledge import Advice

_insert_sql: dict[str, str] = {}


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
    def record(cls, advice: Advice | Recommendation) -> Assessment:
        """Store a recommendation with the profile it was made for.

        This is most of the work of POST /api/assessments, and save() would cost about as much
        again as the database's own work on the ~20 KB row (mostly compiling the statement), so it
        is one INSERT whose SQL is built once per database, with the values Django would write and
        the recommendation's JSON as already encoded (`Advice.result_json`). No signal receivers
        listen for Assessment saves; one that should would need save() here. The instance returned
        is as if loaded from the database, with `result` read back only if asked for."""
        if isinstance(advice, Recommendation):
            advice = Advice.of(advice)
        recommendation = advice.recommendation
        values = {
            "id": uuid.uuid4(),
            "created_at": timezone.now(),
            "name": recommendation.profile.name,
            "top": recommendation.top,
            "knowledge_version": recommendation.knowledge_version,
            "profile": recommendation.profile.to_data(),
        }
        fields = cls._prepared_fields()
        for field in fields:  # a column added later gets its default, as save() would
            values.setdefault(field.name, field.get_default())
        connection = connections[router.db_for_write(cls)]
        params = [field.get_db_prep_save(values[field.name], connection) for field in fields]
        with connection.cursor() as cursor:
            cursor.execute(cls._insert(connection), [*params, advice.result_json])
        return cls.from_db(connection.alias, list(values), list(values.values()))

    @classmethod
    def _prepared_fields(cls) -> list[models.Field]:  # type: ignore[type-arg]
        """Every column but `result`, which follows as the JSON text it already is."""
        return [f for f in cls._meta.concrete_fields if f.name != "result"]

    @classmethod
    def _insert(cls, connection: BaseDatabaseWrapper) -> str:
        """INSERT of every column, the JSON text cast to the result column's type (jsonb, text)."""
        if connection.alias not in _insert_sql:
            quote = connection.ops.quote_name
            prepared = cls._prepared_fields()
            columns = [f.column for f in prepared] + [cls._meta.get_field("result").column]
            json_type = cls._meta.get_field("result").db_type(connection)
            _insert_sql[connection.alias] = (
                f"INSERT INTO {quote(cls._meta.db_table)} ({', '.join(map(quote, columns))}) "
                f"VALUES ({'%s, ' * len(prepared)}CAST(%s AS {json_type}))"
            )
        return _insert_sql[connection.alias]

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
