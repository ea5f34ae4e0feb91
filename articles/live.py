"""Live coverage: posting an update, and what it refreshes.

An update refreshes only its story's pages (the page and its updates
fragment, ``live-<id>``) and moves the story's ``dateModified``; lists, which
show the story's card (``article-<id>``), keep their cached pages. Readers'
pages fetch the fragment (``static/js/live.js``).
"""

from django import forms
from django.conf import settings
from django.utils import timezone

from newsroom.dependencies import depends_on, invalidate

from .models import Article, LiveUpdate


def live_tag(pk):
    """The pages that show a live story's updates: its page and its updates fragment, not the lists."""
    return f"live-{pk}"


class LiveUpdateForm(forms.ModelForm):
    class Meta:
        model = LiveUpdate
        fields = ["text", "picture", "picture_alt", "key_event"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def clean_picture(self):
        picture = self.cleaned_data.get("picture")
        if picture and picture.size > settings.NEWSROOM_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                f"The picture is larger than {settings.NEWSROOM_UPLOAD_MAX_BYTES // 2**20} MB."
            )
        return picture

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("picture") and not cleaned.get("picture_alt", "").strip():
            self.add_error("picture_alt", "A picture needs alt text for readers who cannot see it.")
        return cleaned


def post(article, form, user):
    """Save the update ``form`` holds on ``article``, by ``user``."""
    update = form.save(commit=False)
    update.article = article
    update.created_by = user
    update.save()
    return update


def follow_update(instance, **kwargs):
    """post_save / post_delete of a LiveUpdate: the story changed, its lists did not."""
    Article.objects.filter(pk=instance.article_id).update(content_modified_at=timezone.now())
    invalidate({live_tag(instance.article_id)})


def updates_of(article):
    """The story's updates, newest first ([] unless it is live), loaded once for the page and its JSON-LD."""
    if not article.live:
        return []
    depends_on(live_tag(article.pk))
    return list(article.live_updates.all())
