import copy
import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.forms.models import construct_instance
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_ckeditor_5.widgets import CKEditor5Widget
from taggit.forms import TagWidget
from taggit.models import Tag

from faq.admin import FAQEntryInline
from newsroom.uploads import StorageFullAdmin

from . import audit, desk, jsonld, publishing, revisions, search, structured_data
from .admin_desk import DeskAdmin
from .admin_imports import ImportAdmin
from .models import AlsoReadPin, Article, ArticleAuthor, AuditEntry, Author, Correction, Section

# The buttons of the edit page that move a story through review (besides Save).
SUBMIT, APPROVE, SEND_BACK = "_submit_review", "_approve", "_send_back"


class MostUsedTagFilter(admin.SimpleListFilter):
    """The most used tags to choose from (an archive has thousands); any tag's id works in the address."""

    title = "tag"
    parameter_name = "tag"
    shown = 15

    def lookups(self, request, model_admin):
        tags = Tag.objects.filter(usage__public_articles__gt=0).order_by("-usage__public_articles", "name")
        choices = [(str(tag.pk), tag.name) for tag in tags[: self.shown]]
        chosen = self.value()
        if chosen and chosen.isdigit() and all(pk != chosen for pk, _ in choices):
            extra = Tag.objects.filter(pk=int(chosen)).first()
            if extra:
                choices.append((chosen, extra.name))
        return choices

    def queryset(self, request, queryset):
        chosen = self.value()
        if not chosen:
            return queryset
        if not chosen.isdigit():
            raise IncorrectLookupParameters("A tag is chosen by its number.")
        return queryset.filter(tagged_items__tag_id=int(chosen))


class MineFilter(admin.SimpleListFilter):
    title = "whose"
    parameter_name = "whose"

    def lookups(self, request, model_admin):
        return [("mine", "Created by me"), ("shared", "Shared with me"), ("editable", "I can edit")]

    def queryset(self, request, queryset):
        user = request.user
        if self.value() == "mine":
            return queryset.filter(created_by=user)
        if self.value() == "shared":
            return queryset.filter(shared_with=user)
        if self.value() == "editable":
            return queryset.filter(pk__in=desk.editable_by(user).values("pk"))
        return queryset


class TagSuggestWidget(TagWidget):
    """taggit's comma-separated input, with suggestions of existing tags as you type."""

    class Media:
        js = ["admin/js/tag_suggest.js"]

    def get_context(self, name, value, attrs):
        attrs = {**(attrs or {}), "data-suggest-url": reverse("admin:articles_article_tag_suggestions")}
        return super().get_context(name, value, attrs)


def _https_by_default(field, **kwargs):
    # An address typed without a scheme is taken as https (Django 6's default).
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class ArticleAdminForm(forms.ModelForm):
    # The updated time the editor started from; a save on top of someone
    # else's newer save is refused instead of overwriting it.
    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)
    note_to_writer = forms.CharField(
        label="Note to the writer",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text="Needed to send the story back: what should change before it can be published.",
    )

    class Meta:
        model = Article
        fields = [
            "headline", "slug", "standfirst", "body", "section", "tags", "status", "published_at",
            "hero_image", "hero_alt", "hero_caption", "hero_credit", "hero_copyright", "hero_license",
            "hero_license_page", "seo_title", "meta_description", "shared_with", "live", "coverage_start",
            "coverage_end",
        ]  # fmt: skip
        widgets = {"body": CKEditor5Widget(), "tags": TagSuggestWidget}
        formfield_callback = _https_by_default

    class Media:
        css = {"all": ["admin/css/newsroom_admin.css"]}
        js = ["admin/js/editing_together.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "standfirst" in self.fields:  # absent when the whole form is read-only
            self.fields["standfirst"].widget.attrs["rows"] = 3
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        if APPROVE in self.data and "status" in self.fields:
            cleaned["status"] = Article.Status.PUBLISHED  # publish now, or at a future publication time
        if SEND_BACK in self.data and "status" in self.fields:
            if not cleaned.get("note_to_writer", "").strip():
                self.add_error("note_to_writer", "Write a note that tells the writer what to change.")
            cleaned["status"] = Article.Status.DRAFT
        if cleaned.get("status") == Article.Status.PUBLISHED and not self.errors:
            # The publishing gate, for the fields; the byline inline asks it about authors.
            refused = publishing.field_refusals(construct_instance(self, copy.copy(self.instance)))
            if refused:
                raise ValidationError(refused)
        loaded = cleaned.get("loaded_version")
        if self.instance.pk and loaded:
            current = Article.objects.filter(pk=self.instance.pk).values_list("updated_at", flat=True).first()
            if current and current.isoformat() != loaded:
                raise ValidationError(
                    "Someone else saved this article after you opened it. Open it again to see "
                    "their changes (copy your edits first), then save."
                )
        return cleaned


class BylineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        authors = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("author")
        ]
        # The parent form has already been applied to self.instance.
        if self.instance.status == Article.Status.PUBLISHED and not authors:
            raise ValidationError(publishing.NO_AUTHOR)


class BylineInline(admin.TabularInline):
    model = ArticleAuthor
    formset = BylineFormSet
    autocomplete_fields = ["author"]
    extra = 1
    verbose_name = "author"
    verbose_name_plural = "Byline (names appear in order of position, lowest first)"


class CorrectionInline(admin.StackedInline):
    """Corrections on the story, newest first: editors add and edit them; writers read them."""

    model = Correction
    extra = 0
    fields = ["published_at", "text"]
    verbose_name_plural = "Corrections (shown on the story, in its JSON-LD and on the corrections page)"

    def _is_editor(self, request):
        return request.user.has_perm("articles.publish_article")

    def has_add_permission(self, request, obj=None):
        # A correction is said in public: only on a story readers can see.
        return (
            self._is_editor(request)
            and obj is not None
            and Article.objects.published().filter(pk=obj.pk).exists()
        )

    def has_change_permission(self, request, obj=None):
        return self._is_editor(request)

    def has_delete_permission(self, request, obj=None):
        return self._is_editor(request)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.change_article") or self._is_editor(request)


class PinInline(admin.TabularInline):
    model = AlsoReadPin
    fk_name = "article"
    autocomplete_fields = ["pinned"]
    extra = 0
    verbose_name = "pinned article"
    verbose_name_plural = (
        "Also Read pins (shown first, lowest position first; drafts wait until they are published)"
    )


class SearchPaginator(Paginator):
    """The story list's pages while searching: matches are counted up to ``limit`` and no further.

    A common word is in a fifth of an archive, and counting every match reads every one of
    them; past ``limit`` the list says "more than" and the editor adds a word.
    """

    limit = 1000

    @cached_property
    def count(self):
        return self.object_list[: self.limit + 1].count()


@admin.register(Article)
class ArticleAdmin(ImportAdmin, DeskAdmin, StorageFullAdmin, admin.ModelAdmin):
    form = ArticleAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [CorrectionInline, BylineInline, FAQEntryInline, PinInline]
    list_display = ["headline", "state", "published_at", "section", "byline"]
    # No date hierarchy: its years are a DISTINCT over every story; the date filter costs no query.
    list_filter = [
        MineFilter,
        "status",
        "section",
        ("published_at", admin.DateFieldListFilter),
        MostUsedTagFilter,
        "authors",
    ]
    list_select_related = ["section"]
    search_fields = ["headline", "standfirst", "slug"]
    show_full_result_count = False  # one COUNT of the archive a page is enough
    list_per_page = 25  # as many as WordPress lists a page (20), give or take
    prepopulated_fields = {"slug": ["headline"]}
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body", "section", "tags"]}),
        ("Publishing", {"fields": ["status", "published_at", "loaded_version"]}),
        (
            "Hero image",
            {
                "fields": [
                    "hero_image",
                    "hero_alt",
                    "hero_caption",
                    "hero_credit",
                    "hero_copyright",
                    "hero_license",
                    "hero_license_page",
                ]
            },
        ),
        ("Live coverage", {"fields": ["live", "coverage_start", "coverage_end"], "classes": ["collapse"]}),
        ("Search engines", {"fields": ["seo_title", "meta_description"], "classes": ["collapse"]}),
        ("Sharing", {"fields": ["shared_with"], "classes": ["collapse"]}),
        ("Structured data", {"fields": ["structured_data"]}),
    ]
    readonly_fields = ["structured_data"]
    autocomplete_fields = ["section"]
    filter_horizontal = ["shared_with"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "shared_with":
            kwargs["queryset"] = db_field.related_model.objects.filter(
                is_staff=True, is_active=True
            ).order_by("username")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.status == Article.Status.REVIEW and desk.is_editor(request.user):
            fieldsets = [("Review", {"fields": ["note_to_writer"]}), *fieldsets]
        return fieldsets

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bylines__author")

    @admin.display(description=mark_safe('<input type="checkbox" id="action-toggle">'))
    def action_checkbox(self, article):
        """The row's checkbox for the bulk actions, as Django's widget makes it, without its template."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            article.pk,
            format_html(_("Select this object for an action - {}"), str(article)),
        )

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = SearchPaginator if request.GET.get(SEARCH_VAR, "").strip() else Paginator
        return paginator(queryset, per_page, orphans, allow_empty_first_page)

    def get_search_results(self, request, queryset, search_term):
        """On PostgreSQL, the words typed as word beginnings in the stories' search vectors.

        The vector (headline, standfirst, tags, body) has an index; substrings of three text
        columns (Django's default) read every story of the archive. A slug is found as typed.
        """
        if not search.is_postgres() or not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        return search.staff_search(queryset, search_term), False

    # Roles: editors (publish_article) publish, schedule, unpublish and delete;
    # writers write drafts, and may delete only drafts they created themselves.
    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def get_readonly_fields(self, request, obj=None):
        extra = [] if self.has_publish_permission(request) else ["status", "published_at"]
        return [*self.readonly_fields, *extra]

    @admin.display(description="What search engines will read")
    def structured_data(self, article):
        """The page's JSON-LD as it will be emitted, and what is off in it."""
        if not article.pk:
            return "Save the article to see its structured data and any problems in it."
        article = Article.objects.for_detail().get(pk=article.pk)
        found = structured_data.findings(article)
        items = format_html_join(
            "", '<li class="finding finding--{}"><strong>{}</strong> {} <code>{}</code></li>',
            ((f.level, f.level.capitalize(), f.message, f.field) for f in found),
        )  # fmt: skip
        summary = items if found else format_html("<li>{}</li>", "No problems found.")
        graph = json.dumps(jsonld.article_graph(article, article.breadcrumbs()), indent=2, ensure_ascii=False)
        return format_html('<ul class="findings">{}</ul><pre class="jsonld-preview">{}</pre>', summary, graph)

    def has_change_permission(self, request, obj=None):
        # A writer's change to a published story is kept for an editor (see save_model).
        if obj is not None and not desk.can_edit(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if super().has_delete_permission(request, obj):
            return True
        return (
            obj is not None
            and obj.status == Article.Status.DRAFT
            and obj.created_by_id == request.user.pk
            and request.user.has_perm("articles.change_article")
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            return super().save_formset(request, form, formset, change)
        for correction in formset.save(commit=False):
            correction.created_by = correction.created_by or request.user
            correction.save()
            audit.record(request.user, form.instance, audit.Action.CORRECTED, correction.text)
        for correction in formset.deleted_objects:
            correction.delete()
            audit.record(request.user, form.instance, audit.Action.CORRECTED, f"Removed: {correction.text}")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        before = audit.state_of(obj)
        if change and desk.waits_for_an_editor(request.user, Article.objects.get(pk=obj.pk)):
            # Saved, read back whole in save_related, and rolled back: the live story stays as it was.
            request.newsroom_proposal = transaction.savepoint()
        super().save_model(request, obj, form, change)
        if not change:
            audit.record(request.user, obj, audit.Action.CREATED)
        if getattr(request, "newsroom_proposal", None):
            return
        if SUBMIT in request.POST and obj.status == Article.Status.DRAFT:
            desk.submit(request.user, obj)
        elif SEND_BACK in request.POST and before and before[0] == Article.Status.REVIEW:
            desk.send_back(request.user, obj, form.cleaned_data["note_to_writer"].strip())
        elif APPROVE in request.POST and obj.status == Article.Status.PUBLISHED:
            Article.objects.filter(pk=obj.pk).update(review_note="")
            audit.record(request.user, obj, audit.Action.APPROVED)
        self.audit_publication(request, before, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        proposal = getattr(request, "newsroom_proposal", None)
        if proposal:
            state = revisions.state_of(article)
            transaction.savepoint_rollback(proposal)
            desk.propose(request.user, article, state)
            return
        revisions.record(article, request.user, self.revision_comment(request, form, change))

    @staticmethod
    def revision_comment(request, form, change):
        for button, said in [
            (SUBMIT, "Submitted for review"),
            (APPROVE, "Approved"),
            (SEND_BACK, "Sent back"),
        ]:
            if button in request.POST:
                return said
        if not change:
            return "Created"
        changed = [form.fields[name].label or name for name in form.changed_data if name in form.fields]
        return f"Edited: {', '.join(str(label).lower() for label in changed)}" if changed else "Saved"

    def log_change(self, request, obj, message):
        if getattr(request, "newsroom_proposal", None):
            message = "Proposed changes for an editor"
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if getattr(request, "newsroom_proposal", None):
            self.message_user(
                request,
                "Your changes wait for an editor. The published story is unchanged until one applies them.",
                messages.SUCCESS,
            )
            return redirect("admin:articles_article_change", obj.pk)
        return super().response_change(request, obj)

    def audit_publication(self, request, before, article):
        action = audit.publication(before, article)
        if action:
            when = timezone.localtime(article.published_at)
            detail = f"for {when:%Y-%m-%d %H:%M %Z}" if action == audit.Action.SCHEDULED else ""
            audit.record(request.user, article, action, detail)

    def delete_model(self, request, obj):
        audit.record(request.user, obj, audit.Action.DELETED)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            audit.record(request.user, article, audit.Action.DELETED)
        super().delete_queryset(request, queryset)

    @admin.display(description="state", ordering="status")
    def state(self, article):
        if article.is_scheduled:
            return "Scheduled"
        return article.get_status_display()

    @admin.display(description="authors")
    def byline(self, article):
        return ", ".join(author.name for author in article.ordered_authors)

    @admin.action(description="Publish selected articles", permissions=["publish"])
    def publish(self, request, queryset):
        """Publish each selected draft that passes the publishing gate; name the others and why."""
        published = 0
        for article in queryset.exclude(status=Article.Status.PUBLISHED).select_related("section"):
            refused = publishing.refusals(article)
            if refused:
                reasons = " ".join(message for message in refused if message != publishing.STRUCTURED_DATA)
                self.message_user(request, f"Not published: {article.headline}. {reasons}", messages.ERROR)
                continue
            before = (article.status, article.published_at)  # as loaded: nothing has changed it yet
            article.status = Article.Status.PUBLISHED
            article.save()
            self.audit_publication(request, before, article)
            revisions.record(article, request.user, "Published (from the list)")
            published += 1
        if published:
            self.message_user(request, f"Published {published} article(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected articles (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.DRAFT
            article.save()
            audit.record(request.user, article, audit.Action.UNPUBLISHED)
            revisions.record(article, request.user, "Unpublished (from the list)")
            count += 1
        self.message_user(request, f"Moved {count} article(s) back to draft.", messages.SUCCESS)

    def get_urls(self):
        suggest = self.admin_site.admin_view(self.tag_suggestions)
        return [  # DeskAdmin adds its pages before these
            path("tag-suggestions/", suggest, name="articles_article_tag_suggestions"),
            *super().get_urls(),
        ]

    def tag_suggestions(self, request):
        prefix = request.GET.get("q", "").strip()[:100]
        names = []
        if prefix:
            names = list(
                Tag.objects.filter(name__istartswith=prefix)
                .order_by("name")
                .values_list("name", flat=True)[:10]
            )
        return JsonResponse({"tags": names})


class AuthorForm(forms.ModelForm):
    class Meta:
        model = Author
        fields = ["name", "slug", "job_title", "bio", "photo", "user", "profile_links"]
        widgets = {"bio": CKEditor5Widget(config_name="answer")}


@admin.register(Author)
class AuthorAdmin(StorageFullAdmin, admin.ModelAdmin):
    form = AuthorForm
    list_display = ["name", "job_title", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "job_title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log: editors read it; nobody adds, changes or deletes an entry."""

    list_display = ["at", "username", "action", "story", "detail"]
    list_filter = ["action", "at"]
    search_fields = ["headline", "username", "detail"]
    date_hierarchy = "at"
    list_select_related = ["article__section"]

    @admin.display(description="story", ordering="headline")
    def story(self, entry):
        if entry.article_id is None:
            return entry.headline
        url = reverse("admin:articles_article_change", args=[entry.article_id])
        return format_html('<a href="{}">{}</a>', url, entry.headline)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.publish_article")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
