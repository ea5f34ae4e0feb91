"""The article admin's desk pages: revisions, compare, restore, proposed changes, who else is editing.

A mixin for ``ArticleAdmin``, kept apart so the form and its save stay readable.
"""

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from newsroom.models import Picture

from . import compare, desk, live, presence, revisions
from .models import Article, LiveUpdate, PendingChange, RevisionContent


def body_pictures(article):
    """The uploaded pictures the story's body shows, for links to their credit and rights."""
    media = re.escape(settings.MEDIA_URL)
    names = re.findall(rf'<img[^>]*\ssrc="{media}([^"]+)"', article.body)
    return list(Picture.objects.filter(name__in=names)) if names else []


class DeskAdmin:
    change_form_template = "admin/articles/article/change_form.html"

    def get_urls(self):
        def view(function, name):
            return path(
                f"<int:pk>/{name}/", self.admin_site.admin_view(function), name=f"articles_article_{name}"
            )

        return [
            view(self.compare_view, "compare"),
            path(
                "<int:pk>/restore/<int:revision>/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_article_restore",
            ),
            path(
                "<int:pk>/pending/<int:pending>/<str:decision>/",
                self.admin_site.admin_view(self.pending_view),
                name="articles_article_pending",
            ),
            view(self.presence_view, "presence"),
            view(self.live_view, "live"),
            path(
                "<int:pk>/live/<int:update>/delete/",
                self.admin_site.admin_view(self.live_delete_view),
                name="articles_article_live_delete",
            ),
            *super().get_urls(),
        ]

    def _article(self, request, pk, *, to_change=False):
        article = get_object_or_404(Article, pk=pk)
        allowed = (
            self.has_change_permission(request, article)
            if to_change
            else self.has_view_permission(request, article)
        )
        if not allowed:
            raise PermissionDenied
        return article

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = Article.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        extra = {}
        if article is not None:
            user = request.user
            mine = PendingChange.objects.filter(article=article, proposed_by=user).first()
            extra = {
                "is_editor": desk.is_editor(user),
                "may_submit": article.status == Article.Status.DRAFT and desk.can_edit(user, article),
                "may_review": article.status == Article.Status.REVIEW and desk.is_editor(user),
                "pending_changes": (
                    PendingChange.objects.filter(article=article).select_related("proposed_by")
                    if desk.is_editor(user)
                    else []
                ),
                "my_pending_change": mine,
                "waits_for_an_editor": desk.waits_for_an_editor(user, article)
                and desk.can_edit(user, article),
                "presence_url": reverse("admin:articles_article_presence", args=[article.pk]),
                "live_form": live.LiveUpdateForm() if article.live and desk.is_editor(user) else None,
                "live_updates": list(article.live_updates.all()[:30]) if article.live else [],
                "heartbeat_seconds": presence.HEARTBEAT_SECONDS,
                "body_pictures": body_pictures(article),
            }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def history_view(self, request, object_id, extra_context=None):
        """The story's revisions, newest first: pick two to compare, or restore one."""
        if not str(object_id).isdigit():
            raise Http404
        article = self._article(request, int(object_id))
        history = list(revisions.history(article)[:200])
        context = {
            **self.admin_site.each_context(request),
            "title": f"Revisions of “{article.headline}”",
            "opts": self.model._meta,
            "original": article,
            "revisions": history,
            "may_restore": self.has_change_permission(request, article),
            "compare_url": reverse("admin:articles_article_compare", args=[article.pk]),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def compare_view(self, request, pk):
        """Two states side by side; ``old`` and ``new``: a revision, ``live`` or ``pending-<id>``."""
        article = self._article(request, pk)
        old_label, old = self._state(article, request.GET.get("old", ""))
        new_label, new = self._state(article, request.GET.get("new", "live"))
        if old is None or new is None:
            messages.error(request, "Choose two revisions of this article to compare.")
            return redirect("admin:articles_article_history", article.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare: “{article.headline}”",
            "opts": self.model._meta,
            "original": article,
            "old_label": old_label,
            "new_label": new_label,
            "rows": compare.rows(old, new),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def _state(self, article, name):
        """(label, state) for ``live``, ``pending-<id>`` or a revision's id; (None, None) for nothing."""
        if name == "live":
            return "The story now", revisions.state_of(article)
        if name.startswith("pending-") and name[8:].isdigit():
            pending = (
                PendingChange.objects.filter(article=article, pk=int(name[8:]))
                .select_related("proposed_by")
                .first()
            )
            if pending:
                return f"Proposed by {pending.proposer}", pending.state
        if name.isdigit():
            content = (
                RevisionContent.objects.filter(article=article, revision_id=int(name))
                .select_related("revision__user")
                .first()
            )
            if content:
                return revisions.describe(content), revisions.state_of_revision(content)
        return None, None

    def restore_view(self, request, pk, revision):
        """Restore a revision: a new edit, checked by the publishing gate; a writer's waits for an editor."""
        article = self._article(request, pk, to_change=True)
        content = get_object_or_404(
            RevisionContent.objects.select_related("revision"), article=article, revision_id=revision
        )
        if request.method != "POST":
            return redirect("admin:articles_article_history", article.pk)
        described = revisions.describe(content)
        if desk.waits_for_an_editor(request.user, article):
            state = revisions.state_of_revision(content)
            live = revisions.state_of(article)["fields"]  # restoring keeps the status and time
            state["fields"] |= {key: live[key] for key in ("status", "published_at")}
            desk.propose(request.user, article, state)
            messages.success(
                request, f"Restoring {described} waits for an editor; the published story is unchanged."
            )
        else:
            try:
                desk.restore(article, content, request.user)
            except desk.Refused as refused:
                messages.error(request, f"Not restored: {' '.join(refused.reasons)}")
                return redirect("admin:articles_article_history", article.pk)
            messages.success(request, f"Restored {described}. Its status and publication time are unchanged.")
        return redirect("admin:articles_article_change", article.pk)

    def pending_view(self, request, pk, pending, decision):
        """An editor applies or discards a writer's proposed change."""
        article = self._article(request, pk)
        if request.method != "POST" or decision not in ("apply", "discard"):
            return redirect("admin:articles_article_change", article.pk)
        if not desk.is_editor(request.user):
            raise PermissionDenied
        change = get_object_or_404(
            PendingChange.objects.select_related("proposed_by", "article"), article=article, pk=pending
        )
        if decision == "discard":
            desk.discard_pending(change, request.user)
            messages.success(request, "The proposed changes were discarded; the story is unchanged.")
            return redirect("admin:articles_article_change", article.pk)
        try:
            desk.apply_pending(change, request.user)
        except desk.Refused as refused:
            messages.error(request, f"Not applied: {' '.join(refused.reasons)}")
        else:
            messages.success(request, "The proposed changes are now on the story.")
        return redirect("admin:articles_article_change", article.pk)

    def presence_view(self, request, pk):
        """The edit page's heartbeat: who else has the story open, and whether it was saved since."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, pk)
        if request.POST.get("leave"):
            presence.leave(article, request.user)
            return JsonResponse({})
        return JsonResponse(presence.beat(article, request.user, request.POST.get("version", "")))

    def live_view(self, request, pk):
        """The quick form of a live story: post an update (editors)."""
        article = self._article(request, pk)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not desk.is_editor(request.user) or not article.live:
            raise PermissionDenied
        form = live.LiveUpdateForm(request.POST, request.FILES)
        if form.is_valid():
            live.post(article, form, request.user)
            messages.success(request, "Update posted: readers see it within seconds.")
        else:
            problems = " ".join(str(error) for errors in form.errors.values() for error in errors)
            messages.error(request, f"Not posted: {problems}")
        return redirect(reverse("admin:articles_article_change", args=[article.pk]) + "#live-updates")

    def live_delete_view(self, request, pk, update):
        article = self._article(request, pk)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not desk.is_editor(request.user):
            raise PermissionDenied
        get_object_or_404(LiveUpdate, article=article, pk=update).delete()
        messages.success(request, "Update removed.")
        return redirect(reverse("admin:articles_article_change", args=[article.pk]) + "#live-updates")
