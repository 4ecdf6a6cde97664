from django.urls import path

from labapp import views

urlpatterns = [
    path("json", views.json_view),
    path("plaintext", views.plaintext),
    path("db", views.db),
    path("queries", views.queries),
    path("updates", views.updates),
    path("fortunes", views.fortunes),
    path("saas/dashboard", views.dashboard),
    path("upstream", views.upstream_view),
]
