from django.urls import path

from . import views

app_name = "faq"

urlpatterns = [
    path("", views.FAQPageListView.as_view(), name="list"),
    path("<slug:slug>/", views.FAQPageDetailView.as_view(), name="detail"),
]
