"""Booking URLs (tokens are signed booking ids: no personal data in URLs)."""

from __future__ import annotations

from django.urls import path
from django.views.generic import RedirectView

from stackwise.booking import views

app_name = "booking"
urlpatterns = [
    path("book/", views.book_call, name="book"),
    path("book/call/<str:token>/", views.manage, name="manage"),
    path("book/confirm/<str:token>/", views.confirm_address, name="confirm"),
    path("book/call/<str:token>/discovery-call.ics", views.calendar_file, name="invite"),
    path("book/call/<str:token>/reschedule/", views.reschedule_call, name="reschedule"),
    path("book/call/<str:token>/cancel/", views.cancel_call, name="cancel"),
    # Where the links in e-mails sent before e-mail confirmation pointed: they keep working.
    path("book/confirmed/<str:token>/", RedirectView.as_view(pattern_name="booking:manage")),
    path("book/cancel/<str:token>/", RedirectView.as_view(pattern_name="booking:cancel")),
    path(
        "book/invite/<str:token>/discovery-call.ics",
        RedirectView.as_view(pattern_name="booking:invite"),
    ),
]
