"""Assessments: a questionnaire's answers, the recommendation made for them, and its pages."""
