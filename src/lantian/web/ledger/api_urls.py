from django.urls import include, path
from rest_framework.routers import DefaultRouter

from lantian.web.ledger import edit_views, evidence_views, views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("plans", views.PlanViewSet, basename="plan")
router.register("tasks", views.TaskViewSet, basename="task")

urlpatterns = [
    path(
        "requests/<str:kind>/<int:pk>/decide/",
        views.DecideView.as_view(),
        name="ledger-request-decide",
    ),
    path("targets/<int:pk>/", edit_views.TargetView.as_view(), name="ledger-target-api"),
    path(
        "evidence/<int:pk>/",
        evidence_views.EvidenceDownloadView.as_view(),
        name="ledger-evidence-api",
    ),
    path("", include(router.urls)),
]
