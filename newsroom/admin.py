from django.contrib import admin
from django.core.files.storage import default_storage
from django.db import models
from django.utils.html import format_html
from django_tasks import TaskResultStatus

from .background import ATTEMPTS
from .models import FailedWork, Picture, Publisher
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


@admin.register(FailedWork)
class FailedWorkAdmin(admin.ModelAdmin):
    """Background work that failed: what, which try, when, the error, and what happens next.

    A failed try before the last is tried again by itself (``newsroom.background``);
    after the last, *Try again* asks for it once more, from its first try.
    """

    list_display = ("work", "tried", "finished_at", "error", "next_step")
    list_display_links = None
    ordering = ["-finished_at"]
    actions = ["try_again"]
    search_fields = ["task_path"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=TaskResultStatus.FAILED)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]  # a record: read, never edited

    @staticmethod
    def _arguments(obj):
        arguments = obj.args_kwargs or {}
        kwargs = {key: value for key, value in arguments.get("kwargs", {}).items() if key != "attempt"}
        return arguments.get("args", []), kwargs

    @staticmethod
    def _attempt(obj):
        return (obj.args_kwargs or {}).get("kwargs", {}).get("attempt", 1)

    @staticmethod
    def _attempts(obj):
        try:
            return getattr(obj.task.func, "attempts", ATTEMPTS)
        except ImportError:  # the task is no longer in the code
            return ATTEMPTS

    @admin.display(description="work")
    def work(self, obj):
        args, kwargs = self._arguments(obj)
        shown = [repr(value) for value in args] + [f"{key}={value!r}" for key, value in kwargs.items()]
        return f"{obj.task_name}({', '.join(shown)})"

    @admin.display(description="try")
    def tried(self, obj):
        return f"{self._attempt(obj)} of {self._attempts(obj)}"

    @admin.display(description="error")
    def error(self, obj):
        lines = [line for line in (obj.traceback or "").strip().splitlines() if line.strip()]
        return lines[-1] if lines else obj.exception_class_path

    @admin.display(description="next")
    def next_step(self, obj):
        if self._attempt(obj) < self._attempts(obj):
            return "Tried again by itself"
        return "Given up: select it and choose Try again"

    @admin.action(description="Try again", permissions=["change"])
    def try_again(self, request, queryset):
        asked = 0
        for obj in queryset:
            args, kwargs = self._arguments(obj)
            obj.task.enqueue(*args, **kwargs)
            asked += 1
        self.message_user(request, f"Asked for {asked} again; a worker will do it shortly.")
