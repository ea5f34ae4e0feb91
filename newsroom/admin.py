from django.contrib import admin
from django.core.files.storage import default_storage
from django.db import models
from django.utils.html import format_html

from .models import Picture, Publisher
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


@admin.register(Picture)
class PictureAdmin(admin.ModelAdmin):
    """Pictures uploaded into bodies: their credit and rights, edited here."""

    list_display = ["thumbnail", "__str__", "credit", "uploaded_at"]
    search_fields = ["name", "credit"]
    fields = ["preview", "credit", "copyright_notice", "license", "license_page"]
    readonly_fields = ["preview"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description="picture")
    def thumbnail(self, picture):
        return format_html(
            '<img src="{}" alt="" width="96" loading="lazy">', default_storage.url(picture.name)
        )

    @admin.display(description="picture")
    def preview(self, picture):
        return format_html('<img src="{}" alt="" width="384">', default_storage.url(picture.name))

    def has_add_permission(self, request):
        return False  # pictures come in through the editor's upload
