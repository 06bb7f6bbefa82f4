from django.urls import include, path
from rest_framework.routers import DefaultRouter

from lantian.web.ledger import views

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
    path("", include(router.urls)),
]
