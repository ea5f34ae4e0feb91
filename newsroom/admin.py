from django.contrib import admin
from django.db import models

from .models import Publisher
from .uploads import StorageFullAdmin


@admin.register(Publisher)
class PublisherAdmin(StorageFullAdmin, admin.ModelAdmin):
    """One record: it can be edited, not added twice or deleted."""

    list_display = ["name"]
    fieldsets = [
        (None, {"fields": ["name", "logo", "same_as"]}),
        (
            "Policies",
            {"fields": ["corrections_policy", "ethics_policy", "masthead", "publishing_principles"]},
        ),
        ("Sharing", {"fields": ["card_image", "card_alt"]}),
        (
            "Rights of staff pictures",
            {
                "fields": ["picture_copyright", "picture_license", "picture_license_page"],
                "description": "For pictures without a credit; a credited picture carries its own.",
            },
        ),
    ]
    # An address typed without a scheme is taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return not Publisher.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
