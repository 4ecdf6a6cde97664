"""URLs of the questionnaire and results."""

from __future__ import annotations

from django.urls import path

from stackwise.web.assessments import views

app_name = "assessments"
urlpatterns = [
    path("assess/", views.assess, name="assess"),
    path("assessments/<uuid:assessment_id>/", views.result, name="result"),
    path("assessments/<uuid:assessment_id>/report.<str:kind>", views.download, name="download"),
    path("assessments/<uuid:assessment_id>/email/", views.email_report, name="email"),
]
