"""Booking URLs (tokens are signed booking ids: no personal data in URLs)."""

from __future__ import annotations

from django.urls import path

from stackwise.booking import views

app_name = "booking"
urlpatterns = [
    path("book/", views.book_call, name="book"),
    path("book/confirmed/<str:token>/", views.confirmed, name="confirmed"),
    path("book/invite/<str:token>/discovery-call.ics", views.calendar_file, name="invite"),
    path("book/cancel/<str:token>/", views.cancel_call, name="cancel"),
]
