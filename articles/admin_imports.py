"""The article admin's import pages: a story from a document, and a WordPress export.

They call the same code as ``manage.py import_story`` and ``manage.py import_wordpress``; a
WordPress export is imported in the background (``articles.tasks.import_wordpress``), and its
page shows the report once the worker is done.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path

from newsroom.background import soon

from . import tasks
from .imports import documents, stories
from .models import Author, Section, WordPressImport


class StoryImportForm(forms.Form):
    document = forms.FileField(
        required=False,
        help_text="Word (.docx), Markdown (.md), HTML (.html, as Google Docs downloads a web page) "
        "or text (.txt).",
    )
    text = forms.CharField(
        label="Or paste the story",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="The title on the first line; an “FAQs” heading with questions ending in “?” "
        "becomes the FAQ; a closing “Also Read:” list becomes pins where it names published stories.",
    )
    section = forms.ModelChoiceField(queryset=Section.objects.all())
    authors = forms.ModelMultipleChoiceField(queryset=Author.objects.all(), required=False)

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("document"), (cleaned.get("text") or "").strip()
        if upload and text:
            raise forms.ValidationError("Upload a file or paste the story, not both.")
        if not upload and not text:
            raise forms.ValidationError("Upload a file or paste the story.")
        if upload and upload.size > settings.NEWSROOM_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {settings.NEWSROOM_IMPORT_MAX_BYTES // 2**20} MB."
            )
        try:
            if upload:
                cleaned["story"] = documents.read(upload.name, upload.read())
            else:
                cleaned["story"] = documents.story_of_text(text)
        except documents.UnreadableDocument as error:
            raise forms.ValidationError(str(error)) from None
        if not cleaned["story"].title:
            raise forms.ValidationError("No title was found: the first line (or heading) is the title.")
        return cleaned


class WordPressImportForm(forms.Form):
    export = forms.FileField(help_text="The .xml file from WordPress's Tools > Export > All content.")
    section = forms.CharField(
        initial="News", max_length=80, help_text="The section of posts with no category."
    )
    dry_run = forms.BooleanField(
        required=False, initial=True, label="Dry run: check everything and save nothing"
    )

    def clean_export(self):
        export = self.cleaned_data["export"]
        if export.size > settings.NEWSROOM_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                f"The export is larger than {settings.NEWSROOM_IMPORT_MAX_BYTES // 2**20} MB: "
                "import it on the server with manage.py import_wordpress."
            )
        return export


class ImportAdmin:
    def get_urls(self):
        return [
            path(
                "import-story/",
                self.admin_site.admin_view(self.import_story_view),
                name="articles_article_import_story",
            ),
            path(
                "import-wordpress/",
                self.admin_site.admin_view(self.import_wordpress_view),
                name="articles_article_import_wordpress",
            ),
            path(
                "import-wordpress/<int:job_id>/",
                self.admin_site.admin_view(self.import_wordpress_view),
                name="articles_article_import_wordpress_job",
            ),
            *super().get_urls(),
        ]

    def _page(self, request, template, **context):
        return TemplateResponse(
            request, template, {**self.admin_site.each_context(request), "opts": self.model._meta, **context}
        )

    def import_story_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        own = getattr(request.user, "author_profile", None)
        form = StoryImportForm(
            request.POST or None, request.FILES or None, initial={"authors": [own] if own else []}
        )
        if request.method == "POST" and form.is_valid():
            story = form.cleaned_data["story"]
            upload = form.cleaned_data.get("document")
            article, unmatched = stories.create_draft(
                story,
                section=form.cleaned_data["section"],
                authors=list(form.cleaned_data["authors"]),
                user=request.user,
                source=upload.name if upload else "pasted text",
            )
            messages.success(request, f"Draft saved. {story.summary()}")
            for text in unmatched:
                messages.warning(request, f"Also Read names no published story: {text}")
            return redirect("admin:articles_article_change", article.pk)
        return self._page(
            request, "admin/articles/article/import_story.html", title="Import a story", form=form
        )

    def import_wordpress_view(self, request, job_id=None):
        """The form; once sent, the import runs in the background and this page shows how it went."""
        if not request.user.has_perm("articles.publish_article"):
            raise PermissionDenied
        job = get_object_or_404(WordPressImport, pk=job_id) if job_id else None
        form = WordPressImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            job = WordPressImport.objects.create(
                requested_by=request.user,
                export=b"".join(form.cleaned_data["export"].chunks()),
                default_section=form.cleaned_data["section"],
                dry_run=form.cleaned_data["dry_run"],
            )
            soon(tasks.import_wordpress, job.pk)
            return redirect("admin:articles_article_import_wordpress_job", job.pk)
        if job is not None:
            job.refresh_from_db()
        return self._page(
            request,
            "admin/articles/article/import_wordpress.html",
            title="Import a WordPress export",
            form=form,
            job=job,
            media_dir=settings.NEWSROOM_IMPORT_MEDIA_DIR,
        )
